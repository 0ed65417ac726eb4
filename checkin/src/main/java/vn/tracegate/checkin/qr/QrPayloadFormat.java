package vn.tracegate.checkin.qr;

import java.time.Instant;
import java.util.Base64;
import vn.tracegate.checkin.Rejection;

/**
 * The text grammar of a signed QR payload. Parsing is strict (field count, lengths, charset,
 * canonical numbers) and runs before any cryptography, so junk costs microseconds, not a
 * signature check.
 *
 * <pre>
 * payload = poster / badge                  ; US-ASCII, at most 300 characters
 * poster  = "TG1" "." "P" "." kid "." id "." epoch "." sig
 * badge   = "TG1" "." "B" "." kid "." id "." epoch "." epoch "." sig
 * kid     = 1*32 idchar
 * id      = 1*64 idchar                     ; checkpoint id (poster) or worker id (badge)
 * idchar  = ALPHA / DIGIT / "_" / "-"
 * epoch   = "0" / nonzero *7 b36            ; seconds since 1970, base36, lower case, no leading 0
 * sig     = 86 b64url                       ; Ed25519 signature, base64url without padding,
 *                                           ; the unused low 4 bits of the last char are zero
 * </pre>
 *
 * The signature covers every byte before the last ".", version and kind included.
 */
final class QrPayloadFormat {

  static final String VERSION = "TG1";
  static final char SEPARATOR = '.';
  static final int MAX_LENGTH = 300;
  static final int MAX_ID_LENGTH = 64;
  static final int MAX_KID_LENGTH = 32;
  static final int SIGNATURE_BYTES = 64;

  private static final int MAX_EPOCH_DIGITS = 8;
  private static final int SIGNATURE_CHARS = 86;
  private static final int POSTER_FIELDS = 6;
  private static final int BADGE_FIELDS = 7;
  private static final int PREVIEW_CHARS = 24;
  private static final String B64URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  /** A payload split into its meaning, the length of its signed prefix, and the signature. */
  record Parsed(VerifiedQr qr, int signedLength, byte[] signature) {}

  private QrPayloadFormat() {}

  /** The part of a payload that gets signed (everything but the signature). */
  static String unsigned(
      QrKind kind, String kid, String subjectId, Instant issuedAt, Instant validUntil) {
    if (!isId(kid, MAX_KID_LENGTH)) {
      throw new IllegalArgumentException("kid must match [A-Za-z0-9_-]{1,32}");
    }
    if (subjectId == null || !isId(subjectId, MAX_ID_LENGTH)) {
      throw new IllegalArgumentException("id must match [A-Za-z0-9_-]{1,64}");
    }
    if ((kind == QrKind.BADGE) != (validUntil != null)) {
      throw new IllegalArgumentException("a badge, and only a badge, has a validUntil");
    }
    StringBuilder text = new StringBuilder(MAX_LENGTH).append(VERSION)
        .append(SEPARATOR).append(kind.tag())
        .append(SEPARATOR).append(kid)
        .append(SEPARATOR).append(subjectId)
        .append(SEPARATOR).append(epoch(issuedAt));
    if (validUntil != null) {
      text.append(SEPARATOR).append(epoch(validUntil));
    }
    return text.toString();
  }

  /** The full payload: the signed part, a separator, and the signature. */
  static String seal(String unsigned, byte[] signature) {
    return unsigned + SEPARATOR + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
  }

