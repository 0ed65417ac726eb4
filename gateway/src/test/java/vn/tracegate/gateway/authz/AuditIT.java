package vn.tracegate.gateway.authz;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tracegate.gateway.TestGateway;

/**
 * The audit log through the API: what is recorded, what a worker is shown, and that a tampered
 * entry is reported by GET /v1/audit/verify. The chain is shared by every test, so a test reads
 * and checks only its own entries, and puts back what it tampered with.
 */
class AuditIT {

  static TestGateway gw;
  static TwoEnterprises park;

  @BeforeAll
  static void start() throws Exception {
    gw = TestGateway.get();
    park = new TwoEnterprises(gw);
  }

  /** The entries about one object, oldest first (tests only: a filtering scan of the newest buckets). */
  static List<Row> entriesAbout(String objectId) {
    long head = gw.session.execute("SELECT seq FROM audit_head WHERE chain = 'main'").one().getLong("seq");
    return gw.session.execute(SimpleStatement.newInstance("SELECT * FROM audit_log WHERE bucket IN ?"
        + " AND object_id = ? ALLOW FILTERING", List.of(head / 1024 - 1, head / 1024, head / 1024 + 1), objectId)).all();
  }

  @Test
  void registryChangesBadgeFetchesAndPresenceListingsAreRecordedWithWhoWhatAndWhy() {
    String safetyA = "Bearer " + gw.token("safety", park.a.enterprise, null);
    String newWorker = "AU-" + park.a.suffix;
    HttpResponse<Buffer> created = park.api.post("/v1/workers", safetyA, new JsonObject().put("id", newWorker)
        .put("enterpriseId", park.a.enterprise).put("fullName", "Hồ Thị Nga").put("phone", TwoEnterprises.phone())
        .put("team", "Tổ 4"));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(park.api.get("/v1/workers/" + newWorker + "/badge.svg", safetyA).statusCode()).isEqualTo(200);
    assertThat(park.api.get("/v1/presence/checkpoints/" + park.a.workshop, safetyA).statusCode()).isEqualTo(200);

    assertThat(entriesAbout(newWorker)).extracting(r -> r.getString("action"))
        .containsExactly("REGISTRY_CREATE", "BADGE");
    Row create = entriesAbout(newWorker).get(0);
    assertThat(create.getString("role")).isEqualTo("SAFETY");
    assertThat(create.getString("actor")).startsWith("safety:");
    assertThat(create.getString("actor_enterprise")).isEqualTo(park.a.enterprise);
    assertThat(create.getString("object_type")).isEqualTo("worker");
    assertThat(create.getList("worker_ids", String.class)).containsExactly(newWorker);
    assertThat(entriesAbout(park.a.workshop)).extracting(r -> r.getString("action")).containsExactly("REGISTRY_CREATE", "PRESENCE");
    assertThat(entriesAbout(park.a.workshop)).allSatisfy(r ->
        assertThat(r.getString("hash")).matches("[0-9a-f]{64}"));
  }

