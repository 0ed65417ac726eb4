package vn.tracegate.checkin.qr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.BadInput;
import vn.tracegate.checkin.Rejection;

/**
 * Whatever text a camera reads, verification answers with the code that was signed or a 422:
 * damaged, spliced, huge or control-character payloads never verify and never throw anything else.
 */
class QrVerifierPropertyTest {

  static final Instant T0 = QrVerifierTest.T0;
  static final SigningKey K1 = QrVerifierTest.K1;
  static final SigningKey K2 = SigningKey.generate("k-2_B", T0);
  static final QrSigner SIGNER = new QrSigner(KeyRing.of(K1));
  static final String[] SIGNED = {
      QrVerifierTest.POSTER, QrVerifierTest.BADGE,
      SIGNER.poster("x".repeat(64), T0), SIGNER.badge("W-9_z", T0.minusSeconds(30), Duration.ofMinutes(5)).payload(),
      new QrSigner(KeyRing.of(K2)).poster("bus-07", T0.minus(Duration.ofDays(400))),
      new QrSigner(KeyRing.of(SigningKey.generate("k1", T0))).badge("W000123", T0, Duration.ofHours(3)).payload()};

  final QrVerifier verifier = new QrVerifier(KeyRing.of(K1, K2.withStatus(KeyStatus.REVOKED)), 64,
      QrVerifier.DEFAULT_SKEW);

  @Test
  void aDamagedPayloadNeverVerifiesAndIsRefusedWithA422() {
    BadInput.forAll("QrVerifier.verify", 30_000, QrVerifierPropertyTest::scanned, s -> {
      try {
        VerifiedQr qr = verifier.verify(s.payload(), s.kind(), s.at());
        assertThat(s.payload()).as("only an untouched signed payload verifies").isIn((Object[]) SIGNED);
        assertThat(qr.kind()).isEqualTo(s.kind());
      } catch (Rejection r) {
        assertThat(r.kind()).isEqualTo(Rejection.Kind.UNPROCESSABLE);
        assertThat(r.code()).startsWith("QR_");
        assertThat(r.getMessage()).as("a message echoes a short, printable preview at most")
            .hasSizeLessThan(200).matches("[\\x20-\\x7e]*");
        throw r;
      }
    });
  }

  @Test
  void noOtherTextVerifiesEither() {
    BadInput.forAll("QrVerifier.verify(text)", 10_000, rnd -> new Scan(rnd.nextBoolean()
            ? BadInput.text(rnd, 40) : BadInput.huge(rnd, 200_000), QrKind.values()[rnd.nextInt(2)], T0),
        s -> {
          verifier.verify(s.payload(), s.kind(), s.at());
          throw new AssertionError("verified");
        });
  }

  record Scan(String payload, QrKind kind, Instant at) {
    @Override
    public String toString() {
      return kind + " at " + at + ": " + BadInput.describe(payload);
    }
  }

  private static Scan scanned(Random rnd) {
    String signed = SIGNED[rnd.nextInt(SIGNED.length)];
    String payload = rnd.nextInt(10) == 0 ? signed : BadInput.mutateSome(rnd, signed);
    if (rnd.nextInt(20) == 0) {
      payload = spliced(rnd, payload, SIGNED[rnd.nextInt(SIGNED.length)]);
    }
    Instant at = switch (rnd.nextInt(6)) {
      case 0 -> Instant.MIN;
      case 1 -> Instant.MAX;
      case 2 -> Instant.EPOCH;
      default -> T0.plusSeconds(rnd.nextInt(40_000) - 20_000);
    };
    return new Scan(payload, QrKind.values()[rnd.nextInt(2)], at);
  }

  /** The fields of one signed payload before the signature of another. */
  private static String spliced(Random rnd, String a, String b) {
    int cutA = a.lastIndexOf('.');
    int cutB = b.lastIndexOf('.');
    return cutA < 0 || cutB < 0 ? a + b : a.substring(0, cutA) + b.substring(cutB);
  }
}
