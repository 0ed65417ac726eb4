package vn.tracegate.checkin.registry;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import vn.tracegate.checkin.Sha256;

/**
 * Scanner API keys: {@code tgd_} and 32 random bytes in base64url (256 bits, so a fast unsalted
 * SHA-256 is enough to store them: there is nothing to guess). Only the hash is stored; the key
 * itself is shown once and never logged.
 */
final class DeviceKeys {

  static final String PREFIX = "tgd_";
  private static final int RANDOM_BYTES = 32;
  private static final Pattern SHAPE = Pattern.compile("tgd_[A-Za-z0-9_-]{43}");

  private final SecureRandom random;

  DeviceKeys(SecureRandom random) {
    this.random = random;
  }

  /** A new key. */
  String generate() {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether the text has the shape of a key; anything else is refused without a store lookup. */
  static boolean wellFormed(String key) {
    return key != null && SHAPE.matcher(key).matches();
  }

  /** Lower-case hex SHA-256 of the key, as stored in devices.key_hash and devices_by_key. */
  static String hash(String key) {
    return Sha256.hex(key);
  }
}
