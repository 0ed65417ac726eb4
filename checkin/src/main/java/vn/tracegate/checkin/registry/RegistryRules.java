package vn.tracegate.checkin.registry;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import vn.tracegate.checkin.Rejection;

/**
 * The registry's field rules. Each validator checks one rule, returns the value normalised
 * (trimmed, NFC, phone as {@code 0XXXXXXXXX}) and otherwise throws a 400 {@link Rejection} whose
 * message names the field. Messages never echo a phone number.
 */
public final class RegistryRules {

  /** Rejection code of every malformed field. */
  public static final String INVALID = "INVALID";
  public static final int MAX_NAME = 200;
  public static final int MAX_FULL_NAME = 100;
  public static final int MAX_TEAM = 64;
  public static final int MAX_CAPACITY = 100_000;
  public static final int MAX_DEVICE_CHECKPOINTS = 64;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s.()-]");
  private static final Pattern MOBILE_SUBSCRIBER = Pattern.compile("[35789][0-9]{8}");
  private static final Pattern WHITESPACE_RUN = Pattern.compile("[ \\p{Z}]+");
  private static final String KINDS =
      Arrays.stream(CheckpointKind.values()).map(Enum::name).collect(Collectors.joining(", "));

  private RegistryRules() {
  }

  /** A value that must be present: not null and not blank. */
  public static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw invalid(field + " is required");
    }
    return value;
  }

  /** An id or slug: {@code [A-Za-z0-9_-]{1,64}}. */
  public static String id(String field, String value) {
    required(field, value);
    if (!ID.matcher(value).matches()) {
      throw invalid(field + " must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -");
    }
    return value;
  }

  /** A display name of an enterprise or checkpoint: 1 to 200 characters, NFC, no control characters. */
  public static String name(String field, String value) {
    String text = noControlCharacters(field, wellFormed(field, nfc(required(field, value)).strip()));
    return atMost(field, text, MAX_NAME);
  }

  /** A person's name as on the ID card: letters (Vietnamese diacritics intact), spaces and . ' - */
  public static String fullName(String value) {
    String field = "fullName";
    // No-break spaces come with names pasted from Word or the web; tabs and newlines stay refused.
    String text = WHITESPACE_RUN.matcher(nfc(required(field, value))).replaceAll(" ").strip();
    atMost(field, text, MAX_FULL_NAME);
    boolean allowed = text.codePoints().allMatch(cp -> Character.isLetter(cp)
        || Character.getType(cp) == Character.NON_SPACING_MARK
        || cp == ' ' || cp == '.' || cp == '\'' || cp == '-');
    if (!allowed) {
      throw invalid("fullName may contain only letters, spaces and . ' -");
    }
    return text;
  }

  /**
   * A Vietnamese mobile number written as {@code 0XXXXXXXXX}, {@code +84XXXXXXXXX}, {@code 84XXXXXXXXX}
   * or the 9 subscriber digits alone (a spreadsheet drops the leading 0); spaces, dots, dashes and
   * brackets are ignored. Returns {@code 0XXXXXXXXX}.
   */
  public static String phone(String value) {
    String digits = PHONE_SEPARATORS.matcher(required("phone", value)).replaceAll("");
    String subscriber;
    if (digits.startsWith("+84")) {
      subscriber = withoutTrunkZero(digits.substring(3));
    } else if (digits.startsWith("84") && digits.length() == 11) {
      subscriber = digits.substring(2);
    } else if (digits.startsWith("0")) {
      subscriber = digits.substring(1);
    } else {
      subscriber = digits;
    }
    if (!MOBILE_SUBSCRIBER.matcher(subscriber).matches()) {
      throw invalid("phone must be a Vietnamese mobile number: 10 digits starting with 03, 05, 07, 08"
          + " or 09, or +84 and 9 digits");
    }
    return "0" + subscriber;
  }

  /** The production team (tổ sản xuất): optional, at most 64 characters; blank means none (null). */
  public static String team(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return atMost("team", noControlCharacters("team", wellFormed("team", nfc(value).strip())), MAX_TEAM);
  }

  /** How many people a checkpoint holds at once: a whole number from 1 to 100000. */
  public static int capacity(Object value) {
    String message = "capacity must be an integer from 1 to " + MAX_CAPACITY;
    if (!(value instanceof Number number)) {
      throw invalid(message);
    }
    BigDecimal exact;
    try {
      exact = new BigDecimal(number.toString());
    } catch (NumberFormatException e) {
      throw invalid(message); // NaN or Infinity
    }
    if (exact.signum() <= 0 || exact.compareTo(BigDecimal.valueOf(MAX_CAPACITY)) > 0
        || exact.stripTrailingZeros().scale() > 0) {
      throw invalid(message);
    }
    return exact.intValueExact();
  }

  /** A checkpoint kind by name, case-insensitive. */
  public static CheckpointKind kind(String value) {
    required("kind", value);
    for (CheckpointKind kind : CheckpointKind.values()) {
      if (kind.name().equalsIgnoreCase(value.strip())) {
        return kind;
      }
    }
    throw invalid("kind must be one of " + KINDS);
  }

  /** The checkpoints a device scans for: 1 to 64 ids; repeats count once. Existence is the store's check. */
  public static Set<String> checkpointIds(Collection<String> values) {
    if (values == null || values.isEmpty() || values.size() > MAX_DEVICE_CHECKPOINTS) {
      throw invalid("checkpointIds must list 1 to " + MAX_DEVICE_CHECKPOINTS + " checkpoints");
    }
    Set<String> ids = new LinkedHashSet<>();
    for (String value : values) {
      ids.add(id("checkpointIds", value));
    }
    return ids;
  }

  /** Text of at most {@code max} characters (code points). */
  static String atMost(String field, String text, int max) {
    if (text.codePointCount(0, text.length()) > max) {
      throw invalid(field + " must be at most " + max + " characters");
    }
    return text;
  }

  /** Text without control, format (e.g. bidi override) or line separator characters. */
  static String noControlCharacters(String field, String text) {
    boolean clean = text.codePoints().noneMatch(cp -> switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
      default -> false;
    });
    if (!clean) {
      throw invalid(field + " must not contain control characters");
    }
    return text;
  }

  /**
   * Text that UTF-8 can carry: no unpaired surrogate (JSON lets a client send {@code "\ud800"}),
   * which the Cassandra driver refuses to encode: a 500, after a worker's index row was written.
   */
  static String wellFormed(String field, String text) {
    if (text.codePoints().anyMatch(cp -> Character.getType(cp) == Character.SURROGATE)) {
      throw invalid(field + " must be valid Unicode text (it has an unpaired surrogate)");
    }
    return text;
  }

  static Rejection invalid(String message) {
    return Rejection.invalid(INVALID, message);
  }

  private static String nfc(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFC);
  }

  /** {@code +84 0912...} is common on business cards; the trunk 0 does not belong after +84. */
  private static String withoutTrunkZero(String national) {
    return national.length() == 10 && national.startsWith("0") ? national.substring(1) : national;
  }
}
