package vn.tracegate.checkin.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.tracegate.checkin.Rejection;

class QrVerifierTest {

  static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");
  static final SigningKey K1 = SigningKey.generate("k1", T0.minusSeconds(86_400));
  static final QrSigner SIGNER = new QrSigner(KeyRing.of(K1));
  static final String POSTER = SIGNER.poster("gate-a", T0);
  static final String BADGE = SIGNER.badge("W000123", T0, Duration.ofHours(3)).payload();
  static final String B64URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  final QrVerifier verifier = new QrVerifier(KeyRing.of(K1));

  @Test
  void aSignedPosterVerifiesBackToItsCheckpoint() {
    VerifiedQr qr = verifier.verify(POSTER, QrKind.POSTER, T0.plusSeconds(5));

    assertThat(qr).isEqualTo(new VerifiedQr(QrKind.POSTER, "k1", "gate-a", T0, null));
  }

  @Test
  void aSignedBadgeVerifiesBackToItsWorkerAndWindow() {
    VerifiedQr qr = verifier.verify(BADGE, QrKind.BADGE, T0.plusSeconds(60));

    assertThat(qr).isEqualTo(
        new VerifiedQr(QrKind.BADGE, "k1", "W000123", T0, T0.plus(Duration.ofHours(3))));
  }

  @Test
  void aPosterIsRefusedWhereABadgeIsExpectedAndABadgeWhereAPosterIs() {
    assertRefused(() -> verifier.verify(POSTER, QrKind.BADGE, T0), "QR_WRONG_KIND");
    assertRefused(() -> verifier.verify(BADGE, QrKind.POSTER, T0), "QR_WRONG_KIND");
  }

  @Test
  void aCodeSignedWithAKeyTheServerDoesNotKnowIsRefused() {
    QrVerifier other = new QrVerifier(KeyRing.of(SigningKey.generate("k2", T0)));

    Rejection r = assertRefused(() -> other.verify(POSTER, QrKind.POSTER, T0), "QR_UNKNOWN_KEY");
    assertThat(r.getMessage()).contains("'k1'");
  }

  @Test
  void aCodeWhoseSignatureWasMadeByAnotherKeyIsRefusedAndNotCached() {
    QrSigner forger = new QrSigner(KeyRing.of(SigningKey.generate("k1", T0)));
    String forged = forger.poster("gate-a", T0);

    assertRefused(() -> verifier.verify(forged, QrKind.POSTER, T0), "QR_BAD_SIGNATURE");
    assertRefused(() -> verifier.verify(forged, QrKind.POSTER, T0), "QR_BAD_SIGNATURE");
    assertThat(verifier.stats().badSignatures()).isEqualTo(2);
    assertThat(verifier.stats().cached()).isZero();
  }

  @Test
  void aPosterSignedWithARetiredKeyStillVerifies() {
    SigningKey k2 = SigningKey.generate("k2", T0);
    verifier.updateKeys(KeyRing.of(K1.withStatus(KeyStatus.RETIRED), k2));

    assertThat(verifier.verify(POSTER, QrKind.POSTER, T0).kid()).isEqualTo("k1");
  }

  @Test
  void aCodeSignedWithARevokedKeyIsRefusedEvenAfterItWasCached() {
    verifier.verify(BADGE, QrKind.BADGE, T0);
    verifier.verify(BADGE, QrKind.BADGE, T0);
    assertThat(verifier.stats().cacheHits()).isEqualTo(1);

    verifier.updateKeys(KeyRing.of(K1.withStatus(KeyStatus.REVOKED)));

    assertRefused(() -> verifier.verify(BADGE, QrKind.BADGE, T0), "QR_KEY_REVOKED");
  }

  @Test
  void aCachedCodeIsCheckedAgainWhenItsKeyIdNowNamesAnotherKeyPair() {
    verifier.verify(POSTER, QrKind.POSTER, T0);

    verifier.updateKeys(KeyRing.of(SigningKey.generate("k1", T0)));

    assertRefused(() -> verifier.verify(POSTER, QrKind.POSTER, T0), "QR_BAD_SIGNATURE");
  }

  @ParameterizedTest(name = "poster with position {0} altered")
  @MethodSource("posterPositions")
  void oneAlteredCharacterAnywhereInAPosterIsRefused(int position) {
    verifier.verify(POSTER, QrKind.POSTER, T0); // cached first: the cache must not mask it

    assertAlteredRefused(POSTER, position, QrKind.POSTER);
  }

  @ParameterizedTest(name = "badge with position {0} altered")
  @MethodSource("badgePositions")
  void oneAlteredCharacterAnywhereInABadgeIsRefused(int position) {
    verifier.verify(BADGE, QrKind.BADGE, T0);

    assertAlteredRefused(BADGE, position, QrKind.BADGE);
  }

