package vn.tracegate.checkin.qr;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import vn.tracegate.checkin.Rejection;

/**
 * Signs checkpoint posters and worker badges with the newest active key of the ring. Ids come
 * from the registry, which has already checked them; an id outside {@code [A-Za-z0-9_-]{1,64}}
 * here is a programming error. Times are kept to the second. Thread-safe.
 */
public final class QrSigner {

  private volatile KeyRing keys;

  public QrSigner(KeyRing keys) {
    this.keys = Objects.requireNonNull(keys);
  }

  /** Signs with the active key of {@code next} from the next call on. */
  public void updateKeys(KeyRing next) {
    this.keys = Objects.requireNonNull(next);
  }

  /**
   * A poster payload for a checkpoint.
   *
   * @throws Rejection UNAVAILABLE QR_NO_SIGNING_KEY when no active key has a private key
   */
  public String poster(String checkpointId, Instant issuedAt) {
    return sign(QrKind.POSTER, checkpointId, issuedAt, null);
  }

  /**
   * A badge payload valid from {@code validFrom} (to the second) for {@code validity}.
   *
   * @throws Rejection UNAVAILABLE QR_NO_SIGNING_KEY when no active key has a private key
   */
  public BadgeToken badge(String workerId, Instant validFrom, Duration validity) {
    Instant from = validFrom.truncatedTo(ChronoUnit.SECONDS);
    if (validity.getSeconds() < 1) {
      throw new IllegalArgumentException("a badge must be valid for at least one second");
    }
    Instant until = from.plusSeconds(validity.getSeconds());
    return new BadgeToken(sign(QrKind.BADGE, workerId, from, until), until);
  }

  private String sign(QrKind kind, String subjectId, Instant issuedAt, Instant validUntil) {
    KeyRing.Entry key = keys.activeEntry();
    if (key == null) {
      throw Rejection.unavailable("QR_NO_SIGNING_KEY",
          "no active signing key is configured; an admin must create one");
    }
    String unsigned = QrPayloadFormat.unsigned(kind, key.key().kid(), subjectId,
        issuedAt.truncatedTo(ChronoUnit.SECONDS), validUntil);
    byte[] message = unsigned.getBytes(StandardCharsets.US_ASCII);
    byte[] signature = new byte[QrPayloadFormat.SIGNATURE_BYTES];
    key.signer().sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
    return QrPayloadFormat.seal(unsigned, signature);
  }
}
