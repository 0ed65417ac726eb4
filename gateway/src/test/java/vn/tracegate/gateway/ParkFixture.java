package vn.tracegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/**
 * A small park registered through the API with ids unique to one test: an enterprise, a
 * workshop, a device bound to it, and workers created on demand.
 */
public final class ParkFixture {

  public final Api api;
  public final String admin;
  public final String suffix = TestGateway.unique();
  public final String enterprise = "ent-" + suffix;
  public final String workshop = "ws-" + suffix;
  public final String device = "dev-" + suffix;
  public final String deviceKey;

  public ParkFixture(TestGateway gw, int workshopCapacity) {
    this(new Api(gw.client()), gw.bearer("admin"), workshopCapacity);
  }

  /** A park on any gateway reachable through {@code api}, registered with an admin token. */
  public ParkFixture(Api api, String adminBearer, int workshopCapacity) {
    this.api = api;
    this.admin = adminBearer;
    created(api.post("/v1/enterprises", admin, new JsonObject().put("id", enterprise).put("name", "Công ty May " + suffix)));
    checkpoint(workshop, "WORKSHOP", workshopCapacity, enterprise);
    HttpResponse<Buffer> d = created(api.post("/v1/devices", admin, new JsonObject().put("id", device)
        .put("enterpriseId", enterprise).put("checkpointIds", new JsonArray().add(workshop))));
    deviceKey = "ApiKey " + d.bodyAsJsonObject().getString("apiKey");
  }

  public void checkpoint(String id, String kind, int capacity, String enterpriseId) {
    JsonObject body = new JsonObject().put("id", id).put("kind", kind).put("name", "Nơi " + id)
        .put("capacity", capacity);
    if (enterpriseId != null) {
      body.put("enterpriseId", enterpriseId);
    }
    created(api.post("/v1/checkpoints", admin, body));
  }

  public String worker(String localId, String fullName) {
    String id = localId + "-" + suffix;
    created(api.post("/v1/workers", admin, new JsonObject().put("id", id).put("enterpriseId", enterprise)
        .put("fullName", fullName).put("phone", "0912345678").put("team", "Tổ 1")));
    return id;
  }

  public String badge(String workerId) {
    HttpResponse<Buffer> r = api.get("/v1/workers/" + workerId + "/badge.json", admin);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getString("payload");
  }

  public String poster(String checkpointId) {
    HttpResponse<Buffer> r = api.get("/v1/checkpoints/" + checkpointId + "/qr.json", admin);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getString("payload");
  }

  public String appToken(String workerId) {
    HttpResponse<Buffer> r = api.post("/v1/workers/" + workerId + "/tokens", admin, new JsonObject());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return "Bearer " + r.bodyAsJsonObject().getString("token");
  }

  private static HttpResponse<Buffer> created(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r;
  }
}
