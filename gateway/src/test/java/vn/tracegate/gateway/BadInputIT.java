package vn.tracegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tracegate.gateway.BadBodies.quote;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.visits.DayBucket;
import vn.tracegate.gateway.BadBodies.Case;
import vn.tracegate.gateway.BadBodies.Template;

/**
 * Bad input through the real gateway, on every POST that takes a JSON body: text that is not
 * JSON, cut short, nested 10,000 deep, invalid UTF-8, control characters, duplicate keys, every
 * field missing or of a wrong type, bodies over the limit. Each must be a 4xx of the contract in
 * the JSON error shape, echo nothing, log nothing of the body, and write nothing.
 */
class BadInputIT {

  static TestGateway gw;
  static ParkFixture park;
  static Refusals http;
  static String worker;
  static String badge;
  static String health;
  static RedisClient redisClient;
  static StatefulRedisConnection<String, String> redis;
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  static final List<UUID> scanIds = new ArrayList<>();
  static final List<String> registryIds = new ArrayList<>();
  static int counter;
  /** The seed of the random cuts; change it with -Dtracegate.fuzz.seed. */
  static final long SEED = Long.getLong("tracegate.fuzz.seed", 20_261_122L);

  @BeforeAll
  static void start() throws Exception {
    gw = TestGateway.get();
    park = new ParkFixture(gw, 20);
    worker = park.worker("BI", "Đỗ Thị Hằng");
    badge = park.badge(worker);
    health = gw.bearer("health");
    http = new Refusals(gw.client());
    redisClient = RedisClient.create(gw.config.redis().uri());
    redis = redisClient.connect();
  }

  @AfterAll
  static void stop() {
    redis.close();
    redisClient.shutdown();
  }

  /** Each JSON endpoint: who may call it, and a fresh valid body (unique ids) to spoil. */
  static Map<String, Endpoint> endpoints() {
    Map<String, Endpoint> all = new LinkedHashMap<>();
    all.put("/v1/scans", new Endpoint(park.deviceKey, BadInputIT::scan, Map.of(
        "scanId", BadBodies.requiredString(quote("42"), quote(UUID.randomUUID() + "x")),
        "qr", BadBodies.requiredString(quote("TG1.B." + "A".repeat(600))),
        "checkpointId", BadBodies.requiredString(quote("ws/../x"), quote("a".repeat(65))),
        "action", BadBodies.requiredString(quote("SIDEWAYS"), quote("IN OUT")),
        "at", BadBodies.requiredString(quote("2026-11-22"), quote("yesterday"), quote("2026-13-01T00:00:00Z"),
            quote("+999999999-12-31T23:59:59Z"), quote("-999999999-01-01T00:00:00Z"), "1763800000000"))));
    all.put("/v1/enterprises", new Endpoint(park.admin, () -> new Template()
        .string("name", "Công ty Dệt " + next()).string("id", registryId("ent")), Map.of(
        "id", BadBodies.requiredString(quote("a b"), quote("a".repeat(65))),
        "name", BadBodies.requiredString(quote("ư".repeat(201))))));
    all.put("/v1/checkpoints", new Endpoint(park.admin, () -> new Template().string("enterpriseId", park.enterprise)
        .string("kind", "CANTEEN").string("name", "Căng tin " + next()).put("capacity", "50")
        .string("id", registryId("cp")), Map.of(
        "id", BadBodies.requiredString(quote("a b")),
        "enterpriseId", BadBodies.optionalString(quote("no-such-enterprise-" + park.suffix)),
        "kind", BadBodies.requiredString(quote("SIDEWAYS")),
        "name", BadBodies.requiredString(),
        "capacity", List.of("<missing>", "null", quote("50"), "0", "-1", "1.5", "100001", "1e400", "true", "{}",
            "[50]", "9".repeat(900), BadBodies.DEEP))));
    all.put("/v1/workers", new Endpoint(park.admin, () -> new Template().string("enterpriseId", park.enterprise)
        .string("fullName", "Lê Thị Hoa").string("phone", "0398765432").string("team", "Tổ 2")
        .string("id", registryId("w")), Map.of(
        "id", BadBodies.requiredString(quote("a b")),
        "enterpriseId", BadBodies.requiredString(quote("no-such-enterprise-" + park.suffix)),
        "fullName", BadBodies.requiredString(quote("Lê 3"), quote("a".repeat(101))),
        "phone", BadBodies.requiredString(quote("0398765432x"), quote("039876543"), "398765432"),
        "team", BadBodies.optionalString(quote("t".repeat(65))))));
    all.put("/v1/devices", new Endpoint(park.admin, () -> new Template().string("enterpriseId", park.enterprise)
        .put("checkpointIds", "[" + quote(park.workshop) + "]").string("id", registryId("dev")), Map.of(
        "id", BadBodies.requiredString(),
        "enterpriseId", BadBodies.requiredString(),
        "checkpointIds", List.of("<missing>", "null", "[]", quote(park.workshop), "[42]", "[null]", "[[\"x\"]]",
            "[" + quote("no-such-" + park.suffix) + "]", "[" + quote("a b") + "]", "{}", BadBodies.DEEP,
            "[" + String.join(",", java.util.Collections.nCopies(65, quote(park.workshop))) + "]"))));
    all.put("/v1/traces", new Endpoint(health, BadInputIT::trace, Map.of(
        "workerId", BadBodies.requiredString(quote("no-such-worker-" + park.suffix)),
        "from", BadBodies.requiredString(quote("2026-11-22"), quote(NOW.toString()), quote("+999999999-01-01T00:00:00Z")),
        "to", BadBodies.requiredString(quote(NOW.minus(Duration.ofDays(30)).toString())),
        "reason", List.of("<missing>", "null", quote(""), quote("   "), "42", "{}", "[]", quote("r".repeat(501))),
        "depth", List.of("0", "4", "-1", "1.5", quote("1"), "true", "{}", "[]", "1e400", "9".repeat(900)),
        "minOverlapMinutes", List.of("-1", "601", "1.5", quote("15"), "true", "{}", "[]"))));
    return all;
  }

