package vn.tracegate.gateway.routes;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.checkin.access.Caller;
import vn.tracegate.checkin.access.Role;
import vn.tracegate.checkin.audit.AuditAction;
import vn.tracegate.checkin.audit.AuditEvent;
import vn.tracegate.checkin.audit.AuditLog;
import vn.tracegate.gateway.Services;
import vn.tracegate.gateway.auth.Authentication;
import vn.tracegate.gateway.web.Bodies;
import vn.tracegate.tracing.graph.TraceNode;
import vn.tracegate.tracing.graph.TraceRequest;
import vn.tracegate.tracing.people.Visibility;
import vn.tracegate.tracing.trace.SavedTrace;
import vn.tracegate.tracing.trace.TraceExports;

/**
 * Tracing for safety teams and health officers: {@code POST /v1/traces}, the trace lists
 * ({@code export.csv}, {@code export.xlsx}) and a worker's own status. A safety team traces only
 * its own enterprise's F0s and sees other enterprises' workers masked.
 */
public final class TraceRoutes {

  static final int MAX_REASON = 500;

  private final Services services;
  private final AuditLog audit;

  public TraceRoutes(Services services, AuditLog audit) {
    this.services = services;
    this.audit = audit;
  }

  public void mount(Router router, Handler<RoutingContext> auth, int maxBody) {
    router.post("/v1/traces").handler(Bodies.upTo(maxBody)).handler(auth).handler(this::trace);
    router.getWithRegex("/v1/traces/(?<id>[^/]+)/export\\.(?<format>csv|xlsx)").handler(auth).handler(this::export);
    router.get("/v1/workers/me/status").handler(auth).handler(this::myStatus);
  }

  private void trace(RoutingContext ctx) {
    Caller caller = Authentication.caller(ctx).require(Role.SAFETY, Role.HEALTH);
    JsonObject body = Bodies.jsonObject(ctx);
    String reason = reason(body.getValue("reason"));
    TraceRequest request = TraceRequest.of(
        text(body, "workerId"), instant(body, "from"), instant(body, "to"),
        integer(body, "depth"), integer(body, "minOverlapMinutes")).validated();
    services.worker(request.f0WorkerId())
        .compose(f0 -> {
          Access.requireSameEnterprise(caller, f0.enterpriseId());
          return services.traces().trace(request, caller.subject(), reason);
        })
        // Nobody sees a contact list that is not in the audit log: written before the answer,
        // naming every worker in the graph (they see who looked and when at /v1/workers/me/access);
        // the trace object itself names the F0.
        .compose(saved -> audit.append(AuditEvent.of(caller, AuditAction.TRACE, "trace", saved.id().toString())
                .withWorkers(workersOf(saved)).withReason(reason))
            .map(saved))
        .compose(saved -> services.exports().graphBody(saved, visibility(caller)))
        .onSuccess(graph -> ctx.response().setStatusCode(201)
            .putHeader("Content-Type", "application/json; charset=utf-8")
            .end(graph))
        .onFailure(ctx::fail);
  }

  private void export(RoutingContext ctx) {
    Caller caller = Authentication.caller(ctx).require(Role.SAFETY, Role.HEALTH);
    String format = ctx.pathParam("format");
    String reason = reason(ctx.queryParams().get("reason"));
    UUID id = uuid(ctx.pathParam("id"));
    services.traces().find(id)
        .compose(saved -> services.worker(saved.request().f0WorkerId()).compose(f0 -> {
          Access.requireSameEnterprise(caller, f0.enterpriseId());
          Visibility visibility = visibility(caller);
          return audit.append(AuditEvent.of(caller, AuditAction.EXPORT, "trace", saved.id() + "." + format)
                  .withWorkers(workersOf(saved)).withReason(reason))
              .compose(entry -> format.equals("csv")
                  ? services.exports().csv(saved, visibility)
                  : services.exports().xlsx(saved, visibility))
              .map(bytes -> new Download(saved, bytes));
        }))
        .onSuccess(d -> ctx.response()
            .putHeader("Content-Type", format.equals("csv") ? TraceExports.CSV_CONTENT_TYPE : TraceExports.XLSX_CONTENT_TYPE)
            .putHeader("Content-Disposition", "attachment; filename=\"" + TraceExports.fileName(d.trace(), format) + "\"")
            .putHeader("Cache-Control", "no-store")
            .end(Buffer.buffer(d.bytes())))
        .onFailure(ctx::fail);
  }

  private record Download(SavedTrace trace, byte[] bytes) {}

  private void myStatus(RoutingContext ctx) {
    Caller caller = Authentication.caller(ctx).require(Role.WORKER);
    services.statuses().find(caller.workerId())
        .map(status -> new JsonObject().put("workerId", caller.workerId()).put("level", status.level().name())
            .put("since", status.since() == null ? null : status.since().toString()))
        .onSuccess(body -> Bodies.respond(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  private static List<String> workersOf(SavedTrace saved) {
    return saved.graph().nodes().stream().map(TraceNode::workerId).toList();
  }

  static Visibility visibility(Caller caller) {
    return caller.is(Role.SAFETY) ? Visibility.enterprise(caller.enterpriseId()) : Visibility.everyone();
  }

  /** Every trace and export must say why (it goes to the audit log). */
  static String reason(Object value) {
    if (!(value instanceof String s) || s.isBlank()) {
      throw Rejection.invalid("REASON_REQUIRED", "give a 'reason' for looking at contact data (it is audited)");
    }
    if (s.length() > MAX_REASON) {
      throw Rejection.invalid("INVALID_FIELD", "'reason' must be at most " + MAX_REASON + " characters");
    }
    if (s.codePoints().anyMatch(cp -> Character.getType(cp) == Character.SURROGATE)) {
      // The driver cannot encode it: the trace would be computed, then fail to save with a 500.
      throw Rejection.invalid("INVALID_FIELD", "'reason' must be valid Unicode text (it has an unpaired surrogate)");
    }
    if (s.chars().anyMatch(c -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)) {
      throw Rejection.invalid("INVALID_FIELD", "'reason' must not contain control characters other than line breaks");
    }
    return s.strip();
  }

  private static String text(JsonObject body, String field) {
    if (!(body.getValue(field) instanceof String s) || !s.matches("[A-Za-z0-9_-]{1,64}")) {
      throw Rejection.invalid("INVALID_FIELD", "'" + field + "' must be a worker id ([A-Za-z0-9_-]{1,64})");
    }
    return s;
  }

  private static Instant instant(JsonObject body, String field) {
    if (body.getValue(field) instanceof String s) {
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    throw Rejection.invalid("INVALID_FIELD", "'" + field + "' must be an ISO-8601 instant such as 2026-11-22T07:30:00Z");
  }

  private static Integer integer(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    if (v instanceof Integer i) {
      return i;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 1e6) {
      return n.intValue();
    }
    throw Rejection.invalid("INVALID_FIELD", "'" + field + "' must be a whole number");
  }

  private static UUID uuid(String s) {
    try {
      if (s.length() == 36) {
        return UUID.fromString(s);
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw Rejection.notFound("trace", s.length() > 40 ? s.substring(0, 40) : s);
  }
}
