package vn.tracegate.gateway;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;

/** A test's view of the public API: real HTTP calls, answered synchronously. */
public final class Api {

  private final WebClient client;

  public Api(WebClient client) {
    this.client = client;
  }

  public HttpResponse<Buffer> get(String path, String authorization) {
    return await(auth(client.get(path), authorization).send());
  }

  public HttpResponse<Buffer> post(String path, String authorization, JsonObject body) {
    return await(auth(client.post(path), authorization).sendJsonObject(body));
  }

  public HttpResponse<Buffer> post(String path, String authorization, String contentType, Buffer body) {
    return await(auth(client.post(path), authorization).putHeader("Content-Type", contentType).sendBuffer(body));
  }

  /** Like {@link #post} but a connection failure (gateway down, reset) is null, not an error. */
  public HttpResponse<Buffer> attempt(String path, String authorization, JsonObject body) {
    try {
      return auth(client.post(path), authorization).timeout(10_000).sendJsonObject(body)
          .toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      return null;
    }
  }

  private static HttpRequest<Buffer> auth(HttpRequest<Buffer> request, String authorization) {
    return authorization == null ? request : request.putHeader("Authorization", authorization);
  }

  private static HttpResponse<Buffer> await(Future<HttpResponse<Buffer>> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("request failed: " + e, e);
    }
  }

  /** The error code of an error response. */
  public static String code(HttpResponse<Buffer> r) {
    return r.bodyAsJsonObject().getJsonObject("error").getString("code");
  }
}
