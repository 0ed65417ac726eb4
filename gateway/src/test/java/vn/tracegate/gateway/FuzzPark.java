package vn.tracegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tracegate.gateway.BadBodies.quote;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import vn.tracegate.checkin.visits.DayBucket;
import vn.tracegate.gateway.BadBodies.Template;

/**
 * A park for bad-input tests: one enterprise, workshop, device and worker with a badge; every JSON
 * POST with a fresh valid body (new scanId or registry id each time) and the values that are wrong
 * for each field; and the stores read back, to prove a refusal wrote nothing.
 */
final class FuzzPark implements AutoCloseable {

  /** One JSON endpoint: its path, who may call it, a fresh valid body, and wrong values per field. */
  record Endpoint(String path, String auth, Supplier<Template> fresh, Map<String, List<String>> wrong) {}

  final TestGateway gw;
  final ParkFixture park;
  final Refusals http;
  final String worker;
  final String badge;
  final String health;
  final String poster;
  final String appToken;
  final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  /** Every scanId and registry id a body was built with. */
  final List<String> keys = new ArrayList<>();
  private final RedisClient redisClient;
  private final StatefulRedisConnection<String, String> redis;
  private int counter;

  FuzzPark(TestGateway gw, String workerName) {
    this.gw = gw;
    this.park = new ParkFixture(gw, 20);
    this.worker = park.worker("FZ", workerName);
    this.badge = park.badge(worker);
    this.health = gw.bearer("health");
    this.poster = park.poster(park.workshop);
    this.appToken = park.appToken(worker);
    this.http = new Refusals(gw.client());
    this.redisClient = RedisClient.create(gw.config.redis().uri());
    this.redis = redisClient.connect();
  }

  /** The JSON POSTs; each body's last field is a strict one, so bytes spliced before it spoil it. */
  List<Endpoint> jsonEndpoints() {
    String e = park.enterprise;
    return List.of(
        new Endpoint("/v1/scans", appToken, this::appScan, Map.of(
            "scanId", BadBodies.requiredString(quote(UUID.randomUUID().toString().replace("-", ""))),
            "qr", BadBodies.requiredString(quote(badge), quote(poster.replace(".P.", ".B."))),
            "checkpointId", BadBodies.optionalString(quote("other-" + park.suffix)),
            "action", BadBodies.requiredString(quote("\u0131n")),
            "at", BadBodies.requiredString(quote(now.plus(Duration.ofHours(1)).toString())))),
        new Endpoint("/v1/scans", park.deviceKey, this::scan, Map.of(
            "scanId", BadBodies.requiredString(quote("42"), quote(UUID.randomUUID() + "x")),
            "qr", BadBodies.requiredString(quote("TG1.B." + "A".repeat(600))),
            "checkpointId", BadBodies.requiredString(quote("ws/../x"), quote("a".repeat(65))),
            "action", BadBodies.requiredString(quote("SIDEWAYS"), quote("IN OUT")),
            "at", BadBodies.requiredString(quote("2026-11-22"), quote("yesterday"), quote("2026-13-01T00:00:00Z"),
                quote("+999999999-12-31T23:59:59Z"), quote("-999999999-01-01T00:00:00Z"), "1763800000000"))),
        new Endpoint("/v1/enterprises", park.admin, () -> new Template()
            .string("name", "Công ty Dệt " + next()).key("id", registryId("ent")), Map.of(
            "id", BadBodies.requiredString(quote("a b"), quote("a".repeat(65))),
            "name", BadBodies.requiredString(quote("ư".repeat(201))))),
        new Endpoint("/v1/checkpoints", park.admin, () -> new Template().string("enterpriseId", e)
            .string("kind", "CANTEEN").string("name", "Căng tin " + next()).put("capacity", "50")
            .key("id", registryId("cp")), Map.of(
            "id", BadBodies.requiredString(quote("a b")),
            "enterpriseId", BadBodies.optionalString(quote("no-such-enterprise-" + park.suffix)),
            "kind", BadBodies.requiredString(quote("SIDEWAYS")),
            "name", BadBodies.requiredString(),
            "capacity", List.of("<missing>", "null", quote("50"), "0", "-1", "1.5", "100001", "1e400", "true", "{}",
                "[50]", "9".repeat(900), BadBodies.DEEP))),
        new Endpoint("/v1/workers", park.admin, () -> new Template().string("enterpriseId", e)
            .string("fullName", "Lê Thị Hoa").string("phone", "0398765432").string("team", "Tổ 2")
            .key("id", registryId("w")), Map.of(
            "id", BadBodies.requiredString(quote("a b")),
            "enterpriseId", BadBodies.requiredString(quote("no-such-enterprise-" + park.suffix)),
            "fullName", BadBodies.requiredString(quote("Lê 3"), quote("a".repeat(101))),
            "phone", BadBodies.requiredString(quote("0398765432x"), quote("039876543"), "398765432"),
            "team", BadBodies.optionalString(quote("t".repeat(65))))),
        new Endpoint("/v1/devices", park.admin, () -> new Template().string("enterpriseId", e)
            .put("checkpointIds", "[" + quote(park.workshop) + "]").key("id", registryId("dev")), Map.of(
            "id", BadBodies.requiredString(),
            "enterpriseId", BadBodies.requiredString(),
            "checkpointIds", List.of("<missing>", "null", "[]", quote(park.workshop), "[42]", "[null]", "[[\"x\"]]",
                "[" + quote("no-such-" + park.suffix) + "]", "[" + quote("a b") + "]", "{}", BadBodies.DEEP,
                "[" + String.join(",", Collections.nCopies(65, quote(park.workshop))) + "]"))),
        new Endpoint("/v1/traces", health, this::trace, Map.of(
            "workerId", BadBodies.requiredString(quote("no-such-worker-" + park.suffix)),
            "from", BadBodies.requiredString(quote("2026-11-22"), quote(now.toString()), quote("+999999999-01-01T00:00:00Z")),
            "to", BadBodies.requiredString(quote(now.minus(Duration.ofDays(30)).toString())),
            "reason", List.of("<missing>", "null", quote(""), quote("   "), "42", "{}", "[]", quote("r".repeat(501)),
                "\"ca F0 \\ud800\"", "\"\\udc00\"", quote("F0\u0000"), quote("F0 \u001b[2J")),
            "depth", List.of("0", "4", "-1", "1.5", quote("1"), "true", "{}", "[]", "1e400", "9".repeat(900)),
            "minOverlapMinutes", List.of("-1", "601", "1.5", quote("15"), "true", "{}", "[]"))));
  }

