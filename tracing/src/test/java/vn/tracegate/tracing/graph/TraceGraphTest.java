package vn.tracegate.tracing.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.tracegate.tracing.SampleTrace;

class TraceGraphTest {

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
