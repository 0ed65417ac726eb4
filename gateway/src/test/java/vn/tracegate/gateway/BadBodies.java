package vn.tracegate.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Request bodies that are wrong for certain, built as raw bytes so that anything can be sent: text
 * that is not JSON or is cut short, deep nests, invalid UTF-8, raw control characters, duplicate
 * keys, and valid JSON with one field missing or of a wrong type or value.
 */
final class BadBodies {

  /** A body to send and what it is, for the failure message. */
  record Case(String name, byte[] body) {}

  /** The raw JSON text of each field of a valid body, in order. */
  static final class Template {
    final Map<String, String> fields = new LinkedHashMap<>();
    /** The id this body would create (a scanId, a registry id), to look for afterwards. */
    String key;

    Template key(String field, String value) {
      key = value;
      return string(field, value);
    }

    Template put(String field, String rawJson) {
      fields.put(field, rawJson);
      return this;
    }

    Template string(String field, String value) {
      return put(field, quote(value));
    }

    byte[] bytes() {
      return with(null, null);
    }

    /** This body with {@code field} given (or added with) {@code raw} bytes, or left out when {@code raw} is null. */
    byte[] with(String field, byte[] raw) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write('{');
      boolean first = true;
      for (Map.Entry<String, String> f : fields.entrySet()) {
        boolean replaced = f.getKey().equals(field);
        if (replaced && raw == null) {
          continue;
        }
        if (!first) {
          out.write(',');
        }
        first = false;
        out.writeBytes(utf8(quote(f.getKey()) + ":"));
        out.writeBytes(replaced ? raw : utf8(f.getValue()));
      }
      if (field != null && raw != null && !fields.containsKey(field)) {
        out.writeBytes(utf8((first ? "" : ",") + quote(field) + ":"));
        out.writeBytes(raw);
      }
      out.write('}');
      return out.toByteArray();
    }
  }

  /** A marker in every huge string, so a log or response that repeats one is caught. */
  static final String MARK = "ZQXJ";
  static final String HUGE = quote(MARK.repeat(25_000));
  static final String DEEP = "[".repeat(200) + "]".repeat(200);

  /** Values wrong for any string field, required or not. */
  static final List<String> NOT_A_STRING = List.of("42", "-1.5e3", "true", "{}", "[]", "[\"x\"]",
      "{\"a\":\"b\"}", DEEP);
  /** Strings wrong for any id, name or phone: control characters, an unpaired surrogate, huge. */
  static final List<String> BAD_TEXT = List.of(quote("\u0000"), quote("a\u0007b"), quote("a\nb"),
      "\"\\ud800\"", "\"\\u202egnp\"", HUGE);
  /** Absent or empty: wrong only where the field is required. */
  static final List<String> ABSENT = List.of("<missing>", "null", quote(""), quote("   "));

  private BadBodies() {}

  /** Bodies that are not a JSON object at all, or not JSON, for any endpoint. */
  static List<Case> notAnObject(byte[] valid, Random rnd) {
    List<Case> cases = new ArrayList<>();
    for (String text : List.of("", " ", "{", "}", "[", "[]", "[{}]", "\"text\"", "42", "-0.0e5", "null", "true",
        "{}x", "{} {}", "{\"a\":1}{", "{'a':1}", "{a:1}", "{\"a\":1,}", "{\"a\":NaN}", "{\"a\":01}",
        "{\"a\":\"\\x\"}", "/*c*/{}", "{\"a\":1}//", "{\"a\":" + "9".repeat(5_000) + "}", "{\"a\":1e999999}")) {
      cases.add(new Case("text " + preview(text), utf8(text)));
    }
    cases.add(new Case("10000 nested arrays", utf8("[".repeat(10_000) + "]".repeat(10_000))));
    cases.add(new Case("10000 nested objects", utf8("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000))));
    cases.add(new Case("10000 nested, unclosed", utf8("{\"a\":[".repeat(10_000))));
    for (int i = 0; i < 12; i++) {
      int cut = rnd.nextInt(valid.length);
      cases.add(new Case("cut after byte " + cut, java.util.Arrays.copyOf(valid, cut)));
    }
    for (byte[] bad : INVALID_UTF8) {
      cases.add(new Case("invalid UTF-8 " + hex(bad) + " in a string", splice(valid, lastQuote(valid), bad)));
      cases.add(new Case("invalid UTF-8 " + hex(bad) + " outside strings", splice(valid, 1, bad)));
    }
    for (char c : new char[] {0, 1, 7, '\n', '\t', 0x1b, 0x7f}) {
      cases.add(new Case("raw control character " + (int) c + " in a string",
          splice(valid, lastQuote(valid), new byte[] {(byte) c})));
    }
    cases.add(new Case("NUL bytes around the body", splice(splice(valid, 0, new byte[] {0}), valid.length + 1, new byte[] {0})));
    return cases;
  }

  /** The template with each field in turn left out or given each wrong value. */
  static List<Case> eachFieldWrong(Supplier<Template> fresh, Map<String, List<String>> wrongValues) {
    List<Case> cases = new ArrayList<>();
    wrongValues.forEach((field, values) -> {
      for (String raw : values) {
        Template t = fresh.get();
        cases.add(new Case(field + " = " + preview(raw), t.with(field, raw.equals("<missing>") ? null : utf8(raw))));
      }
    });
    return cases;
  }

  /** Every value wrong for a required string field, plus {@code more}. */
  static List<String> requiredString(String... more) {
    List<String> all = new ArrayList<>(ABSENT);
    all.addAll(NOT_A_STRING);
    all.addAll(BAD_TEXT);
    all.addAll(List.of(more));
    return all;
  }

  /** Every value wrong for an optional string field (absent and blank are allowed), plus {@code more}. */
  static List<String> optionalString(String... more) {
    List<String> all = new ArrayList<>(NOT_A_STRING);
    all.addAll(BAD_TEXT);
    all.addAll(List.of(more));
    return all;
  }

  /** The template with its first field repeated with another valid-looking value. */
  static Case duplicateKey(Template t, String field, String otherRaw) {
    byte[] body = t.bytes();
    byte[] extra = utf8(quote(field) + ":" + otherRaw + ",");
    return new Case("duplicate key " + field, splice(body, 1, extra));
  }

  static final List<byte[]> INVALID_UTF8 = List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0x80},
      new byte[] {(byte) 0xc0, (byte) 0x80}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
      new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xe1, (byte) 0xba});

  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] splice(byte[] into, int at, byte[] piece) {
    byte[] out = new byte[into.length + piece.length];
    System.arraycopy(into, 0, out, 0, at);
    System.arraycopy(piece, 0, out, at, piece.length);
    System.arraycopy(into, at, out, at + piece.length, into.length - at);
    return out;
  }

  static String preview(String s) {
    String p = s.length() > 40 ? s.substring(0, 40) + "...(" + s.length() + ")" : s;
    return p.replaceAll("[\\x00-\\x1f]", "?");
  }

  private static int lastQuote(byte[] body) {
    for (int i = body.length - 1; i >= 0; i--) {
      if (body[i] == '"') {
        return i;
      }
    }
    return 1;
  }

  private static String hex(byte[] b) {
    return java.util.HexFormat.of().formatHex(b);
  }
}
