package vn.tracegate.checkin.qr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * An immutable snapshot of the signing keys, looked up by key id. Rotation or revocation builds a
 * new ring and hands it to {@link QrVerifier#updateKeys} and {@link QrSigner#updateKeys}; nothing
 * is ever mutated under a running scan. The Bouncy Castle key objects (with the decoded curve
 * point) are built once here, not per scan.
 */
public final class KeyRing {

  /** A key with its ready-to-use Bouncy Castle halves; the signer half is null when unusable. */
  record Entry(
      SigningKey key,
      byte[] publicKey,
      Ed25519PublicKeyParameters verifier,
      Ed25519PrivateKeyParameters signer) {}

  private final List<SigningKey> keys;
  private final Map<String, Entry> byKid;
  private final Entry active;

  private KeyRing(List<SigningKey> keys) {
    this.keys = List.copyOf(keys);
    Map<String, Entry> map = new HashMap<>();
    Entry newest = null;
    for (SigningKey key : this.keys) {
      byte[] publicKey = key.publicKey();
      byte[] privateKey = key.privateKey();
      Entry entry = new Entry(
          key,
          publicKey,
          new Ed25519PublicKeyParameters(publicKey),
          privateKey == null ? null : new Ed25519PrivateKeyParameters(privateKey));
      if (map.put(key.kid(), entry) != null) {
        throw new IllegalArgumentException("duplicate key id " + key.kid());
      }
      if (key.canSign()
          && (newest == null || key.createdAt().isAfter(newest.key().createdAt()))) {
        newest = entry;
      }
    }
    this.byKid = Map.copyOf(map);
    this.active = newest;
  }

  /** A ring of these keys; key ids must be unique. */
  public static KeyRing of(List<SigningKey> keys) {
    return new KeyRing(keys);
  }

  /** A ring of these keys; key ids must be unique. */
  public static KeyRing of(SigningKey... keys) {
    return new KeyRing(List.of(keys));
  }

  /** The newest ACTIVE key that has a private key, if any. */
  public Optional<SigningKey> activeSigner() {
    return Optional.ofNullable(active).map(Entry::key);
  }

  /** The key with this id, whatever its status. */
  public Optional<SigningKey> find(String kid) {
    return Optional.ofNullable(entry(kid)).map(Entry::key);
  }

  /** All keys, in the order given ({@link #withKey} appends). */
  public List<SigningKey> keys() {
    return keys;
  }

  /** A new ring where {@code key} replaces the key with the same id, or is added. */
  public KeyRing withKey(SigningKey key) {
    List<SigningKey> next = new ArrayList<>(keys.size() + 1);
    for (SigningKey k : keys) {
      if (!k.kid().equals(key.kid())) {
        next.add(k);
      }
    }
    next.add(key);
    return new KeyRing(next);
  }

  Entry entry(String kid) {
    return byKid.get(kid);
  }

  Entry activeEntry() {
    return active;
  }

  @Override
  public String toString() {
    return "KeyRing" + keys;
  }
}
