package vn.tracegate.tracing.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.tracegate.tracing.graph.TraceGraph;
import vn.tracegate.tracing.graph.TraceNode;

/** The stored form of a graph: deflated JSON in chunks of at most 1 MiB, read back whole. */
class GraphCodecTest {

  @Test
  void aBigGraphComesBackEqualFromChunksOfAtMostOneMebibyte() throws Exception {
    TraceGraph graph = TraceStoreIT.bigGraph(300_000, 3);
    List<ByteBuffer> chunks = GraphCodec.encode(graph, 30);
    assertThat(chunks).hasSizeGreaterThan(1);
    assertThat(chunks).allSatisfy(c -> assertThat(c.remaining()).isLessThanOrEqualTo(GraphCodec.CHUNK));
    GraphCodec.Decoded back = GraphCodec.decode(chunks);
    assertThat(back.graph()).isEqualTo(graph);
    assertThat(back.minOverlapMinutes()).isEqualTo(30);
  }

  @Test
  void anF0AloneWithoutAMinimumOverlapComesBackAsIs() throws Exception {
    TraceGraph graph = new TraceGraph(List.of(new TraceNode("Nguyễn-f0", 0, null, null)), List.of());
    GraphCodec.Decoded back = GraphCodec.decode(GraphCodec.encode(graph, null));
    assertThat(back.graph()).isEqualTo(graph);
    assertThat(back.minOverlapMinutes()).isNull();
  }
}