  /** A valid scan by the worker's app of the workshop's poster, with a new scanId. */
  Template appScan() {
    String id = UUID.randomUUID().toString();
    keys.add(id);
    return new Template().string("qr", poster).string("action", "OUT").string("at", now.toString()).key("scanId", id);
  }

  /** A valid device scan of the worker's badge at the workshop, with a new scanId. */
  Template scan() {
    String id = UUID.randomUUID().toString();
    keys.add(id);
    return new Template().string("qr", badge).string("action", "IN").string("at", now.toString())
        .string("checkpointId", park.workshop).key("scanId", id);
  }

  /** A valid trace of the worker over the last day. */
  Template trace() {
    return new Template().string("from", now.minus(Duration.ofDays(1)).toString()).string("to", now.toString())
        .string("reason", "kiểm tra " + next()).put("depth", "1").put("minOverlapMinutes", "15")
        .string("workerId", worker);
  }

  String next() {
    return park.suffix + "-" + (++counter);
  }

  /** A new id; random, not counted, so a damaged id never turns into the id of another request. */
  String registryId(String kind) {
    String id = "fz-" + kind + "-" + park.suffix + "-" + UUID.randomUUID().toString().substring(24);
    keys.add(id);
    return id;
  }

  /** POSTs a body and asserts it was refused cleanly; returns the error code. */
  String refused(String what, String path, String auth, String contentType, byte[] body) {
    HttpResponse<Buffer> r = http.post(path, auth, contentType, body);
    return Refusals.assertRefused(what, body, r);
  }

  /** Nothing at all: no visit, claim, presence, registry row, trace or status; and a clean log. */
  void assertNothingWritten() {
    assertNotWritten(keys);
    assertThat(visits()).as("visits of the worker").isEmpty();
    for (Instant day : List.of(now, now.minus(Duration.ofDays(1)))) {
      assertThat(rows("SELECT scan_id FROM visits_by_checkpoint WHERE checkpoint_id = ? AND day = ?", park.workshop,
          DayBucket.of(day))).as("visits at the workshop").isEmpty();
    }
    HttpResponse<Buffer> presence = park.api.get("/v1/presence/checkpoints/" + park.workshop, health);
    assertThat(presence.bodyAsJsonObject().getInteger("occupancy")).as("presence").isZero();
    assertThat(rows("SELECT worker_id FROM workers_by_enterprise WHERE enterprise_id = ?", park.enterprise))
        .as("workers of the fixture's enterprise").hasSize(1);
    assertThat(rows("SELECT worker_id FROM worker_status WHERE worker_id = ?", worker)).as("status").isEmpty();
    assertThat(traces()).as("traces").isZero();
    http.assertLogClean(List.of(BadBodies.MARK, "398765432"));
  }

  /** None of these scanIds was claimed or stored, none of these registry ids exists. */
  void assertNotWritten(Collection<String> refusedKeys) {
    List<String> stored = visits();
    for (String key : refusedKeys) {
      if (key.length() == 36 && key.charAt(8) == '-') {
        assertThat(redis.sync().exists("tg:scan:" + key)).as("scan ledger claim for %s", key).isZero();
        assertThat(stored).as("visits").doesNotContain(key);
      } else {
        for (String table : List.of("enterprises", "checkpoints", "workers", "devices")) {
          assertThat(rows("SELECT id FROM " + table + " WHERE id = ?", key)).as(table + " " + key).isEmpty();
        }
      }
    }
  }

  /** The scanIds stored for the worker today and yesterday. */
  List<String> visits() {
    List<String> ids = new ArrayList<>();
    for (Instant day : List.of(now, now.minus(Duration.ofDays(1)))) {
      rows("SELECT scan_id FROM visits_by_worker WHERE worker_id = ? AND day = ?", worker, DayBucket.of(day))
          .forEach(row -> ids.add(row.getUuid("scan_id").toString()));
    }
    return ids;
  }

  int traces() {
    return rows("SELECT id FROM traces WHERE f0_worker_id = ? ALLOW FILTERING", worker).size();
  }

  List<Row> rows(String cql, Object... values) {
    return gw.session.execute(SimpleStatement.newInstance(cql, values)).all();
  }

  @Override
  public void close() {
    redis.close();
    redisClient.shutdown();
  }

  /** Endpoints by path, for tests that want one. */
  Map<String, Endpoint> byPath() {
    Map<String, Endpoint> out = new LinkedHashMap<>();
    jsonEndpoints().forEach(e -> out.put(e.path(), e));
    return out;
  }
}
