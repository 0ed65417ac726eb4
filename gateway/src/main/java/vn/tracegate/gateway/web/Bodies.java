package vn.tracegate.gateway.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import vn.tracegate.checkin.Rejection;

/** Reading request bodies: anything that is not what the route expects is a clear 400. */
public final class Bodies {

  private Bodies() {}

  /** The body as a JSON object; empty, malformed, too deeply nested or non-object bodies are 400. */
  public static JsonObject jsonObject(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw Rejection.invalid("EMPTY_BODY", "a JSON object body is required");
    }
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(body);
    } catch (RuntimeException e) {
      throw Rejection.invalid("INVALID_JSON", "the body is not valid JSON (or is nested too deeply)");
    }
    if (!(parsed instanceof JsonObject object)) {
      throw Rejection.invalid("INVALID_BODY", "the body must be a JSON object");
    }
    return object;
  }

  /** Writes a JSON response. */
  public static void respond(RoutingContext ctx, int status, Object json) {
    ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(json instanceof JsonObject o ? o.encode() : io.vertx.core.json.Json.encode(json));
  }
}