  /** Splits and checks a payload; throws QR_MALFORMED with a short reason otherwise. */
  static Parsed parse(String payload) {
    if (payload == null || payload.isEmpty()) {
      throw malformed(null, "it is empty");
    }
    if (payload.length() > MAX_LENGTH) {
      throw malformed(payload, "it has " + payload.length() + " characters, at most "
          + MAX_LENGTH + " are allowed");
    }
    String[] fields = split(payload);
    if (fields == null) {
      throw malformed(payload, "it does not have the 6 (poster) or 7 (badge) fields of a "
          + "TraceGate code");
    }
    if (!VERSION.equals(fields[0])) {
      throw malformed(payload, "it is not a TraceGate " + VERSION + " code");
    }
    QrKind kind = kindOf(fields[1]);
    int expected = kind == null ? -1 : kind == QrKind.POSTER ? POSTER_FIELDS : BADGE_FIELDS;
    if (fields.length != expected) {
      throw malformed(payload, "its kind field is not P with 6 fields nor B with 7 fields");
    }
    if (!isId(fields[2], MAX_KID_LENGTH)) {
      throw malformed(payload, "its key id is not 1-32 letters, digits, '_' or '-'");
    }
    if (!isId(fields[3], MAX_ID_LENGTH)) {
      throw malformed(payload, "its " + (kind == QrKind.POSTER ? "checkpoint" : "worker")
          + " id is not 1-64 letters, digits, '_' or '-'");
    }
    Instant issuedAt = instant(fields[4], payload);
    Instant validUntil = null;
    if (kind == QrKind.BADGE) {
      validUntil = instant(fields[5], payload);
      if (!validUntil.isAfter(issuedAt)) {
        throw malformed(payload, "its validity ends before it starts");
      }
    }
    String sig = fields[fields.length - 1];
    if (!isCanonicalSignature(sig)) {
      throw malformed(payload, "its signature is not 86 base64url characters");
    }
    byte[] signature = Base64.getUrlDecoder().decode(sig);
    int signedLength = payload.length() - SIGNATURE_CHARS - 1;
    return new Parsed(
        new VerifiedQr(kind, fields[2], fields[3], issuedAt, validUntil), signedLength, signature);
  }

  /** True when {@code s} is 1..maxLength characters of {@code [A-Za-z0-9_-]}. */
  static boolean isId(String s, int maxLength) {
    int n = s.length();
    if (n == 0 || n > maxLength) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** At most {@value #PREVIEW_CHARS} printable characters of a payload, for a message. */
  static String preview(String payload) {
    StringBuilder out = new StringBuilder(PREVIEW_CHARS + 1);
    int n = Math.min(payload.length(), PREVIEW_CHARS);
    for (int i = 0; i < n; i++) {
      char c = payload.charAt(i);
      out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '?');
    }
    return payload.length() > PREVIEW_CHARS ? out.append("...").toString() : out.toString();
  }

  private static String[] split(String payload) {
    int separators = 0;
    for (int i = 0; i < payload.length(); i++) {
      if (payload.charAt(i) == SEPARATOR) {
        separators++;
      }
    }
    if (separators != POSTER_FIELDS - 1 && separators != BADGE_FIELDS - 1) {
      return null;
    }
    String[] fields = new String[separators + 1];
    int start = 0;
    for (int f = 0; f < separators; f++) {
      int end = payload.indexOf(SEPARATOR, start);
      fields[f] = payload.substring(start, end);
      start = end + 1;
    }
    fields[separators] = payload.substring(start);
    return fields;
  }

  private static QrKind kindOf(String tag) {
    for (QrKind kind : QrKind.values()) {
      if (kind.tag().equals(tag)) {
        return kind;
      }
    }
    return null;
  }

  private static String epoch(Instant instant) {
    long seconds = instant.getEpochSecond();
    String text = Long.toString(seconds, 36);
    if (seconds < 0 || text.length() > MAX_EPOCH_DIGITS) {
      throw new IllegalArgumentException("instant out of range for a QR payload: " + instant);
    }
    return text;
  }

  private static Instant instant(String text, String payload) {
    int n = text.length();
    boolean ok = n >= 1 && n <= MAX_EPOCH_DIGITS && (n == 1 || text.charAt(0) != '0');
    for (int i = 0; ok && i < n; i++) {
      char c = text.charAt(i);
      ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
    }
    if (!ok) {
      throw malformed(payload, "a time field is not a canonical base36 number");
    }
    return Instant.ofEpochSecond(Long.parseLong(text, 36));
  }

  private static boolean isCanonicalSignature(String sig) {
    if (sig.length() != SIGNATURE_CHARS) {
      return false;
    }
    for (int i = 0; i < SIGNATURE_CHARS; i++) {
      if (B64URL.indexOf(sig.charAt(i)) < 0) {
        return false;
      }
    }
    // 86 chars carry 516 bits for 512: the last char's 4 low bits must be zero, or two texts
    // would decode to one signature.
    return (B64URL.indexOf(sig.charAt(SIGNATURE_CHARS - 1)) & 0x0F) == 0;
  }

  private static Rejection malformed(String payload, String reason) {
    String what = payload == null ? "" : " (\"" + preview(payload) + "\")";
    return Rejection.unprocessable("QR_MALFORMED",
        "this QR code" + what + " is not a valid TraceGate code: " + reason);
  }
}