  record Endpoint(String auth, Supplier<Template> fresh, Map<String, List<String>> wrong) {}

  static Template scan() {
    UUID id = UUID.randomUUID();
    scanIds.add(id);
    return new Template().string("scanId", id.toString()).string("qr", badge).string("action", "IN")
        .string("at", NOW.toString()).string("checkpointId", park.workshop);
  }

  static Template trace() {
    return new Template().string("from", NOW.minus(Duration.ofDays(1)).toString()).string("to", NOW.toString())
        .string("reason", "kiểm tra " + next()).put("depth", "1").put("minOverlapMinutes", "15")
        .string("workerId", worker);
  }

  @Test
  void aBodyThatIsNotAJsonObjectIsA400OnEveryJsonEndpoint() {
    Random rnd = new Random(SEED);
    endpoints().forEach((path, e) -> {
      for (Case c : BadBodies.notAnObject(e.fresh().get().bytes(), rnd)) {
        String code = Refusals.assertRefused(path + " " + c.name(), c.body(),
            http.post(path, e.auth(), "application/json", c.body()));
        assertThat(code).as(path + " " + c.name()).isNotIn("ALREADY_EXISTS");
      }
    });
    assertNothingWritten();
  }

  @Test
  void everyFieldMissingOrOfAWrongTypeOrValueIsRefusedOnEveryJsonEndpoint() {
    endpoints().forEach((path, e) -> {
      for (Case c : BadBodies.eachFieldWrong(e.fresh(), e.wrong())) {
        Refusals.assertRefused(path + " " + c.name(), c.body(), http.post(path, e.auth(), "application/json", c.body()));
      }
    });
    assertNothingWritten();
  }

  @Test
  void aDuplicateKeyIsRefusedRatherThanOneOfItsValuesChosen() {
    endpoints().forEach((path, e) -> {
      Template t = e.fresh().get();
      String first = t.fields.keySet().iterator().next();
      Case c = BadBodies.duplicateKey(t, first, t.fields.get(first));
      Refusals.assertRefused(path + " " + c.name(), c.body(), http.post(path, e.auth(), "application/json", c.body()));
    });
    assertNothingWritten();
  }

  @Test
  void aBodyOverTheLimitIs413AndABodyThatIsAFormIsA400() throws Exception {
    byte[] big = BadBodies.utf8("{\"a\":\"" + "x".repeat(gw.config.http().maxBodyBytes()) + "\"}");
    String multipart = "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.json\"\r\n"
        + "Content-Type: application/json\r\n\r\n{\"id\":\"" + BadBodies.MARK + "\"}\r\n--b--\r\n";
    endpoints().forEach((path, e) -> {
      HttpResponse<Buffer> tooLarge = http.post(path, e.auth(), "application/json", big);
      Refusals.assertRefused(path + " over the limit", big, tooLarge);
      assertThat(tooLarge.statusCode()).as(path).isEqualTo(413);
      Refusals.assertRefused(path + " without auth, over the limit", big, http.post(path, null, null, big));
      byte[] form = e.fresh().get().bytes();
      Refusals.assertRefused(path + " as a form", form, http.post(path, e.auth(), "application/x-www-form-urlencoded",
          BadBodies.utf8("id=x&name=y")));
      Refusals.assertRefused(path + " as multipart", form, http.post(path, e.auth(), "multipart/form-data; boundary=b",
          BadBodies.utf8(multipart)));
    });
    Path uploads = Path.of("file-uploads");
    if (Files.exists(uploads)) {
      try (var files = Files.list(uploads)) {
        assertThat(files.count()).as("files the gateway wrote to " + uploads.toAbsolutePath()).isZero();
      }
    }
    assertNothingWritten();
  }

