package vn.tracegate.checkin;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Seeded generators of hostile input (truncations, insertions, control characters, invalid UTF-8,
 * lone surrogates, huge strings) and the property every parser must keep: it answers with a
 * result or a 4xx {@link Rejection}, never anything else. Iteration {@code i} uses the seed
 * {@code SEED + i}, so a failure names the iteration and the input that reproduces it. Override
 * with {@code -Dtracegate.fuzz.seed=...} and {@code -Dtracegate.fuzz.iterations=...}.
 */
public final class BadInput {

  public static final long SEED = Long.getLong("tracegate.fuzz.seed", 20_261_122L);
  /** Multiplies every test's iteration count: 10 runs ten times as many cases. */
  public static final int SCALE = Integer.getInteger("tracegate.fuzz.scale", 1);
  /** Longest message a refusal may carry: longer ones echo the input back. */
  public static final int MAX_MESSAGE = 400;

  private static final String[] SPECIALS = {
      "\u0000", "\u0001", "\u0007", "\t", "\n", "\r", "\u000b", "\u001b", "\u007f", "\u0085",
      "\u00a0", "\u200b", "\u200e", "\u202e", "\u2028", "\u2029", "\ufeff", "\ufffd", "\uffff",
      "\ud800", "\udfff", "\udbff\udfff", "\ud83d\ude00", "\u0301", "ế", "Đ", "ư", "ı", "ß", "ﬁ",
      "\"", "'", "\\", ",", ".", ";", "{", "}", "[", "]", "%00", "%zz", "&", "=", "?", "/", "..",
      "TG1", "TG1.P.", "TG1.B.", "-", "_", "0", "-1", "1e400", "NaN", "null", "true", " ", "  "};

  private BadInput() {}

  /**
   * Runs {@code action} on {@code iterations} generated inputs; each must return normally or throw
   * a {@link Rejection} of a 4xx kind whose message is at most {@link #MAX_MESSAGE} characters.
   */
  public static <T> void forAll(String property, int iterations, Function<Random, T> generator,
      Consumer<T> action) {
    for (int i = 0; i < iterations * SCALE; i++) {
      T input = generator.apply(new Random(SEED + i));
      try {
        action.accept(input);
      } catch (Rejection r) {
        if (r.kind().status() >= 500) {
          throw failure(property, i, input, "a " + r.kind() + " rejection " + r.code(), r);
        }
        if (r.getMessage() == null || r.getMessage().length() > MAX_MESSAGE) {
          throw failure(property, i, input, "a refusal message of "
              + (r.getMessage() == null ? "null" : r.getMessage().length() + " characters: "
              + describe(r.getMessage())), null);
        }
      } catch (Throwable t) {
        throw failure(property, i, input, t.toString(), t);
      }
    }
  }

  private static AssertionError failure(String property, int i, Object input, String what, Throwable cause) {
    return new AssertionError(property + ": iteration " + i + " (seed " + (SEED + i) + ") gave " + what
        + " for input " + describe(input), cause);
  }

  /** A printable, bounded description of an input for a failure message. */
  public static String describe(Object input) {
    if (input instanceof byte[] b) {
      int n = Math.min(b.length, 160);
      return b.length + " bytes: " + HexFormat.of().formatHex(b, 0, n) + (n < b.length ? "..." : "");
    }
    String s = String.valueOf(input);
    StringBuilder out = new StringBuilder();
    int n = Math.min(s.length(), 400);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return "(" + s.length() + " chars) \"" + out + (n < s.length() ? "...\"" : "\"");
  }

  /** A short string of hostile pieces, random characters and plain text. */
  public static String text(Random rnd, int maxPieces) {
    StringBuilder s = new StringBuilder();
    int pieces = rnd.nextInt(maxPieces + 1);
    for (int i = 0; i < pieces; i++) {
      switch (rnd.nextInt(4)) {
        case 0 -> s.append(SPECIALS[rnd.nextInt(SPECIALS.length)]);
        case 1 -> s.append((char) rnd.nextInt(0x10000));
        case 2 -> s.append((char) (0x20 + rnd.nextInt(0x5f)));
        default -> s.append("abcXYZ019_-".charAt(rnd.nextInt(11)));
      }
    }
    return s.toString();
  }

