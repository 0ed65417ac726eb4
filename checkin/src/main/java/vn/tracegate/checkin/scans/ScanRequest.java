package vn.tracegate.checkin.scans;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import vn.tracegate.checkin.Rejection;
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
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
    if (s != null && !s.matches("[A-Za-z0-9_-]{1,64}")) {
      throw Rejection.invalid("INVALID_FIELD", "'checkpointId' must match [A-Za-z0-9_-]{1,64}");
    }
    return s;
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
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw Rejection.invalid("INVALID_FIELD", "'at' must be an ISO-8601 instant such as 2026-11-22T07:30:00Z");
    }
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
