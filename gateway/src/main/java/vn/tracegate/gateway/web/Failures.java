package vn.tracegate.gateway.web;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.connection.BusyConnectionException;
import com.datastax.oss.driver.api.core.servererrors.QueryConsistencyException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tracegate.checkin.Rejection;

/**
 * The one place a failure becomes a response: {@code {"error": {"code", "message"}}} with the
 * statuses of the public contract. Store outages are 503 with Retry-After; anything unexpected is
 * a 500 whose details go to the log, never to the client.
 */
public final class Failures {

  private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

  private Failures() {}

  /** Maps any failure to the rejection a client is shown. */
  public static Rejection classify(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof Rejection r) {
      return r;
    }
    if (t instanceof DecodeException) {
      return Rejection.invalid("INVALID_JSON", "the body is not valid JSON");
    }
    if (t instanceof HttpException h) {
      return forStatus(h.getStatusCode(), h.getPayload());
    }
    if (t instanceof DriverTimeoutException || t instanceof AllNodesFailedException
        || t instanceof NoNodeAvailableException || t instanceof BusyConnectionException
        || t instanceof UnavailableException || t instanceof QueryConsistencyException) {
      return Rejection.unavailable("STORE_UNAVAILABLE",
          "the visit log is unavailable right now; nothing was stored, retry shortly");
    }
    return null;
  }

  /** The rejection for a bare status code (router 404/405, body limits, ...). */
  public static Rejection forStatus(int status, String detail) {
    return switch (status) {
      case 400 -> Rejection.invalid("BAD_REQUEST", detail == null ? "the request is malformed" : detail);
      case 401 -> new Rejection(Rejection.Kind.UNAUTHENTICATED, "UNAUTHENTICATED",
          "a valid 'Authorization: Bearer <JWT>' or 'Authorization: ApiKey <key>' is required");
      case 403 -> Rejection.forbidden("not allowed");
      case 404 -> new Rejection(Rejection.Kind.NOT_FOUND, "NOT_FOUND", "no such resource");
      // The contract has no 405: a method a path does not serve is, to a client, no such resource.
      case 405 -> new Rejection(Rejection.Kind.NOT_FOUND, "NOT_FOUND", "no such resource for this method");
      case 413 -> new Rejection(Rejection.Kind.TOO_LARGE, "BODY_TOO_LARGE", "the request body is too large");
      case 415 -> Rejection.invalid("UNSUPPORTED_MEDIA_TYPE", "unsupported Content-Type");
      case 429 -> new Rejection(Rejection.Kind.RATE_LIMITED, "RATE_LIMITED", "too many requests");
      case 503 -> Rejection.unavailable("UNAVAILABLE", "the service is unavailable; retry shortly");
      default -> null;
    };
  }

  /** Router failure handler: writes the JSON error. */
  public static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    Rejection r = failure != null ? classify(failure) : forStatus(ctx.statusCode(), null);
    if (r == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      // A handler (Vert.x's own, e.g. a decoder) failed with a 4xx and a raw cause: the client's
      // fault, not ours, and the cause's message may quote the request.
      r = forStatus(ctx.statusCode(), null);
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    if (r == null) {
      // Path without query, failure without messages: neither may carry personal data into the log.
      LOG.error("unexpected failure on {} {}", ctx.request().method(), ctx.normalizedPath(),
          failure == null ? null : RedactedFailure.of(failure));
      respond(ctx, 500, "INTERNAL", "something went wrong on our side; it has been logged");
      return;
    }
    if (r.kind() == Rejection.Kind.UNAVAILABLE) {
      ctx.response().putHeader("Retry-After", "2");
    }
    if (r.kind() == Rejection.Kind.UNAUTHENTICATED) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer, ApiKey");
    }
    respond(ctx, r.kind().status(), r.code(), r.getMessage());
  }

  /**
   * Requests the HTTP decoder refuses before any route sees them (a URI over 4 KB, headers over
   * 16 KB, a broken request line or header) get the error shape too, not an empty body; Vert.x
   * closes the connection after it. 414 and 431 keep their HTTP meaning.
   */
  public static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    HttpServerResponse response = request.response().putHeader("Content-Type", "application/json; charset=utf-8");
    if (cause instanceof TooLongHttpLineException) {
      response.setStatusCode(414);
      response.end(error("URI_TOO_LONG", "the request line is too long; send parameters in the body").encode());
    } else if (cause instanceof TooLongHttpHeaderException) {
      response.setStatusCode(431);
      response.end(error("HEADERS_TOO_LARGE", "the request headers are too large").encode());
    } else {
      response.setStatusCode(400);
      response.end(error("BAD_REQUEST", "the request is not valid HTTP/1.1").encode());
    }
  }

  public static void respond(RoutingContext ctx, int status, String code, String message) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(error(code, message).encode());
  }

  public static JsonObject error(String code, String message) {
    return new JsonObject().put("error", new JsonObject().put("code", code).put("message", message));
  }
}
