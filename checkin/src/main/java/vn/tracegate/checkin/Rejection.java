package vn.tracegate.checkin;

import java.util.Objects;

/**
 * A request the domain refuses, with a stable machine code and a message a person can act on.
 * The gateway maps {@link Kind} to the HTTP status of the public contract; nothing else is ever
 * shown to a client, so messages must never carry secrets or phone numbers.
 */
public final class Rejection extends RuntimeException {

  /** Why a request is refused; each maps to exactly one HTTP status in the gateway. */
  public enum Kind {
    INVALID(400),
    UNAUTHENTICATED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    TOO_LARGE(413),
    UNPROCESSABLE(422),
    RATE_LIMITED(429),
    UNAVAILABLE(503);

    private final int status;

    Kind(int status) {
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private final Kind kind;
  private final String code;

  public Rejection(Kind kind, String code, String message) {
    super(message, null, false, false);
    this.kind = Objects.requireNonNull(kind);
    this.code = Objects.requireNonNull(code);
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public static Rejection invalid(String code, String message) {
    return new Rejection(Kind.INVALID, code, message);
  }

  public static Rejection notFound(String what, String id) {
    return new Rejection(Kind.NOT_FOUND, "NOT_FOUND", what + " '" + shown(id) + "' does not exist");
  }

  /**
   * An id as a message may repeat it: ids come from request paths, which may be kilobytes long or
   * hold control characters; no real id is longer than 64 characters.
   */
  static String shown(String id) {
    if (id == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(id.length(), 65));
    for (int i = 0; i < id.length() && i < 64; i++) {
      char c = id.charAt(i);
      out.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
    }
    return id.length() > 64 ? out.append('…').toString() : out.toString();
  }

  public static Rejection unprocessable(String code, String message) {
    return new Rejection(Kind.UNPROCESSABLE, code, message);
  }

  public static Rejection forbidden(String message) {
    return new Rejection(Kind.FORBIDDEN, "FORBIDDEN", message);
  }

  public static Rejection conflict(String code, String message) {
    return new Rejection(Kind.CONFLICT, code, message);
  }

  public static Rejection unavailable(String code, String message) {
    return new Rejection(Kind.UNAVAILABLE, code, message);
  }
}