  @Test
  void aTraceWindowAtTheEdgesOfTimeIsA400AndStoresNoTraceOrStatus() {
    for (String[] window : new String[][] {{"-999999999-01-01T00:00:00Z", "-999999999-01-02T00:00:00Z"},
        {"+999999999-01-01T00:00:00Z", "+999999999-01-02T00:00:00Z"}, {"0000-01-01T00:00:00Z", "0000-01-02T00:00:00Z"},
        {"1900-01-01T00:00:00Z", "1900-01-02T00:00:00Z"}, {"+10000-01-01T00:00:00Z", "+10000-01-02T00:00:00Z"},
        {"1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00.001Z"}}) {
      byte[] body = trace().string("from", window[0]).string("to", window[1]).bytes();
      String code = Refusals.assertRefused("trace from " + window[0], body,
          http.post("/v1/traces", health, "application/json", body));
      assertThat(code).isEqualTo("WINDOW_OUT_OF_RANGE");
    }
    assertNothingWritten();
  }

  @Test
  void aBatchOfGarbageScansAnswersEachWithA4xxAndStoresNone() {
    JsonArray items = new JsonArray();
    for (Case c : BadBodies.eachFieldWrong(BadInputIT::scan, endpoints().get("/v1/scans").wrong())) {
      if (c.body().length < 50_000) {
        try {
          items.add(new JsonObject(Buffer.buffer(c.body())));
        } catch (RuntimeException notJson) {
          // deep or odd JSON is covered by the single-scan tests
        }
      }
    }
    items.add(42).add("scan").addNull().add(new JsonArray()).add(new JsonObject());
    byte[] body = BadBodies.utf8(new JsonObject().put("scans", items).encode());
    HttpResponse<Buffer> r = http.post("/v1/scans/batch", park.deviceKey, "application/json", body);

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonArray results = r.bodyAsJsonObject().getJsonArray("results");
    assertThat(results).hasSize(items.size());
    for (int i = 0; i < results.size(); i++) {
      JsonObject result = results.getJsonObject(i);
      assertThat(result.getInteger("status")).as("item %d: %s", i, result).isIn(Refusals.CONTRACT);
      assertThat(result.getJsonObject("error").getString("code")).as("item %d", i).matches("[A-Z][A-Z0-9_]*");
    }
    for (Object scans : List.of(42, "x", new JsonObject(), fiveHundredAndOneScans())) {
      byte[] b = BadBodies.utf8(new JsonObject().put("scans", scans).encode());
      Refusals.assertRefused("batch of " + scans.getClass().getSimpleName(), b,
          http.post("/v1/scans/batch", park.deviceKey, "application/json", b));
    }
    assertNothingWritten();
  }

  private static JsonArray fiveHundredAndOneScans() {
    JsonArray a = new JsonArray();
    for (int i = 0; i < 501; i++) {
      a.add(new JsonObject(Buffer.buffer(scan().bytes())));
    }
    return a;
  }

  static String next() {
    return park.suffix + "-" + (++counter);
  }

  static String registryId(String kind) {
    String id = "bi-" + kind + "-" + next();
    registryIds.add(id);
    return id;
  }

  /** No visit, no scan claim, no presence, no registry row, no trace, no status: and a clean log. */
  static void assertNothingWritten() {
    for (Instant day : List.of(NOW, NOW.minus(Duration.ofDays(1)))) {
      assertThat(rows("SELECT scan_id FROM visits_by_worker WHERE worker_id = ? AND day = ?", worker, DayBucket.of(day)))
          .as("visits of the worker").isZero();
      assertThat(rows("SELECT scan_id FROM visits_by_checkpoint WHERE checkpoint_id = ? AND day = ?", park.workshop,
          DayBucket.of(day))).as("visits at the workshop").isZero();
    }
    for (UUID id : scanIds) {
      assertThat(redis.sync().exists("tg:scan:" + id)).as("scan ledger claim for %s", id).isZero();
    }
    HttpResponse<Buffer> presence = park.api.get("/v1/presence/checkpoints/" + park.workshop, health);
    assertThat(presence.bodyAsJsonObject().getInteger("occupancy")).isZero();
    for (String id : registryIds) {
      for (String table : List.of("enterprises", "checkpoints", "workers", "devices")) {
        assertThat(rows("SELECT id FROM " + table + " WHERE id = ?", id)).as(table + " " + id).isZero();
      }
    }
    assertThat(rows("SELECT worker_id FROM workers_by_enterprise WHERE enterprise_id = ?", park.enterprise))
        .as("workers of the fixture's enterprise").isEqualTo(1);
    assertThat(rows("SELECT worker_id FROM worker_status WHERE worker_id = ?", worker)).as("status").isZero();
    assertThat(rows("SELECT id FROM traces WHERE f0_worker_id = ? ALLOW FILTERING", worker)).as("traces").isZero();
    http.assertLogClean(List.of(BadBodies.MARK, "398765432"));
  }

  static int rows(String cql, Object... values) {
    return gw.session.execute(SimpleStatement.newInstance(cql, values)).all().size();
  }

}
