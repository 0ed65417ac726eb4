package vn.tracegate.tracing.trace;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import vn.tracegate.tracing.export.TraceGraphView;
import vn.tracegate.tracing.export.TraceListExport;
import vn.tracegate.tracing.graph.TraceEdge;
import vn.tracegate.tracing.graph.TraceNode;
import vn.tracegate.tracing.people.CheckpointDirectory;
import vn.tracegate.tracing.people.PersonDetails;
import vn.tracegate.tracing.people.Visibility;
import vn.tracegate.tracing.people.WorkerDirectory;

/**
 * A stored trace as a file for officers (CSV, XLSX) or as a graph with names for a dashboard,
 * masked by the viewer's {@link Visibility}. Looks up the people and checkpoint names, then
 * writes the file on a worker thread (an XLSX of thousands of rows is CPU work).
 */
public final class TraceExports {

  public static final String CSV_CONTENT_TYPE = "text/csv; charset=utf-8";
  public static final String XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private final Vertx vertx;
  private final WorkerDirectory workers;
  private final CheckpointDirectory checkpoints;

  public TraceExports(Vertx vertx, WorkerDirectory workers, CheckpointDirectory checkpoints) {
    this.vertx = vertx;
    this.workers = workers;
    this.checkpoints = checkpoints;
  }

  public Future<byte[]> csv(SavedTrace trace, Visibility visibility) {
    return lookUp(trace).compose(d -> vertx.executeBlocking(
        () -> TraceListExport.csv(trace.graph(), d.people, d.names, visibility), false));
  }

  public Future<byte[]> xlsx(SavedTrace trace, Visibility visibility) {
    return lookUp(trace).compose(d -> vertx.executeBlocking(
        () -> TraceListExport.xlsx(trace.graph(), d.people, d.names, visibility), false));
  }

  /**
   * {@code {id, nodes, edges}} with enterpriseId on every node and names where visible; built on a
   * worker thread (a 4-day trace of a 50,000-worker park has 400,000 edges).
   */
  public Future<JsonObject> graph(SavedTrace trace, Visibility visibility) {
    return workers.find(ids(trace)).compose(people -> vertx.executeBlocking(
        () -> view(trace, people, visibility), false));
  }

  /** {@link #graph} encoded for a response body, built and encoded in one go on a worker thread. */
  public Future<Buffer> graphBody(SavedTrace trace, Visibility visibility) {
    return workers.find(ids(trace)).compose(people -> vertx.executeBlocking(
        () -> view(trace, people, visibility).toBuffer(), false));
  }

  private static JsonObject view(SavedTrace trace, Map<String, PersonDetails> people, Visibility visibility) {
    return new JsonObject().put("id", trace.id().toString())
        .mergeIn(TraceGraphView.toJson(trace.graph(), people, visibility));
  }

  /** A download name such as {@code trace-<id>.xlsx}. */
  public static String fileName(SavedTrace trace, String extension) {
    return "trace-" + trace.id() + "." + extension;
  }

  private Future<Details> lookUp(SavedTrace trace) {
    Set<String> cps = new LinkedHashSet<>();
    for (TraceEdge e : trace.graph().edges()) {
      cps.add(e.checkpointId());
    }
    Future<Map<String, PersonDetails>> people = workers.find(ids(trace));
    Future<Map<String, String>> names = checkpoints.names(cps);
    return Future.all(people, names).map(x -> new Details(people.result(), names.result()));
  }

  private static Set<String> ids(SavedTrace trace) {
    Set<String> ids = new LinkedHashSet<>();
    for (TraceNode n : trace.graph().nodes()) {
      ids.add(n.workerId());
    }
    return ids;
  }

  private record Details(Map<String, PersonDetails> people, Map<String, String> names) {}
}