  @Test
  void anExpiredBadgeIsRefusedWithTheInstantItExpired() {
    Instant hourAfterExpiry = T0.plus(Duration.ofHours(4));

    Rejection r = assertRefused(
        () -> verifier.verify(BADGE, QrKind.BADGE, hourAfterExpiry), "QR_EXPIRED");
    assertThat(r.getMessage())
        .isEqualTo("worker badge expired at 2026-11-22T03:00:00Z; ask the worker to refresh it");
  }

  @Test
  void aBadgeScannedBeforeItsWindowBeyondTheSkewIsNotYetValid() {
    assertRefused(() -> verifier.verify(BADGE, QrKind.BADGE, T0.minusSeconds(121)),
        "QR_NOT_YET_VALID");
  }

  @Test
  void aScannerClockSlightlyOffIsToleratedAtBothEndsOfTheWindow() {
    assertThat(verifier.verify(BADGE, QrKind.BADGE, T0.minusSeconds(120))).isNotNull();
    assertThat(verifier.verify(BADGE, QrKind.BADGE, T0.plus(Duration.ofMinutes(181))))
        .isNotNull();
  }

  @Test
  void aBadgeScannedWhileValidIsAcceptedWhenUploadedHoursAfterItExpired() {
    // The verifier has no clock: validity is judged at the scan's own instant, so an offline
    // batch uploaded the next day still passes, while a scan made after expiry does not.
    Instant scannedAt = T0.plus(Duration.ofMinutes(90));

    assertThat(verifier.verify(BADGE, QrKind.BADGE, scannedAt).subjectId()).isEqualTo("W000123");
    assertRefused(() -> verifier.verify(BADGE, QrKind.BADGE, T0.plus(Duration.ofHours(27))),
        "QR_EXPIRED");
  }

  @Test
  void aVerifiedPayloadIsServedFromTheCacheWithoutASecondSignatureCheck() {
    for (int i = 0; i < 5; i++) {
      verifier.verify(POSTER, QrKind.POSTER, T0);
    }

    assertThat(verifier.stats()).isEqualTo(new QrVerifier.Stats(4, 1, 0, 0, 1));
  }

  @Test
  void theCacheStaysWithinItsBoundAndEvictedCodesStillVerify() {
    QrVerifier small = new QrVerifier(KeyRing.of(K1), 10, QrVerifier.DEFAULT_SKEW);

    for (int i = 0; i < 100; i++) {
      small.verify(SIGNER.poster("cp-" + i, T0), QrKind.POSTER, T0);
      assertThat(small.stats().cached()).isLessThanOrEqualTo(10);
    }
    assertThat(small.verify(SIGNER.poster("cp-0", T0), QrKind.POSTER, T0).subjectId())
        .isEqualTo("cp-0");
  }

  @Test
  void refusedCallsAreCounted() {
    assertRefused(() -> verifier.verify("hello", QrKind.POSTER, T0), "QR_MALFORMED");

    assertThat(verifier.stats().refusals()).isEqualTo(1);
  }

  static IntStream posterPositions() {
    return IntStream.range(0, POSTER.length());
  }

  static IntStream badgePositions() {
    return IntStream.range(0, BADGE.length());
  }

  private void assertAlteredRefused(String payload, int position, QrKind kind) {
    char c = payload.charAt(position);
    int index = B64URL.indexOf(c);
    char replacement = index < 0 ? '_' : B64URL.charAt((index + 1) % B64URL.length());
    String altered =
        payload.substring(0, position) + replacement + payload.substring(position + 1);

    Rejection r = catchThrowableOfType(Rejection.class, () -> verifier.verify(altered, kind, T0));
    assertThat(r).as("altered payload %s", altered).isNotNull();
    assertThat(r.kind()).isEqualTo(Rejection.Kind.UNPROCESSABLE);
    assertThat(r.code()).isIn("QR_MALFORMED", "QR_WRONG_KIND", "QR_UNKNOWN_KEY",
        "QR_BAD_SIGNATURE");
  }

  static Rejection assertRefused(Runnable call, String code) {
    Rejection r = catchThrowableOfType(Rejection.class, call::run);
    assertThat(r).as("expected a Rejection %s", code).isNotNull();
    assertThat(r.code()).isEqualTo(code);
    assertThat(r.kind()).isEqualTo(Rejection.Kind.UNPROCESSABLE);
    return r;
  }

  @Test
  void aMissingScanInstantIsAProgrammingError() {
    assertThatThrownBy(() -> verifier.verify(POSTER, QrKind.POSTER, null))
        .isInstanceOf(NullPointerException.class);
  }
}
