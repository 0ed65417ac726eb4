package vn.tracegate.tracing.graph;

import java.time.Instant;
import java.util.AbstractList;
import java.util.RandomAccess;
import vn.tracegate.checkin.registry.CheckpointKind;

/**
 * A trace's edges held as columns, already in {@link TraceGraph#EDGE_ORDER}; an edge object is
 * made each time one is asked for. A 4-day trace of a 50,000-worker park has up to 400,000 edges:
 * as objects (an edge and two instants each) they were most of what the young collection copied
 * while a trace ran, and their making was 60% of a trace's CPU on the in-memory index.
 *
 * <p>Workers and checkpoints are numbers into id tables sorted as text, so the order is checked
 * here on numbers: a table out of order is refused.
 */
public final class EdgeTable extends AbstractList<TraceEdge> implements RandomAccess {

  private static final CheckpointKind[] KINDS = CheckpointKind.values();

  private final String[] workers;
  private final String[] checkpoints;
  private final int[] from;
  private final int[] to;
  private final int[] checkpoint;
  private final byte[] kind;
  private final long[] start;
  private final long[] end;

  /**
   * @param workers worker ids, sorted as text; {@code from} and {@code to} index into it
   * @param checkpoints checkpoint ids, sorted as text; {@code checkpoint} indexes into it
   * @param kind ordinals of {@link CheckpointKind}
   * @param start overlap starts, epoch ms; {@code end} likewise
   * @throws IllegalArgumentException when the ids or the rows are not in order
   */
  public EdgeTable(String[] workers, String[] checkpoints, int[] from, int[] to, int[] checkpoint, byte[] kind,
      long[] start, long[] end) {
    this.workers = workers;
    this.checkpoints = checkpoints;
    this.from = from;
    this.to = to;
    this.checkpoint = checkpoint;
    this.kind = kind;
    this.start = start;
    this.end = end;
    requireSorted(workers);
    requireSorted(checkpoints);
    for (int i = 1; i < from.length; i++) {
      if (compare(i - 1, i) > 0) {
        throw new IllegalArgumentException("edge " + i + " is out of order");
      }
    }
  }

  private static void requireSorted(String[] ids) {
    for (int i = 1; i < ids.length; i++) {
      if (ids[i - 1].compareTo(ids[i]) >= 0) {
        throw new IllegalArgumentException("ids not sorted at " + i);
      }
    }
  }

  private int compare(int a, int b) {
    int c = Long.compare(start[a], start[b]);
    c = c != 0 ? c : Integer.compare(from[a], from[b]);
    c = c != 0 ? c : Integer.compare(to[a], to[b]);
    return c != 0 ? c : Integer.compare(checkpoint[a], checkpoint[b]);
  }

  @Override
  public TraceEdge get(int i) {
    long length = end[i] - start[i];
    return new TraceEdge(workers[from[i]], workers[to[i]], checkpoints[checkpoint[i]], KINDS[kind[i]],
        Instant.ofEpochMilli(start[i]), Instant.ofEpochMilli(end[i]), (length + 59_999) / 60_000);
  }

  @Override
  public int size() {
    return from.length;
  }
}
