package vn.tracegate.tracing.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.tracegate.tracing.SampleTrace;

class TraceGraphTest {

  @Test
  void edgesSortedByPackedStartsComeInTheComparatorsOrder() {
    java.util.Random random = new java.util.Random(3);
    java.time.Instant base = java.time.Instant.parse("2021-07-01T00:00:00Z");
    List<TraceEdge> edges = new java.util.ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      // Few distinct starts (many ties), some sub-millisecond apart, ids that sort unlike their numbers.
      java.time.Instant start = base.plusSeconds(60L * random.nextInt(50)).plusNanos(random.nextInt(3) * 400_000L);
      edges.add(new TraceEdge("w" + random.nextInt(30), "w" + random.nextInt(300), "c" + random.nextInt(4),
          vn.tracegate.checkin.registry.CheckpointKind.BUS, start, start.plusSeconds(300), 5));
    }
    List<TraceEdge> expected = edges.stream().sorted(TraceGraph.EDGE_ORDER).toList();
    assertThat(TraceGraph.sortedEdges(edges)).containsExactlyElementsOf(expected);
    assertThat(TraceGraph.sortedEdges(List.of())).isEmpty();
  }

  @Test
  void edgesByTargetGivesEveryExposedWorkerTheContactsEdgesToGivesInTheSameOrder() {
    TraceGraph g = SampleTrace.GRAPH;
    var byTarget = g.edgesByTarget();
    assertThat(byTarget).containsOnlyKeys("a", "c", "d");
    for (String worker : List.of("a", "c", "d")) {
      assertThat(byTarget.get(worker)).isEqualTo(g.edgesTo(worker)).isNotEmpty();
    }
    assertThat(byTarget.get("a")).extracting(TraceEdge::minutes).containsExactly(30L, 10L);
  }
}
