package vn.tracegate.tracing.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import vn.tracegate.checkin.registry.CheckpointKind;
import vn.tracegate.tracing.graph.TraceEdge;
import vn.tracegate.tracing.graph.TraceGraph;
import vn.tracegate.tracing.graph.TraceNode;

/**
 * A trace's graph as stored: the JSON of {@link TraceGraph#toJson} plus the request's
 * {@code minOverlapMinutes}, deflated and cut into chunks of at most {@link #CHUNK} bytes (a big
 * graph is larger than one Cassandra mutation may be). Written and read as a stream: no JSON tree
 * of a 400,000-edge graph is built (it would take a quarter of a gigabyte).
 */
final class GraphCodec {

  static final int CHUNK = 1 << 20;
  private static final JsonFactory JSON = new JsonFactory();

  private GraphCodec() {}

  /** What a stored graph holds. */
  record Decoded(TraceGraph graph, Integer minOverlapMinutes) {}

  static List<ByteBuffer> encode(TraceGraph graph, Integer minOverlapMinutes) throws IOException {
    Chunks chunks = new Chunks();
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try (JsonGenerator g = JSON.createGenerator(new DeflaterOutputStream(chunks, deflater, 1 << 16))) {
      g.writeStartObject();
      g.writeArrayFieldStart("nodes");
      for (TraceNode n : graph.nodes()) {
        g.writeStartObject();
        g.writeStringField("workerId", n.workerId());
        g.writeNumberField("level", n.level());
        g.writeStringField("firstExposureAt", n.firstExposureAt() == null ? null : n.firstExposureAt().toString());
        g.writeStringField("via", n.via());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("edges");
      for (TraceEdge e : graph.edges()) {
        g.writeStartObject();
        g.writeStringField("from", e.from());
        g.writeStringField("to", e.to());
        g.writeStringField("checkpointId", e.checkpointId());
        g.writeStringField("kind", e.kind().name());
        g.writeStringField("overlapStart", e.overlapStart().toString());
        g.writeStringField("overlapEnd", e.overlapEnd().toString());
        g.writeNumberField("minutes", e.minutes());
        g.writeEndObject();
      }
      g.writeEndArray();
      if (minOverlapMinutes == null) {
        g.writeNullField("minOverlapMinutes");
      } else {
        g.writeNumberField("minOverlapMinutes", minOverlapMinutes);
      }
      g.writeEndObject();
    } finally {
      deflater.end();
    }
    return chunks.done();
  }

  static Decoded decode(List<ByteBuffer> chunks) throws IOException {
    List<InputStream> parts = new ArrayList<>(chunks.size());
    for (ByteBuffer b : chunks) {
      ByteBuffer copy = b.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      parts.add(new ByteArrayInputStream(bytes));
    }
    List<TraceNode> nodes = new ArrayList<>();
    List<TraceEdge> edges = new ArrayList<>();
    Integer minOverlap = null;
    try (JsonParser p = JSON.createParser(new InflaterInputStream(
        new SequenceInputStream(Collections.enumeration(parts)), new java.util.zip.Inflater(), 1 << 16))) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "nodes" -> readArray(p, value, () -> nodes.add(node(p)));
          case "edges" -> readArray(p, value, () -> edges.add(edge(p)));
          case "minOverlapMinutes" -> minOverlap = value == JsonToken.VALUE_NULL ? null : p.getIntValue();
          default -> p.skipChildren();
        }
      }
    }
    return new Decoded(new TraceGraph(nodes, edges), minOverlap);
  }

  private interface Item {
    void read() throws IOException;
  }

  private static void readArray(JsonParser p, JsonToken start, Item item) throws IOException {
    expect(start, JsonToken.START_ARRAY);
    while (p.nextToken() == JsonToken.START_OBJECT) {
      item.read();
    }
  }

  private static TraceNode node(JsonParser p) throws IOException {
    String worker = null;
    int level = 0;
    Instant first = null;
    String via = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "workerId" -> worker = p.getText();
        case "level" -> level = p.getIntValue();
        case "firstExposureAt" -> first = value == JsonToken.VALUE_NULL ? null : Instant.parse(p.getText());
        case "via" -> via = value == JsonToken.VALUE_NULL ? null : p.getText();
        default -> p.skipChildren();
      }
    }
    return new TraceNode(worker, level, first, via);
  }

  private static TraceEdge edge(JsonParser p) throws IOException {
    String[] text = new String[6];
    long minutes = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "from" -> text[0] = p.getText();
        case "to" -> text[1] = p.getText();
        case "checkpointId" -> text[2] = p.getText();
        case "kind" -> text[3] = p.getText();
        case "overlapStart" -> text[4] = p.getText();
        case "overlapEnd" -> text[5] = p.getText();
        case "minutes" -> minutes = p.getLongValue();
        default -> p.skipChildren();
      }
    }
    return new TraceEdge(text[0], text[1], text[2], CheckpointKind.valueOf(text[3]), Instant.parse(text[4]),
        Instant.parse(text[5]), minutes);
  }

  private static void expect(JsonToken got, JsonToken wanted) throws IOException {
    if (got != wanted) {
      throw new IOException("stored graph: expected " + wanted + ", got " + got);
    }
  }

  /** Bytes cut into chunks of {@link #CHUNK}. */
  private static final class Chunks extends OutputStream {
    private final List<ByteBuffer> done = new ArrayList<>();
    private byte[] current = new byte[CHUNK];
    private int used;

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      while (len > 0) {
        int n = Math.min(len, CHUNK - used);
        System.arraycopy(b, off, current, used, n);
        used += n;
        off += n;
        len -= n;
        if (used == CHUNK) {
          done.add(ByteBuffer.wrap(current));
          current = new byte[CHUNK];
          used = 0;
        }
      }
    }

    List<ByteBuffer> done() {
      if (used > 0 || done.isEmpty()) {
        done.add(ByteBuffer.wrap(Arrays.copyOf(current, used)));
      }
      return done;
    }
  }
}
