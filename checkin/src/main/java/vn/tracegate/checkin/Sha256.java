package vn.tracegate.checkin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 on the scan path, one digest object per thread: {@link MessageDigest#getInstance} looks
 * the provider up on every call, which cost more than hashing the few bytes of a key or a scan.
 */
public final class Sha256 {

  private static final HexFormat HEX = HexFormat.of();
  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  });

  private Sha256() {}

  /** Lower-case hex of the first {@code bytes} bytes of the SHA-256 of {@code text} in UTF-8. */
  public static String hex(String text, int bytes) {
    byte[] digest = DIGEST.get().digest(text.getBytes(StandardCharsets.UTF_8));
    return HEX.formatHex(digest, 0, bytes);
  }

  /** Lower-case hex of the whole SHA-256 of {@code text} in UTF-8. */
  public static String hex(String text) {
    return hex(text, 32);
  }
}
