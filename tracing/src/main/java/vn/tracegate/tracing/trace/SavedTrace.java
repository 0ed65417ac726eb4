package vn.tracegate.tracing.trace;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import vn.tracegate.tracing.graph.TraceGraph;
import vn.tracegate.tracing.graph.TraceRequest;

/**
 * A trace as run and stored: what was asked, by whom and why (the audit trail), and the graph.
 *
 * @param requestedBy who asked (the caller's subject), for the audit log
 * @param reason why, as the caller gave it (may be empty)
 */
public record SavedTrace(
    UUID id, TraceRequest request, String requestedBy, String reason, Instant createdAt, TraceGraph graph) {

  public SavedTrace {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(graph, "graph");
    reason = reason == null ? "" : reason;
  }

  /** The body of {@code POST /v1/traces}: {@code {id, nodes, edges}}. */
  public io.vertx.core.json.JsonObject toJson() {
    return new io.vertx.core.json.JsonObject().put("id", id.toString()).mergeIn(graph.toJson());
  }
}
