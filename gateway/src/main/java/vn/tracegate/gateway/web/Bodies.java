package vn.tracegate.gateway.web;

import com.fasterxml.jackson.core.JsonParser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import vn.tracegate.checkin.Rejection;

/** Reading request bodies: anything that is not what the route expects is a clear 400. */
public final class Bodies {

  private Bodies() {}

  /**
   * Buffers a request body of at most {@code maxBytes} (413 beyond). Never writes to disk: the
   * default handler stores every multipart file part under ./file-uploads and keeps it, before
   * any authentication has run.
   */
  public static BodyHandler upTo(int maxBytes) {
    return BodyHandler.create(false).setBodyLimit(maxBytes);
  }

  /**
   * Refuses an HTML form (urlencoded or multipart) before any body handler parses it: no endpoint
   * takes one, and Vert.x's form decoder fails on a malformed or over-long field with a 500 whose
   * log line repeats part of the body, before the caller is even authenticated.
   */
  public static void refuseForms(RoutingContext ctx) {
    String type = String.valueOf(ctx.request().getHeader("Content-Type")).toLowerCase(java.util.Locale.ROOT).strip();
    if (type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded")) {
      throw Rejection.invalid("UNSUPPORTED_MEDIA_TYPE", "form bodies are not accepted; send the Content-Type the"
          + " endpoint names (application/json, text/csv, image/png or image/jpeg)");
    }
    ctx.next();
  }

  /**
   * The body as a JSON object; empty, malformed, too deeply nested or non-object bodies are 400,
   * and so is a repeated key, which parsers disagree on (first or last wins).
   */
  public static JsonObject jsonObject(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw Rejection.invalid("EMPTY_BODY", "a JSON object body is required");
    }
    Object parsed;
    try {
      JsonParser parser = JacksonCodec.createParser(body);
      parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      parsed = JacksonCodec.fromParser(parser, Object.class);
    } catch (RuntimeException e) {
      throw Rejection.invalid("INVALID_JSON", "the body is not valid JSON (or is nested too deeply, or repeats a key)");
    }
    if (!(parsed instanceof JsonObject object)) {
      throw Rejection.invalid("INVALID_BODY", "the body must be a JSON object");
    }
    return object;
  }

  /** The raw body (a camera frame, a roster); none at all is an empty array, for the parser to refuse. */
  public static byte[] bytes(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    return body == null ? new byte[0] : body.getBytes();
  }

  /** Writes a JSON response. */
  public static void respond(RoutingContext ctx, int status, Object json) {
    ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(json instanceof JsonObject o ? o.encode() : io.vertx.core.json.Json.encode(json));
  }
}