  @Test
  void aWorkerSeesWhichRoleAndOrganisationLookedAtTheirDataButNoOfficersAccount() {
    String safetyA = "Bearer " + gw.token("safety", park.a.enterprise, null);
    assertThat(park.api.get("/v1/workers/" + park.workerA + "/badge.json", safetyA).statusCode()).isEqualTo(200);
    String app = park.a.appToken(park.workerA);

    HttpResponse<Buffer> r = park.api.get("/v1/workers/me/access", app);

    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getString("workerId")).isEqualTo(park.workerA);
    List<JsonObject> entries = body.getJsonArray("entries").stream().map(JsonObject.class::cast).toList();
    assertThat(entries).extracting(e -> e.getString("action")).startsWith("ENROL", "BADGE");
    JsonObject badge = entries.get(1);
    assertThat(badge.getString("actorRole")).isEqualTo("safety");
    assertThat(badge.getString("actor")).isEqualTo("safety team of " + park.a.enterprise);
    assertThat(badge.getString("at")).isNotBlank();
    assertThat(r.bodyAsString()).doesNotContain("safety:").doesNotContain("admin:");
  }

  @Test
  void aStoredEntryChangedInCassandraIsReportedByTheCheckUntilItIsPutBack() {
    String newWorker = "TA-" + park.a.suffix;
    assertThat(park.api.post("/v1/workers", park.a.admin, new JsonObject().put("id", newWorker)
        .put("enterpriseId", park.a.enterprise).put("fullName", "Vũ Văn Khải").put("phone", TwoEnterprises.phone())
        .put("team", "Tổ 5")).statusCode()).isEqualTo(201);
    park.api.get("/v1/workers/" + newWorker + "/badge.json", park.a.admin);
    park.api.post("/v1/workers/" + newWorker + "/tokens", park.a.admin, new JsonObject());
    List<Row> mine = entriesAbout(newWorker);
    assertThat(mine).hasSize(3);
    Row target = mine.get(1);
    long from = mine.get(0).getLong("seq");
    long to = mine.get(2).getLong("seq");
    String range = "/v1/audit/verify?from=" + from + "&to=" + to;
    assertThat(park.api.get(range, park.a.admin).bodyAsJsonObject().getBoolean("ok")).isTrue();
    String update = "UPDATE audit_log SET actor = ? WHERE bucket = ? AND seq = ?";
    try {
      gw.session.execute(SimpleStatement.newInstance(update, "someone-else", target.getLong("bucket"), target.getLong("seq")));

      JsonObject check = park.api.get(range, park.a.admin).bodyAsJsonObject();

      assertThat(check.getBoolean("ok")).isFalse();
      assertThat(check.getJsonObject("problem").getLong("seq")).isEqualTo(target.getLong("seq"));
      assertThat(check.getJsonObject("problem").getString("kind")).isEqualTo("HASH_MISMATCH");
    } finally {
      gw.session.execute(SimpleStatement.newInstance(update, target.getString("actor"), target.getLong("bucket"),
          target.getLong("seq")));
    }
    assertThat(park.api.get(range, park.a.admin).bodyAsJsonObject().getBoolean("ok")).isTrue();
  }

  @Test
  void aRevokedDeviceAndARotatedKeyTakeEffectAtOnceWithoutARestart() {
    String worker = park.a.worker("KR", "Đinh Thị Mới");
    String oldBadge = park.a.badge(worker);
    HttpResponse<Buffer> rotated = park.api.post("/v1/keys/rotate", park.a.admin, new JsonObject());
    String active = rotated.bodyAsJsonObject().getString("activeKid");
    String newBadge = park.a.badge(worker);
    assertThat(newBadge).contains("." + active + ".");
    String oldKid = rotated.bodyAsJsonObject().getJsonArray("keys").stream().map(JsonObject.class::cast)
        .filter(k -> oldBadge.contains("." + k.getString("kid") + ".")).findFirst().orElseThrow().getString("kid");
    assertThat(oldKid).isNotEqualTo(active);
    assertThat(park.api.post("/v1/keys/" + oldKid + "/revoke", park.a.admin, new JsonObject()).statusCode())
        .isEqualTo(200);
    HttpResponse<Buffer> refused = park.api.post("/v1/scans", park.a.deviceKey,
        AuthzMatrixIT.scan(oldBadge, park.a.workshop));
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("QR_KEY_REVOKED");
    assertThat(park.api.post("/v1/keys/" + active + "/revoke", park.a.admin, new JsonObject()).statusCode())
        .as("the key that signs new codes cannot be revoked before a rotation").isEqualTo(409);
    assertThat(park.api.post("/v1/scans", park.a.deviceKey, AuthzMatrixIT.scan(newBadge, park.a.workshop))
        .statusCode()).isEqualTo(201);

    assertThat(park.api.post("/v1/devices/" + park.a.device + "/revoke", park.a.admin, new JsonObject()).statusCode())
        .isEqualTo(200);
    assertThat(park.api.post("/v1/scans", park.a.deviceKey, AuthzMatrixIT.scan(newBadge, park.a.workshop))
        .statusCode()).isEqualTo(401);
  }
}
