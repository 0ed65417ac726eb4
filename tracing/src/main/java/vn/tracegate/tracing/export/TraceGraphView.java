package vn.tracegate.tracing.export;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import vn.tracegate.tracing.graph.TraceGraph;
import vn.tracegate.tracing.people.PersonDetails;
import vn.tracegate.tracing.people.Visibility;

/**
 * The graph JSON enriched with who each node is, for a dashboard: every node gets its
 * {@code enterpriseId}, and {@code fullName}, {@code phone}, {@code team} only where the
 * viewer's {@link Visibility} allows.
 */
public final class TraceGraphView {

  private TraceGraphView() {}

  public static JsonObject toJson(TraceGraph graph, Map<String, PersonDetails> people, Visibility visibility) {
    JsonObject json = graph.toJson();
    JsonArray nodes = json.getJsonArray("nodes");
    for (int i = 0; i < nodes.size(); i++) {
      JsonObject node = nodes.getJsonObject(i);
      PersonDetails p = visibility.apply(people.get(node.getString("workerId")));
      if (p != null) {
        node.put("enterpriseId", p.enterpriseId());
        if (p.fullName() != null) {
          node.put("fullName", p.fullName()).put("phone", p.phone()).put("team", p.team());
        }
      }
    }
    return json;
  }
}
