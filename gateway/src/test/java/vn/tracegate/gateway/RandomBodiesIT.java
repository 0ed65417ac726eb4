package vn.tracegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tracegate.gateway.BadBodies.Template;
import vn.tracegate.gateway.FuzzPark.Endpoint;

/**
 * Seeded random damage to valid bodies of every JSON POST, a few hundred requests: bytes flipped,
 * cut, repeated, JSON punctuation and invalid UTF-8 spliced in. A damaged body may still happen
 * to be valid, so 200/201 is allowed; anything else must be a clean refusal of the contract, and
 * whatever a refused body would have created (scan, registry row, trace) must not exist.
 * {@code -Dtracegate.fuzz.seed} and {@code -Dtracegate.fuzz.rounds} change the run.
 */
class RandomBodiesIT {

  static final long SEED = Long.getLong("tracegate.fuzz.seed", 20_261_122L);
  static final int ROUNDS = Integer.getInteger("tracegate.fuzz.rounds", 40);
  static final String[] TOKENS = {"{", "}", "[", "]", "\"", ",", ":", "\\", "\\u0000", "\\ud800", "null", "1e999",
      "-", "\"x\":1,", "\u0000", "\u0007", "\n", "\u202e", "ư", "\ud83d\ude00", "/*", "NaN", "0x1F", "tRuE"};
  static FuzzPark fz;

  @BeforeAll
  static void start() throws Exception {
    fz = new FuzzPark(TestGateway.unlimited(), "Hồ Văn Phúc");
  }

  @AfterAll
  static void stop() {
    fz.close();
  }

  @Test
  void damagedBodiesAreAcceptedWhenStillValidAndOtherwiseRefusedWithoutAWrite() {
    List<String> refusedKeys = new ArrayList<>();
    int accepted = 0;
    int refusedTraces = 0;
    int acceptedTraces = 0;
    for (Endpoint e : fz.jsonEndpoints()) {
      for (int i = 0; i < ROUNDS; i++) {
        Random rnd = new Random(SEED + i);
        Template t = e.fresh().get();
        byte[] body = damage(rnd, t.bytes());
        String what = e.path() + " round " + i + " (seed " + (SEED + i) + "): " + describe(body);
        HttpResponse<Buffer> r = fz.http.post(e.path(), e.auth(), "application/json", body);
        if (r.statusCode() == 200 || r.statusCode() == 201) {
          accepted++;
          acceptedTraces += e.path().equals("/v1/traces") ? 1 : 0;
          continue;
        }
        Refusals.assertRefused(what, body, r);
        refusedTraces += e.path().equals("/v1/traces") ? 1 : 0;
        if (t.key != null) {
          refusedKeys.add(t.key);
        }
      }
    }
    assertThat(refusedKeys.size() + refusedTraces).as("refused (accepted: %d)", accepted)
        .isGreaterThan(fz.jsonEndpoints().size() * ROUNDS / 2);
    fz.assertNotWritten(refusedKeys);
    assertThat(fz.traces()).as("traces stored").isEqualTo(acceptedTraces);
    fz.http.assertLogClean(List.of(BadBodies.MARK, "398765432"));
  }

  @Test
  void aDamagedBatchAnswersEachItemWithItsOwnStatusAndStoresNoRefusedOne() {
    List<String> refusedKeys = new ArrayList<>();
    for (int i = 0; i < ROUNDS; i++) {
      Random rnd = new Random(SEED + 1_000 + i);
      List<String> ids = new ArrayList<>();
      StringBuilder scans = new StringBuilder("{\"scans\":[");
      for (int k = 0; k < 3; k++) {
        Template t = fz.scan();
        ids.add(t.key);
        scans.append(k == 0 ? "" : ",").append(new String(t.bytes(), java.nio.charset.StandardCharsets.UTF_8));
      }
      byte[] body = damage(rnd, BadBodies.utf8(scans.append("]}").toString()));
      String what = "batch round " + i + ": " + describe(body);
      HttpResponse<Buffer> r = fz.http.post("/v1/scans/batch", fz.park.deviceKey, "application/json", body);
      if (r.statusCode() != 200) {
        Refusals.assertRefused(what, body, r);
        refusedKeys.addAll(ids);
        continue;
      }
      JsonArray results = r.bodyAsJsonObject().getJsonArray("results");
      Set<Integer> fine = Set.of(200, 201);
      for (Object o : results) {
        JsonObject result = (JsonObject) o;
        int status = result.getInteger("status");
        assertThat(status).as(what + " -> " + result).isIn(union(Refusals.CONTRACT, fine));
        if (!fine.contains(status)) {
          assertThat(result.getJsonObject("error").getString("code")).as(what).matches("[A-Z][A-Z0-9_]*");
          if (ids.contains(result.getString("scanId"))) {
            refusedKeys.add(result.getString("scanId"));
          }
        }
      }
    }
    fz.assertNotWritten(refusedKeys);
    fz.http.assertLogClean(List.of(BadBodies.MARK));
  }

  /** One to three random kinds of damage. */
  static byte[] damage(Random rnd, byte[] valid) {
    byte[] b = valid;
    for (int n = 1 + rnd.nextInt(3); n > 0; n--) {
      int at = rnd.nextInt(b.length);
      b = switch (rnd.nextInt(7)) {
        case 0 -> Arrays.copyOf(b, at);
        case 1 -> {
          byte[] c = b.clone();
          c[at] ^= (byte) (1 << rnd.nextInt(8));
          yield c;
        }
        case 2 -> BadBodies.splice(b, at, BadBodies.utf8(TOKENS[rnd.nextInt(TOKENS.length)]));
        case 3 -> BadBodies.splice(b, at, BadBodies.INVALID_UTF8.get(rnd.nextInt(BadBodies.INVALID_UTF8.size())));
        case 4 -> {
          int to = Math.min(b.length, at + 1 + rnd.nextInt(20));
          byte[] cut = new byte[b.length - (to - at)];
          System.arraycopy(b, 0, cut, 0, at);
          System.arraycopy(b, to, cut, at, b.length - to);
          yield cut;
        }
        case 5 -> {
          int to = Math.min(b.length, at + 1 + rnd.nextInt(30));
          yield BadBodies.splice(b, at, Arrays.copyOfRange(b, at, to));
        }
        default -> BadBodies.splice(b, at, BadBodies.utf8(BadBodies.MARK.repeat(1 + rnd.nextInt(3_000))));
      };
      if (b.length == 0) {
        b = new byte[] {'{'};
      }
    }
    return b;
  }

  private static String describe(byte[] body) {
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).replace(BadBodies.MARK, "Z")
        .replaceAll("[\\x00-\\x1f]", "?");
    return body.length + " bytes: " + text.substring(0, Math.min(text.length(), 400))
        + " | hex " + HexFormat.of().formatHex(body, 0, Math.min(body.length, 64));
  }

  private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
    Set<Integer> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return all;
  }
}
