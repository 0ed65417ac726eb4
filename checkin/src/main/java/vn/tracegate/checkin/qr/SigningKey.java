package vn.tracegate.checkin.qr;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * An Ed25519 key pair with the key id printed in every QR payload it signs, so keys can rotate
 * while old posters keep verifying. A verifying-only copy (a scanner device, a second gateway
 * node) carries no private key. Mirrors a row of the {@code signing_keys} table.
 *
 * @param kid key id, {@code [A-Za-z0-9_-]{1,32}}
 * @param status what the key may still do
 * @param publicKey the 32-byte encoded Ed25519 public key
 * @param privateKey the 32-byte Ed25519 seed, or {@code null} when this copy only verifies
 * @param createdAt when the key was made; the newest active key signs
 */
public record SigningKey(
    String kid, KeyStatus status, byte[] publicKey, byte[] privateKey, Instant createdAt) {

  /** The algorithm name stored beside the key. */
  public static final String ALGORITHM = "Ed25519";

  private static final int KEY_BYTES = 32;

  /** Checks the key pair once, at load, so a corrupt row fails start-up instead of every scan. */
  public SigningKey {
    if (kid == null || !QrPayloadFormat.isId(kid, QrPayloadFormat.MAX_KID_LENGTH)) {
      throw new IllegalArgumentException("kid must match [A-Za-z0-9_-]{1,32}");
    }
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    if (publicKey == null || publicKey.length != KEY_BYTES) {
      throw new IllegalArgumentException("key " + kid + ": public key must be 32 bytes");
    }
    publicKey = publicKey.clone();
    new Ed25519PublicKeyParameters(publicKey); // throws if the bytes are not a curve point
    if (privateKey != null) {
      if (privateKey.length != KEY_BYTES) {
        throw new IllegalArgumentException("key " + kid + ": private key must be 32 bytes");
      }
      privateKey = privateKey.clone();
      byte[] derived = new Ed25519PrivateKeyParameters(privateKey).generatePublicKey().getEncoded();
      if (!Arrays.equals(derived, publicKey)) {
        throw new IllegalArgumentException("key " + kid + ": private key does not match public key");
      }
    }
  }

  /** A fresh ACTIVE key pair from {@link SecureRandom}; {@code createdAt} is kept to millis. */
  public static SigningKey generate(String kid, Instant now) {
    Ed25519PrivateKeyParameters secret = new Ed25519PrivateKeyParameters(new SecureRandom());
    return new SigningKey(
        kid,
        KeyStatus.ACTIVE,
        secret.generatePublicKey().getEncoded(),
        secret.getEncoded(),
        now.truncatedTo(ChronoUnit.MILLIS));
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public byte[] privateKey() {
    return privateKey == null ? null : privateKey.clone();
  }

  /** The same key with another status (rotation, revocation). */
  public SigningKey withStatus(KeyStatus newStatus) {
    return new SigningKey(kid, newStatus, publicKey, privateKey, createdAt);
  }

  /** The same key without its private half, for places that only verify. */
  public SigningKey verifyingOnly() {
    return new SigningKey(kid, status, publicKey, null, createdAt);
  }

  /** True when this key may sign new codes. */
  public boolean canSign() {
    return status == KeyStatus.ACTIVE && privateKey != null;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SigningKey k
        && kid.equals(k.kid)
        && status == k.status
        && Arrays.equals(publicKey, k.publicKey)
        && Arrays.equals(privateKey, k.privateKey)
        && createdAt.equals(k.createdAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kid, status, Arrays.hashCode(publicKey), createdAt);
  }

  /** Never prints key material. */
  @Override
  public String toString() {
    return "SigningKey[kid=" + kid + ", status=" + status + ", createdAt=" + createdAt
        + ", private=" + (privateKey != null) + "]";
  }
}
