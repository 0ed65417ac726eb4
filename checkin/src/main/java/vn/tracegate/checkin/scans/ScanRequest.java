package vn.tracegate.checkin.scans;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.checkin.Sha256;
import vn.tracegate.checkin.visits.ScanAction;

/**
 * One scan as a client sends it: {@code {scanId, qr, checkpointId?, action, at}}. Parsing refuses
 * every malformed field with a 400 that names it; the meaning (signature, place, time window) is
 * judged later by {@link ScanService}.
 */
public record ScanRequest(UUID scanId, String qr, String checkpointId, ScanAction action, Instant at) {

  private static final Set<String> FIELDS = Set.of("scanId", "qr", "checkpointId", "action", "at");
  private static final int MAX_QR_LENGTH = 512;

  public static ScanRequest fromJson(JsonObject body) {
    if (body == null) {
      throw Rejection.invalid("INVALID_BODY", "the body must be a JSON object");
    }
    for (String name : body.fieldNames()) {
      if (!FIELDS.contains(name)) {
        throw Rejection.invalid("UNKNOWN_FIELD", "unknown field '" + shorten(name) + "'; expected " + FIELDS);
      }
    }
    return new ScanRequest(
        uuid(text(body, "scanId", true)),
        qr(text(body, "qr", true)),
        checkpointId(text(body, "checkpointId", false)),
        action(text(body, "action", true)),
        instant(text(body, "at", true)));
  }

  /** Builds a request from query parameters (image upload), with the decoded QR. */
  public static ScanRequest of(String scanId, String qr, String checkpointId, String action, String at) {
    return new ScanRequest(uuid(required("scanId", scanId)), qr(qr), checkpointId(checkpointId),
        action(required("action", action)), instant(required("at", at)));
  }

  /**
   * Fingerprint of what the client sent and who sent it: a retried scanId must match it to be a
   * replay; anything else with that scanId is a conflict.
   */
  public String contentHash(String source) {
    String canonical = String.join("\n", scanId.toString(), qr, checkpointId == null ? "" : checkpointId,
        action.name(), Long.toString(at.toEpochMilli()), source);
    return Sha256.hex(canonical, 16);
  }

  private static String text(JsonObject body, String field, boolean required) {
    Object v = body.getValue(field);
    if (v == null) {
      if (required) {
        throw Rejection.invalid("MISSING_FIELD", "'" + field + "' is required");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      throw Rejection.invalid("INVALID_FIELD", "'" + field + "' must be a string");
    }
    return s;
  }

  private static String required(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw Rejection.invalid("MISSING_FIELD", "'" + field + "' is required");
    }
    return value;
  }

  private static UUID uuid(String s) {
    if (s.length() != 36) {
      throw Rejection.invalid("INVALID_FIELD", "'scanId' must be a UUID like 3f2504e0-4f89-41d3-9a0c-0305e82c3301");
    }
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      throw Rejection.invalid("INVALID_FIELD", "'scanId' must be a UUID like 3f2504e0-4f89-41d3-9a0c-0305e82c3301");
    }
  }

  private static String qr(String s) {
    if (s == null || s.isEmpty() || s.length() > MAX_QR_LENGTH) {
      throw Rejection.invalid("INVALID_FIELD", "'qr' must be a QR payload of 1 to " + MAX_QR_LENGTH + " characters");
    }
    return s;
  }

  private static String checkpointId(String s) {
    if (s != null && !isCheckpointId(s)) {
      throw Rejection.invalid("INVALID_FIELD", "'checkpointId' must match [A-Za-z0-9_-]{1,64}");
    }
    return s;
  }

  /** {@code [A-Za-z0-9_-]{1,64}}, without compiling a pattern on every scan. */
  static boolean isCheckpointId(String s) {
    int n = s.length();
    if (n < 1 || n > 64) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static ScanAction action(String s) {
    // ASCII only: Java upper-cases the Turkish dotless "ı" to "I", so "ın" would pass as IN.
    if (!s.chars().allMatch(c -> c < 0x80)) {
      throw Rejection.invalid("INVALID_FIELD", "'action' must be IN or OUT");
    }
    try {
      return ScanAction.valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Rejection.invalid("INVALID_FIELD", "'action' must be IN or OUT");
    }
  }

  private static Instant instant(String s) {
    Instant fast = utcInstant(s);
    if (fast != null) {
      return fast;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw Rejection.invalid("INVALID_FIELD", "'at' must be an ISO-8601 instant such as 2026-11-22T07:30:00Z");
    }
  }

  /**
   * The form scanners send, {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, read without the allocations of
   * {@link Instant#parse}; null for anything else (other forms, out-of-range fields, a leap
   * second), which then goes to {@link Instant#parse} and gets its answer.
   */
  static Instant utcInstant(String s) {
    int n = s.length();
    if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
        || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
        || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      int fraction = n - 21;
      if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
        return null;
      }
      int f = digits(s, 20, fraction);
      if (f < 0) {
        return null;
      }
      nanos = f * POWERS[9 - fraction];
    }
    if (day > 28 && day > YearMonth.of(year, month).lengthOfMonth()) {
      return null;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
  }

  private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

  /** The {@code len} ASCII digits at {@code from} as a number, or -1. */
  private static int digits(String s, int from, int len) {
    int v = 0;
    for (int i = from; i < from + len; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
