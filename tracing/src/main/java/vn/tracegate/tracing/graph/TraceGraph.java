package vn.tracegate.tracing.graph;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.tracegate.checkin.registry.CheckpointKind;

/**
 * The exposure graph of one trace: who was exposed (nodes, the F0 first) and by which contacts
 * (edges, each from a worker one level up). Its JSON is the body of {@code POST /v1/traces}
 * (without the id) and what the traces table stores.
 */
public record TraceGraph(List<TraceNode> nodes, List<TraceEdge> edges) {

  /**
   * Nodes by level, then first exposure (none first), then id; edges by overlap start, then from,
   * then to, then checkpoint. Written out rather than chained with {@code thenComparing}: a 4-day
   * trace of a 50,000-worker park sorts 100,000+ edges, and the chain cost a fifth of its CPU.
   */
  public static final Comparator<TraceNode> NODE_ORDER = (a, b) -> {
    int c = Integer.compare(a.level(), b.level());
    if (c == 0 && a.firstExposureAt() != b.firstExposureAt()) {
      c = a.firstExposureAt() == null ? -1 : b.firstExposureAt() == null ? 1
          : a.firstExposureAt().compareTo(b.firstExposureAt());
    }
    return c != 0 ? c : a.workerId().compareTo(b.workerId());
  };
  public static final Comparator<TraceEdge> EDGE_ORDER = (a, b) -> {
    int c = a.overlapStart().compareTo(b.overlapStart());
    c = c != 0 ? c : a.from().compareTo(b.from());
    c = c != 0 ? c : a.to().compareTo(b.to());
    return c != 0 ? c : a.checkpointId().compareTo(b.checkpointId());
  };

  public TraceGraph {
    // The in-memory index's tracer sorts as numbers before it makes the objects; then only check.
    // Its edges come as an EdgeTable, which checks its own order.
    nodes = inOrder(nodes, NODE_ORDER) ? List.copyOf(nodes) : nodes.stream().sorted(NODE_ORDER).toList();
    edges = edges instanceof EdgeTable ? edges : sortedEdges(edges);
  }

  /**
   * The edges in {@link #EDGE_ORDER}, sorted first as primitives by overlap start (the
   * millisecond, with the position packed in the low bits), then each run of one millisecond with
   * the full comparator: a 400,000-edge trace spent a fifth of its CPU comparing edge objects.
   */
  static List<TraceEdge> sortedEdges(List<TraceEdge> edges) {
    int n = edges.size();
    TraceEdge[] in = edges.toArray(TraceEdge[]::new);
    if (n < 2 || n >= 1 << 21) {
      Arrays.sort(in, EDGE_ORDER);
      return List.of(in);
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (TraceEdge e : in) {
      long ms = e.overlapStart().toEpochMilli();
      min = Math.min(min, ms);
      max = Math.max(max, ms);
    }
    if (max - min >= 1L << 42) {
      Arrays.sort(in, EDGE_ORDER);
      return List.of(in);
    }
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = (in[i].overlapStart().toEpochMilli() - min) << 21 | i;
    }
    Arrays.sort(keys);
    TraceEdge[] out = new TraceEdge[n];
    for (int i = 0; i < n; i++) {
      out[i] = in[(int) (keys[i] & ((1 << 21) - 1))];
    }
    for (int start = 0; start < n; ) {
      int end = start + 1;
      while (end < n && keys[end] >>> 21 == keys[start] >>> 21) {
        end++;
      }
      if (end - start > 1) {
        Arrays.sort(out, start, end, EDGE_ORDER);
      }
      start = end;
    }
    return List.of(out);
  }

  private static <T> boolean inOrder(List<T> items, Comparator<T> order) {
    for (int i = 1; i < items.size(); i++) {
      if (order.compare(items.get(i - 1), items.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  public Optional<TraceNode> node(String workerId) {
    return nodes.stream().filter(n -> n.workerId().equals(workerId)).findFirst();
  }

  /** Worker id to level, for tests and status updates. */
  public Map<String, Integer> levels() {
    return nodes.stream().collect(Collectors.toMap(TraceNode::workerId, TraceNode::level));
  }

  /** The contacts that made {@code workerId} exposed, oldest first. */
  public List<TraceEdge> edgesTo(String workerId) {
    return edges.stream().filter(e -> e.to().equals(workerId)).toList();
  }

  /**
   * The contacts of every exposed worker, each oldest first, in one pass: for a list of all
   * nodes, where {@link #edgesTo} per node would scan every edge once per node (a 4-day trace of
   * a 50,000-worker park has thousands of nodes and 100,000+ edges).
   */
  public Map<String, List<TraceEdge>> edgesByTarget() {
    Map<String, List<TraceEdge>> byTarget = new HashMap<>();
    for (TraceEdge e : edges) {
      byTarget.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
    }
    return byTarget;
  }

  public JsonObject toJson() {
    JsonArray n = new JsonArray();
    for (TraceNode node : nodes) {
      n.add(new JsonObject()
          .put("workerId", node.workerId())
          .put("level", node.level())
          .put("firstExposureAt", text(node.firstExposureAt()))
          .put("via", node.via()));
    }
    JsonArray e = new JsonArray();
    for (TraceEdge edge : edges) {
      e.add(new JsonObject()
          .put("from", edge.from())
          .put("to", edge.to())
          .put("checkpointId", edge.checkpointId())
          .put("kind", edge.kind().name())
          .put("overlapStart", edge.overlapStart().toString())
          .put("overlapEnd", edge.overlapEnd().toString())
          .put("minutes", edge.minutes()));
    }
    return new JsonObject().put("nodes", n).put("edges", e);
  }

  public static TraceGraph fromJson(JsonObject json) {
    List<TraceNode> nodes = list(json.getJsonArray("nodes"), o -> new TraceNode(
        o.getString("workerId"), o.getInteger("level"), instant(o.getString("firstExposureAt")), o.getString("via")));
    List<TraceEdge> edges = list(json.getJsonArray("edges"), o -> new TraceEdge(
        o.getString("from"), o.getString("to"), o.getString("checkpointId"),
        CheckpointKind.valueOf(o.getString("kind")),
        instant(o.getString("overlapStart")), instant(o.getString("overlapEnd")), o.getLong("minutes")));
    return new TraceGraph(nodes, edges);
  }

  private static <T> List<T> list(JsonArray array, Function<JsonObject, T> read) {
    return array.stream().map(o -> read.apply((JsonObject) o)).toList();
  }

  private static String text(Instant at) {
    return at == null ? null : at.toString();
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
