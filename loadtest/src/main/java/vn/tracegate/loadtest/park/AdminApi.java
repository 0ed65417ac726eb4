package vn.tracegate.loadtest.park;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Set;

/**
 * The registry API as an administrator, for seeding: a self-minted admin JWT (HS256 with the
 * gateway's secret) and calls that fail with the gateway's own error message when the status is
 * not one the caller accepts.
 */
public final class AdminApi {

  private final WebClient client;
  private final String bearer;

  public AdminApi(Vertx vertx, WebClient client, String jwtSecret) {
    this.client = client;
    JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(jwtSecret)));
    this.bearer = "Bearer " + jwt.generateToken(
        new JsonObject().put("iss", "tracegate").put("sub", "admin:loadtest").put("role", "admin"),
        new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(6 * 3600));
  }

  /** POSTs JSON; 201 gives the body, 409 (already registered by an earlier run) gives null. */
  public Future<JsonObject> create(String path, JsonObject body) {
    return expect(client.post(path).putHeader("Authorization", bearer).sendJsonObject(body), path,
        Set.of(201, 409)).map(r -> r.statusCode() == 201 ? r.bodyAsJsonObject() : null);
  }

  /** POSTs a roster as text/csv; gives the import report. */
  public Future<JsonObject> importCsv(String csv) {
    return expect(client.post("/v1/workers/import").putHeader("Authorization", bearer)
        .putHeader("Content-Type", "text/csv; charset=utf-8").sendBuffer(Buffer.buffer(csv)),
        "/v1/workers/import", Set.of(200, 201)).map(HttpResponse::bodyAsJsonObject);
  }

  public Future<JsonObject> get(String path) {
    return expect(client.get(path).putHeader("Authorization", bearer).send(), path, Set.of(200))
        .map(HttpResponse::bodyAsJsonObject);
  }

  private static Future<HttpResponse<Buffer>> expect(Future<HttpResponse<Buffer>> call, String path,
      Set<Integer> accepted) {
    return call.compose(r -> accepted.contains(r.statusCode()) ? Future.succeededFuture(r)
        : Future.failedFuture(new IllegalStateException(path + " answered " + r.statusCode() + ": "
            + shorten(r.bodyAsString()))));
  }

  private static String shorten(String s) {
    return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }
}
