package vn.tracegate.gateway.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tracegate.gateway.authz.AuthzMatrixIT.credential;
import static vn.tracegate.gateway.authz.AuthzMatrixIT.scan;
import static vn.tracegate.gateway.authz.AuthzMatrixIT.unique;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import vn.tracegate.gateway.Api;
import vn.tracegate.gateway.authz.AuthzMatrixIT.Who;

/**
 * One call per endpoint of the matrix, made as a given caller. A caller the endpoint serves gets
 * a valid request with fresh ids (so a 2xx is earned); the others get the same shape.
 */
final class EndpointCalls {

  private final TwoEnterprises park;
  private final Api api;
  private final String traceOfA;

  EndpointCalls(TwoEnterprises park, String traceOfA) {
    this.park = park;
    this.api = park.api;
    this.traceOfA = traceOfA;
  }

  Map<String, Function<Who, HttpResponse<Buffer>>> all() {
    Map<String, Function<Who, HttpResponse<Buffer>>> calls = new LinkedHashMap<>();
    calls.put("POST /v1/enterprises", who -> api.post("/v1/enterprises", credential(who),
        new JsonObject().put("id", unique("ent")).put("name", "Công ty Mới")));
    calls.put("POST /v1/checkpoints", who -> api.post("/v1/checkpoints", credential(who), new JsonObject()
        .put("id", unique("cp")).put("enterpriseId", park.a.enterprise).put("kind", "CANTEEN")
        .put("name", "Nhà ăn số 2").put("capacity", 100)));
    calls.put("POST /v1/workers (of A)", who -> api.post("/v1/workers", credential(who), new JsonObject()
        .put("id", unique("nv")).put("enterpriseId", park.a.enterprise).put("fullName", "Phan Thị Hạnh")
        .put("phone", TwoEnterprises.phone()).put("team", "Tổ 2")));
    calls.put("POST /v1/workers/import (roster of A)", who -> api.post("/v1/workers/import", credential(who),
        "text/csv; charset=utf-8", Buffer.buffer("id,enterpriseId,fullName,phone,team\r\n" + unique("im") + ","
            + park.a.enterprise + ",Đỗ Văn Tâm," + TwoEnterprises.phone() + ",Tổ 3\r\n")));
    calls.put("POST /v1/devices", who -> api.post("/v1/devices", credential(who), new JsonObject()
        .put("id", unique("dev")).put("enterpriseId", park.a.enterprise)
        .put("checkpointIds", new JsonArray().add(park.a.workshop))));
    calls.put("POST /v1/workers/{A}/tokens", who -> api.post("/v1/workers/" + park.workerA + "/tokens",
        credential(who), new JsonObject()));
    calls.put("GET /v1/checkpoints/{workshop A}/qr.json", who -> api.get("/v1/checkpoints/" + park.a.workshop
        + "/qr.json", credential(who)));
    calls.put("GET /v1/checkpoints/{workshop A}/qr.png", who -> api.get("/v1/checkpoints/" + park.a.workshop
        + "/qr.png", credential(who)));
    calls.put("GET /v1/workers/{A}/badge.json", who -> api.get("/v1/workers/" + park.workerA + "/badge.json",
        credential(who)));
    calls.put("GET /v1/workers/{B}/badge.json", who -> api.get("/v1/workers/" + park.workerB + "/badge.json",
        credential(who)));
    calls.put("POST /v1/scans", who -> api.post("/v1/scans", credential(who), scanAs(who)));
    calls.put("POST /v1/scans/batch", who -> api.post("/v1/scans/batch", credential(who),
        new JsonObject().put("scans", new JsonArray().add(scanAs(who)))));
    calls.put("POST /v1/scans/image", who -> api.post("/v1/scans/image?scanId=" + UUID.randomUUID()
            + "&checkpointId=" + park.a.workshop + "&action=IN&at=" + Instant.now().truncatedTo(ChronoUnit.MILLIS),
        credential(who), "image/png", api.get("/v1/workers/" + park.workerA + "/badge.png", park.a.admin).body()));
    calls.put("GET /v1/presence/checkpoints/{workshop A}", who -> api.get("/v1/presence/checkpoints/"
        + park.a.workshop, credential(who)));
    calls.put("GET /v1/presence/checkpoints/{shared bus}", who -> api.get("/v1/presence/checkpoints/" + park.bus,
        credential(who)));
    calls.put("GET /v1/workers/me/access", who -> api.get("/v1/workers/me/access", credential(who)));
    calls.put("POST /v1/keys/rotate", who -> api.post("/v1/keys/rotate", credential(who), new JsonObject()));
    calls.put("POST /v1/keys/{kid}/revoke", who -> api.post("/v1/keys/" + (who == Who.ADMIN ? retiredKey() : "k0")
        + "/revoke", credential(who), new JsonObject()));
    calls.put("POST /v1/devices/{id}/revoke", who -> api.post("/v1/devices/"
        + (who == Who.ADMIN ? freshDevice() : park.a.device) + "/revoke", credential(who), new JsonObject()));
    calls.put("GET /v1/audit/verify", who -> api.get("/v1/audit/verify", credential(who)));
    calls.put("POST /v1/traces (F0 of A)", who -> api.post("/v1/traces", credential(who),
        AuthzMatrixIT.traceRequest()));
    calls.put("GET /v1/traces/{F0 of A}/export.csv", who -> api.get("/v1/traces/" + traceOfA
        + "/export.csv?reason=gửi%20Sở%20Y%20tế", credential(who)));
    calls.put("GET /v1/traces/{F0 of A}/export.xlsx", who -> api.get("/v1/traces/" + traceOfA
        + "/export.xlsx?reason=gửi%20Sở%20Y%20tế", credential(who)));
    calls.put("GET /v1/workers/me/status", who -> api.get("/v1/workers/me/status", credential(who)));
    return calls;
  }

  /** A worker's app scans the workshop poster; anyone else sends a device's badge scan. */
  private JsonObject scanAs(Who who) {
    return who == Who.WORKER_A
        ? scan(park.a.poster(park.a.workshop), null)
        : scan(park.a.badge(park.workerA), park.a.workshop);
  }

  /** After a rotation, a key that no longer signs (revoking it leaves the current one working). */
  private String retiredKey() {
    HttpResponse<Buffer> r = api.post("/v1/keys/rotate", park.a.admin, new JsonObject());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject ring = r.bodyAsJsonObject();
    return ring.getJsonArray("keys").stream().map(JsonObject.class::cast)
        .filter(k -> k.getString("status").equals("RETIRED"))
        .map(k -> k.getString("kid")).findFirst()
        .orElseThrow(() -> new AssertionError("no retired key after a rotation: " + ring));
  }

  private String freshDevice() {
    String id = unique("gone");
    HttpResponse<Buffer> r = api.post("/v1/devices", park.a.admin, new JsonObject().put("id", id)
        .put("enterpriseId", park.a.enterprise).put("checkpointIds", new JsonArray().add(park.a.workshop)));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return id;
  }
}