  /** A huge string: one piece repeated up to {@code maxLength} characters. */
  public static String huge(Random rnd, int maxLength) {
    String piece = text(rnd, 3);
    if (piece.isEmpty()) {
      piece = "A";
    }
    return piece.repeat(Math.max(1, rnd.nextInt(maxLength) / piece.length()));
  }

  /** {@code valid} damaged once: truncated, cut, spliced, a character changed or duplicated. */
  public static String mutate(Random rnd, String valid) {
    if (valid.isEmpty()) {
      return text(rnd, 4);
    }
    int at = rnd.nextInt(valid.length() + 1);
    int to = at + rnd.nextInt(valid.length() - at + 1);
    return switch (rnd.nextInt(9)) {
      case 0 -> valid.substring(0, at);
      case 1 -> valid.substring(at);
      case 2 -> valid.substring(0, at) + valid.substring(to);
      case 3 -> valid.substring(0, at) + text(rnd, 3) + valid.substring(at);
      case 4 -> valid.substring(0, at) + SPECIALS[rnd.nextInt(SPECIALS.length)] + valid.substring(to);
      case 5 -> at < valid.length() ? valid.substring(0, at) + (char) (valid.charAt(at) ^ (1 << rnd.nextInt(8)))
          + valid.substring(at + 1) : valid + valid;
      case 6 -> valid.substring(0, at) + valid.substring(at, to).repeat(1 + rnd.nextInt(50)) + valid.substring(to);
      case 7 -> valid.toLowerCase(java.util.Locale.ROOT);
      default -> valid.substring(0, at) + huge(rnd, 5_000) + valid.substring(to);
    };
  }

  /** Repeats {@link #mutate} one to three times. */
  public static String mutateSome(Random rnd, String valid) {
    String s = valid;
    for (int i = 1 + rnd.nextInt(3); i > 0; i--) {
      s = mutate(rnd, s);
    }
    return s;
  }

  /** Invalid UTF-8 sequences: stray continuation, overlong, surrogate, beyond U+10FFFF, cut short. */
  public static byte[] invalidUtf8(Random rnd) {
    byte[][] bad = {
        {(byte) 0x80}, {(byte) 0xbf}, {(byte) 0xc0, (byte) 0x80}, {(byte) 0xc1, (byte) 0xbf},
        {(byte) 0xe0, (byte) 0x80, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
        {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        {(byte) 0xfe}, {(byte) 0xff}, {(byte) 0xe1, (byte) 0xba}, {(byte) 0xc3}};
    return bad[rnd.nextInt(bad.length)];
  }

  /** {@code valid} damaged once at the byte level. */
  public static byte[] mutateBytes(Random rnd, byte[] valid) {
    if (valid.length == 0) {
      return randomBytes(rnd, 16);
    }
    int at = rnd.nextInt(valid.length);
    byte[] out;
    switch (rnd.nextInt(6)) {
      case 0 -> out = java.util.Arrays.copyOf(valid, at);
      case 1 -> {
        out = valid.clone();
        out[at] ^= (byte) (1 << rnd.nextInt(8));
      }
      case 2 -> {
        out = valid.clone();
        out[at] = (byte) rnd.nextInt(256);
      }
      case 3 -> out = splice(valid, at, invalidUtf8(rnd));
      case 4 -> out = splice(valid, at, randomBytes(rnd, 64));
      default -> {
        out = valid.clone();
        for (int i = rnd.nextInt(Math.min(8, out.length)); i >= 0; i--) {
          out[rnd.nextInt(out.length)] = (byte) rnd.nextInt(256);
        }
      }
    }
    return out;
  }

  public static byte[] randomBytes(Random rnd, int maxLength) {
    byte[] b = new byte[rnd.nextInt(maxLength + 1)];
    rnd.nextBytes(b);
    return b;
  }

  public static byte[] splice(byte[] into, int at, byte[] piece) {
    byte[] out = new byte[into.length + piece.length];
    System.arraycopy(into, 0, out, 0, at);
    System.arraycopy(piece, 0, out, at, piece.length);
    System.arraycopy(into, at, out, at + piece.length, into.length - at);
    return out;
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
