package vn.tracegate.tracing.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tracegate.tracing.TestCassandra.await;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.registry.CheckpointKind;
import vn.tracegate.tracing.TestCassandra;
import vn.tracegate.tracing.graph.TraceEdge;
import vn.tracegate.tracing.graph.TraceGraph;
import vn.tracegate.tracing.graph.TraceNode;
import vn.tracegate.tracing.graph.TraceRequest;

/** Traces stored in the real Cassandra: a graph larger than one mutation may be, and older rows. */
class TraceStoreIT {

  private static final Instant FROM = Instant.parse("2021-07-12T00:00:00Z");
  private static TestCassandra cassandra;
  private static TraceStore traces;

  @BeforeAll
  static void connect() throws Exception {
    cassandra = TestCassandra.get();
    traces = await(TraceStore.create(cassandra.vertx, cassandra.session));
  }

  /** A depth-2 graph with {@code edges} contacts, as a 4-day trace of a big park has. */
  static TraceGraph bigGraph(int edges, long seed) {
    Random random = new Random(seed);
    List<TraceNode> nodes = new ArrayList<>();
    nodes.add(new TraceNode("f0", 0, null, null));
    for (int i = 0; i < 500; i++) {
      nodes.add(new TraceNode("f1-" + i, 1, FROM.plusSeconds(60L * i), "f0"));
    }
    for (int i = 0; i < 20_000; i++) {
      nodes.add(new TraceNode("f2-" + i, 2, FROM.plusSeconds(40_000L + i), "f1-" + i % 500));
    }
    List<TraceEdge> list = new ArrayList<>();
    for (int i = 0; i < edges; i++) {
      Instant start = FROM.plusSeconds(random.nextInt(4 * 86_400));
      list.add(new TraceEdge("f1-" + random.nextInt(500), "f2-" + random.nextInt(20_000),
          "ent-" + random.nextInt(20) + "-ws-" + random.nextInt(40), CheckpointKind.WORKSHOP, start,
          start.plusSeconds(900 + random.nextInt(20_000)), 15 + random.nextInt(300)));
    }
    return new TraceGraph(nodes, list);
  }

  @Test
  void aGraphLargerThanOneMutationIsStoredAndReadBackWhole() throws Exception {
    // About 180 bytes of JSON an edge: 200,000 edges are ~36 MB, over the 16 MiB a mutation may be.
    TraceGraph graph = bigGraph(200_000, 1);
    assertThat(graph.toJson().encode().length()).isGreaterThan(16 << 20);
    SavedTrace saved = new SavedTrace(UUID.randomUUID(), new TraceRequest("f0", FROM, FROM.plusSeconds(4 * 86_400),
        2, 20), "health-officer-7", "xét nghiệm dương tính", Instant.parse("2021-07-16T03:00:00Z"), graph);

    await(traces.save(saved));

    SavedTrace loaded = await(traces.find(saved.id()));
    assertThat(loaded).isEqualTo(saved);
    assertThat(loaded.request().minOverlapMinutes()).isEqualTo(20);
    int chunks = cassandra.session.execute("SELECT graph_chunks FROM traces WHERE id = ?", saved.id()).one().getInt(0);
    assertThat(chunks).isGreaterThan(1);
    assertThat(cassandra.session.execute("SELECT seq FROM trace_graph_chunks WHERE trace_id = ?", saved.id()).all())
        .hasSize(chunks);
  }

  @Test
  void aTraceStoredBeforeTheChunksIsStillRead() throws Exception {
    TraceGraph graph = bigGraph(50, 2);
    UUID id = UUID.randomUUID();
    cassandra.session.execute("INSERT INTO traces (id, f0_worker_id, window_from, window_to, depth, requested_by,"
            + " reason, created_at, graph) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, "f0", FROM,
        FROM.plusSeconds(86_400), 1, "safety-1", "ca dương tính", FROM,
        graph.toJson().put("minOverlapMinutes", (Integer) null).encode());

    SavedTrace loaded = await(traces.find(id));

    assertThat(loaded.graph()).isEqualTo(graph);
    assertThat(loaded.request()).isEqualTo(new TraceRequest("f0", FROM, FROM.plusSeconds(86_400), 1, null));
  }
}
