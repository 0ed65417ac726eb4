package vn.tracegate.checkin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Random;

/**
 * Request bodies as a decoder could hand them over, made hostile: every field of a valid body
 * kept, dropped, nulled, given the wrong JSON type, a huge or damaged string, or a deep nest,
 * plus unknown fields. For the parsers' property tests ({@link BadInput#forAll}).
 */
public final class JsonGarbage {

  private JsonGarbage() {}

  /** {@code valid} with each field independently kept (about half the time) or spoiled. */
  public static JsonObject spoil(Random rnd, JsonObject valid) {
    JsonObject out = new JsonObject();
    for (Map.Entry<String, Object> field : valid) {
      int choice = rnd.nextInt(10);
      if (choice < 5) {
        out.put(field.getKey(), field.getValue());
      } else if (choice < 6) {
        continue; // missing
      } else if (choice < 8 && field.getValue() instanceof String s) {
        out.put(field.getKey(), BadInput.mutateSome(rnd, s));
      } else {
        out.put(field.getKey(), any(rnd, 3));
      }
    }
    if (rnd.nextInt(8) == 0) {
      out.put(rnd.nextBoolean() ? BadInput.text(rnd, 6) : BadInput.huge(rnd, 2_000), any(rnd, 2));
    }
    return out;
  }

  /** Any JSON value: null, booleans, numbers at the edges, strings, arrays, objects, deep nests. */
  public static Object any(Random rnd, int depth) {
    int kinds = depth > 0 ? 13 : 10;
    return switch (rnd.nextInt(kinds)) {
      case 0 -> null;
      case 1 -> rnd.nextBoolean();
      case 2 -> rnd.nextInt();
      case 3 -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 100_001L}[rnd.nextInt(5)];
      case 4 -> new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e300, 0.5, 20.0, Double.MIN_VALUE}[rnd.nextInt(7)];
      case 5 -> new BigInteger(200, rnd).negate();
      case 6 -> new BigDecimal("1e-400");
      case 7 -> BadInput.text(rnd, 12);
      case 8 -> BadInput.huge(rnd, 100_000);
      case 9 -> "";
      case 10 -> {
        JsonArray a = new JsonArray();
        for (int i = rnd.nextInt(4); i > 0; i--) {
          a.add(any(rnd, depth - 1));
        }
        yield a;
      }
      case 11 -> {
        JsonObject o = new JsonObject();
        for (int i = rnd.nextInt(4); i > 0; i--) {
          o.put(BadInput.text(rnd, 4), any(rnd, depth - 1));
        }
        yield o;
      }
      default -> nest(rnd.nextInt(5_000));
    };
  }

  /** {@code {"a":{"a":...[]...}}} nested {@code depth} times, alternating objects and arrays. */
  public static Object nest(int depth) {
    Object inner = new JsonArray();
    for (int i = 0; i < depth; i++) {
      inner = i % 2 == 0 ? new JsonObject().put("a", inner) : new JsonArray().add(inner);
    }
    return inner;
  }
}
