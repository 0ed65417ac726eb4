package vn.tracegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway over a real port with the real Redis and Cassandra. */
class FoundationIT {

  static TestGateway gw;
  static WebClient http;

  @BeforeAll
  static void start() throws Exception {
    gw = TestGateway.get();
    http = gw.client();
  }

  private static HttpResponse<Buffer> send(io.vertx.core.Future<HttpResponse<Buffer>> request) throws Exception {
    return request.toCompletionStage().toCompletableFuture().get();
  }

  @Test
  void healthAnswersUp() throws Exception {
    HttpResponse<Buffer> r = send(http.get("/health").send());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("UP");
  }

  @Test
  void readinessReportsBothStoresUpByName() throws Exception {
    HttpResponse<Buffer> r = send(http.get("/ready").send());
    JsonObject body = r.bodyAsJsonObject();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(body.getString("status")).isEqualTo("UP");
    assertThat(body.getJsonObject("checks").getJsonObject("cassandra").getString("status")).isEqualTo("UP");
    assertThat(body.getJsonObject("checks").getJsonObject("redis").getString("status")).isEqualTo("UP");
  }

  @Test
  void metricsAreExposedForPrometheus() throws Exception {
    HttpResponse<Buffer> r = send(http.get("/metrics").send());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).startsWith("text/plain");
  }

  @Test
  void anUnknownPathIsA404InTheErrorShape() throws Exception {
    HttpResponse<Buffer> r = send(http.get("/v1/nothing-here").send());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(404);
    assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("NOT_FOUND");
    assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("message")).isNotBlank();
  }

  @Test
  void aScanWithoutCredentialsIsRefusedWith401() throws Exception {
    HttpResponse<Buffer> r = send(http.post("/v1/scans").sendJsonObject(new JsonObject()));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void anExpiredTokenIsRefusedWith401() throws Exception {
    HttpResponse<Buffer> r = send(http.post("/v1/scans")
        .putHeader("Authorization", "Bearer " + gw.expiredToken("worker")).sendJsonObject(new JsonObject()));
    assertThat(r.statusCode()).isEqualTo(401);
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefusedWith401() throws Exception {
    String good = gw.token("worker", null, "W1");
    String[] parts = good.split("\\.");
    byte[] sig = Base64.getUrlDecoder().decode(parts[2]);
    sig[0] ^= 1;
    String forged = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    HttpResponse<Buffer> r = send(http.post("/v1/scans")
        .putHeader("Authorization", "Bearer " + forged).sendJsonObject(new JsonObject()));
    assertThat(r.statusCode()).isEqualTo(401);
  }

  @Test
  void malformedJsonIsA400NeverA500() throws Exception {
    HttpResponse<Buffer> r = send(http.post("/v1/scans").putHeader("Authorization", "Bearer " + gw.token("worker", null, "W1"))
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"scanId\": ")));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("INVALID_JSON");
  }

  @Test
  void theSchemaIsAppliedWithTheVisitTtlEqualToTheConfiguredRetention() {
    List<Row> rows = gw.session.execute(SimpleStatement.newInstance(
        "SELECT table_name, default_time_to_live FROM system_schema.tables WHERE keyspace_name = ?",
        TestGateway.KEYSPACE)).all();
    int retention = (int) gw.config.retention().toSeconds();
    assertThat(rows).extracting(r -> r.getString("table_name"))
        .contains("visits_by_worker", "visits_by_checkpoint", "checkpoints", "workers", "devices", "schema_migrations");
    assertThat(rows).filteredOn(r -> r.getString("table_name").startsWith("visits_by_"))
        .extracting(r -> r.getInt("default_time_to_live")).containsOnly(retention);
  }
}
