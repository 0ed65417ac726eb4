package vn.tracegate.checkin.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.tracegate.checkin.qr.QrVerifierTest.BADGE;
import static vn.tracegate.checkin.qr.QrVerifierTest.K1;
import static vn.tracegate.checkin.qr.QrVerifierTest.POSTER;
import static vn.tracegate.checkin.qr.QrVerifierTest.T0;
import static vn.tracegate.checkin.qr.QrVerifierTest.assertRefused;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.Rejection;

class QrPayloadFormatTest {

  private final QrVerifier verifier = new QrVerifier(KeyRing.of(K1));

  @Test
  void aPosterReadsAsVersionKindKeyCheckpointIssuedAtAndSignature() {
    assertThat(POSTER).matches("TG1\\.P\\.k1\\.gate-a\\." + Long.toString(T0.getEpochSecond(), 36)
        + "\\.[A-Za-z0-9_-]{85}[AQgw]");
  }

  @Test
  void aBadgeReadsAsVersionKindKeyWorkerWindowAndSignature() {
    String until = Long.toString(T0.plus(Duration.ofHours(3)).getEpochSecond(), 36);
    assertThat(BADGE).matches("TG1\\.B\\.k1\\.W000123\\." + Long.toString(T0.getEpochSecond(), 36)
        + "\\." + until + "\\.[A-Za-z0-9_-]{85}[AQgw]");
  }

  @Test
  void theLongestPossibleBadgeFitsTheLengthCap() {
    SigningKey longKid = SigningKey.generate("k".repeat(32), T0);
    String badge = new QrSigner(KeyRing.of(longKid))
        .badge("w".repeat(64), Instant.ofEpochSecond(2_000_000_000_000L), Duration.ofDays(1))
        .payload();

    assertThat(badge.length()).isLessThanOrEqualTo(QrPayloadFormat.MAX_LENGTH);
    assertThat(new QrVerifier(KeyRing.of(longKid))
        .verify(badge, QrKind.BADGE, Instant.ofEpochSecond(2_000_000_000_001L)).subjectId())
        .isEqualTo("w".repeat(64));
  }

  static Stream<Arguments> malformedPayloads() {
    String sig = POSTER.substring(POSTER.lastIndexOf('.') + 1);
    String head = POSTER.substring(0, POSTER.lastIndexOf('.'));
    String issued = Long.toString(T0.getEpochSecond(), 36);
    return Stream.of(
        Arguments.of("nothing", ""),
        Arguments.of("a null payload", null),
        Arguments.of("a web address", "https://example.com/checkin?cp=gate-a"),
        Arguments.of("too long", POSTER + "x".repeat(300)),
        Arguments.of("one field too many", head + ".x." + sig),
        Arguments.of("one field too few", "TG1.P.k1." + issued + "." + sig),
        Arguments.of("another version", POSTER.replace("TG1.", "TG2.")),
        Arguments.of("a lower-case kind", POSTER.replace("TG1.P.", "TG1.p.")),
        Arguments.of("a badge field count with a poster kind",
            "TG1.P.k1.gate-a." + issued + "." + issued + "." + sig),
        Arguments.of("an empty key id", POSTER.replace(".k1.", "..")),
        Arguments.of("a key id of 33 characters", POSTER.replace(".k1.", "." + "k".repeat(33) + ".")),
        Arguments.of("an id of 65 characters", POSTER.replace(".gate-a.", "." + "g".repeat(65) + ".")),
        Arguments.of("an id with a space", POSTER.replace(".gate-a.", ".gate a.")),
        Arguments.of("an id with a Vietnamese letter", POSTER.replace(".gate-a.", ".cổng-a.")),
        Arguments.of("a number with a leading zero", POSTER.replace("." + issued + ".", ".0" + issued + ".")),
        Arguments.of("an upper-case number", POSTER.replace("." + issued + ".", "." + issued.toUpperCase() + ".")),
        Arguments.of("a signed number", POSTER.replace("." + issued + ".", ".+" + issued + ".")),
        Arguments.of("a number of 9 digits", POSTER.replace("." + issued + ".", ".1" + issued + "00.")),
        Arguments.of("a signature one character short", POSTER.substring(0, POSTER.length() - 1)),
        Arguments.of("a padded signature", POSTER + "=="),
        Arguments.of("a standard base64 signature", head + ".+/" + sig.substring(2)),
        Arguments.of("a badge whose window ends when it starts",
            "TG1.B.k1.W1." + issued + "." + issued + "." + sig));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedPayloads")
  void aMalformedPayloadIsRefusedBeforeAnyCryptography(String what, String payload) {
    assertRefused(() -> verifier.verify(payload, QrKind.POSTER, T0), "QR_MALFORMED");

    assertThat(verifier.stats().badSignatures()).isZero();
  }

  @Test
  void aNonCanonicalLastSignatureCharacterIsRefusedThoughItDecodesToTheSameBytes() {
    char last = POSTER.charAt(POSTER.length() - 1);
    String twin = POSTER.substring(0, POSTER.length() - 1) + (char) (last + 1);

    assertRefused(() -> verifier.verify(twin, QrKind.POSTER, T0), "QR_MALFORMED");
  }

  @Test
  void aRefusalNeverEchoesMoreThanFortyCharactersOfThePayload() {
    String junk = "TG1.P." + "abcdefghij".repeat(25);

    Rejection r = QrVerifierTest.assertRefused(
        () -> verifier.verify(junk, QrKind.POSTER, T0), "QR_MALFORMED");
    assertThat(r.getMessage()).doesNotContain(junk.substring(0, 41));
    assertThat(r.getMessage()).contains("TG1.P.abcdefghij");
  }

  @Test
  void theSignerRefusesAnIdOutsideTheGrammar() {
    assertThatThrownBy(() -> QrVerifierTest.SIGNER.poster("gate.a", T0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QrVerifierTest.SIGNER.poster("x".repeat(65), T0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
