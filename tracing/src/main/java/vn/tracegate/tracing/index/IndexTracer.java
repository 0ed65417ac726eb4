package vn.tracegate.tracing.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vn.tracegate.checkin.registry.CheckpointKind;
import vn.tracegate.checkin.visits.DwellPolicy;
import vn.tracegate.checkin.visits.ScanAction;
import vn.tracegate.tracing.exposure.ExposurePolicy;
import vn.tracegate.tracing.graph.EdgeTable;
import vn.tracegate.tracing.graph.TraceEdge;
import vn.tracegate.tracing.graph.TraceGraph;
import vn.tracegate.tracing.graph.TraceNode;
import vn.tracegate.tracing.graph.TraceRequest;

/**
 * A whole trace computed on the index's columns: the same rules and the same graph as the
 * level-by-level tracer ({@code tracing.graph.TraceRun}, which works over any visit source), but
 * with no Visit, Stay or Overlap objects and no maps keyed by id: workers and checkpoints are the
 * index's interned numbers, times are epoch milliseconds, and stays live in primitive arrays.
 * Objects are made only for the answer (its nodes and edges).
 *
 * <p>Each level: the sources' exposing stays (the F0's within the window; an F1's from its first
 * exposure on) are grouped by checkpoint and sorted by start. Every worker not yet reached who
 * scanned at one of those checkpoints from a dwell before a source stay to its end is a candidate.
 * A candidate's exact stays come from all their own scans from a longest dwell before the window
 * (so they are exact inside it, see {@code Stays}); each is compared with the sources at its
 * checkpoint by a binary search. A stay of any kind can open only with a scan at its checkpoint at
 * most its kind's dwell before any instant it covers, so no exposed worker is missed.
 *
 * <p>Runs under the index's read lock, on a worker thread: a 4-day trace of a 50,000-worker park
 * reaches thousands of workers through hundreds of thousands of contacts.
 */
public final class IndexTracer {

  private static final CheckpointKind[] KINDS = CheckpointKind.values();
  private static final int GATE = CheckpointKind.GATE.ordinal();
  private static final int IN = ScanAction.IN.ordinal();
  private static final long DAY_MS = 86_400_000L;
  private static final int ROW = VisitIndex.Day.ROW;

  private final VisitIndex index;
  private final long from;
  private final long to;
  private final int depth;
  private final long[] dwell = new long[KINDS.length];
  private final long longest;
  private final long[] minOverlap = new long[KINDS.length];
  private final boolean[] exposes = new boolean[KINDS.length];

  /** The day partitions from the first a read may touch ({@link #firstDay}) to the window's last. */
  private final VisitIndex.Day[] days;
  private final long firstDay;

  /** Per worker number: level reached (-1 none), first exposure, and via whom. */
  private final int[] level;
  private final long[] firstExposure;
  private final int[] via;
  /** Per worker number: the last level whose candidates hold them (dedupes candidates). */
  private final int[] candidateAt;
  private int[] candidates = new int[1024];
  private int candidateCount;

  // One worker's scans (at, meta, epoch day << 32 | position: SCAN longs each) and stays, reused
  // for every worker.
  private static final int SCAN = 3;
  private long[] scans = new long[SCAN * 64];
  private final long[] held = new long[SCAN];
  private int scanCount;
  private final Stays own = new Stays(32);

  /** Source stays of the level being built (appended), then grouped by checkpoint ({@link Stays#grouped}). */
  private Stays next = new Stays(256);

  /** The contacts found: source worker, checkpoint, kind, overlap start and end, worker exposed. */
  private final Stays edges = new Stays(1024);

  private IndexTracer(VisitIndex index, TraceRequest request, DwellPolicy dwellPolicy, ExposurePolicy policy) {
    this.index = index;
    this.from = request.from().toEpochMilli();
    this.to = request.to().toEpochMilli();
    this.depth = request.depth();
    for (CheckpointKind kind : KINDS) {
      dwell[kind.ordinal()] = dwellPolicy.maxDwell(kind).toMillis();
      minOverlap[kind.ordinal()] = policy.minOverlap(kind).toMillis();
      exposes[kind.ordinal()] = policy.exposesAt(kind);
    }
    this.longest = dwellPolicy.longest().toMillis();
    this.firstDay = Math.floorDiv(from - longest, DAY_MS);
    long lastDay = Math.floorDiv(to - 1, DAY_MS);
    this.days = new VisitIndex.Day[(int) (lastDay - firstDay + 1)];
    for (int i = 0; i < days.length; i++) {
      days[i] = index.day(firstDay + i);
    }
    int workers = index.workerCount();
    this.level = new int[workers];
    Arrays.fill(level, -1);
    this.firstExposure = new long[workers];
    this.via = new int[workers];
    this.candidateAt = new int[workers];
    Arrays.fill(candidateAt, -1);
  }

  /**
   * The graph of a validated request (with the request's minimum overlap already in
   * {@code policy}), or null when the index cannot answer it alone: the window reaches before its
   * first day (less a longest dwell), or starts or ends inside a millisecond (the index keeps
   * milliseconds).
   */
  public static TraceGraph trace(VisitIndex index, TraceRequest request, DwellPolicy dwell, ExposurePolicy policy) {
    request.validated();
    if (request.from().getNano() % 1_000_000 != 0 || request.to().getNano() % 1_000_000 != 0) {
      return null;
    }
    index.readLock().lock();
    try {
      if (request.from().minus(dwell.longest()).isBefore(index.coveredFrom())) {
        return null;
      }
      return new IndexTracer(index, request, dwell, policy).run(request.f0WorkerId());
    } finally {
      index.readLock().unlock();
    }
  }

  private TraceGraph run(String f0Name) {
    int f0 = index.workerNumber(f0Name);
    List<Integer> reached = new ArrayList<>();
    if (f0 >= 0) {
      level[f0] = 0;
      stays(f0);
      addSources(f0, from);
      for (int l = 1; l <= depth && next.count > 0; l++) {
        Stays sources = next.grouped(index.checkpointCount());
        next = new Stays(256);
        reachLevel(l, sources, reached);
      }
    }
    return answer(f0Name, reached);
  }

  /** Finds the workers first reached at {@code l}, exposed by {@code sources}. */
  private void reachLevel(int l, Stays sources, List<Integer> reached) {
    candidateCount = 0;
    for (int cp = 0; cp < sources.start.length - 1; cp++) {
      int lo = sources.start[cp];
      int hi = sources.start[cp + 1];
      // Merged [from - dwell(kind), to) of the sources here, in start order.
      long spanFrom = Long.MIN_VALUE;
      long spanTo = Long.MIN_VALUE;
      for (int i = lo; i < hi; i++) {
        long f = sources.from[i] - dwell[sources.kind[i]];
        if (f > spanTo) {
          if (spanTo > spanFrom) {
            collect(cp, spanFrom, spanTo, l);
          }
          spanFrom = f;
        } else {
          spanFrom = Math.min(spanFrom, f);
        }
        spanTo = Math.max(spanTo, sources.to[i]);
      }
      if (spanTo > spanFrom) {
        collect(cp, spanFrom, spanTo, l);
      }
    }
    for (int i = 0; i < candidateCount; i++) {
      int w = candidates[i];
      if (confirm(w, l, sources)) {
        reached.add(w);
      }
    }
  }

  /** Adds the workers not yet reached who scanned at {@code cp} in [a, b). */
  private void collect(int cp, long a, long b, int l) {
    for (long d = firstDayOf(a); d <= lastDayOf(b); d++) {
      VisitIndex.Day day = days[(int) (d - firstDay)];
      VisitIndex.ScanList list = day == null ? null : day.checkpoint(cp);
      if (list == null) {
        continue;
      }
      for (int i = list.firstAtOrAfter(a); i < list.size && list.at[i] < b; i++) {
        int w = (int) (list.meta[i] >>> 32);
        if (level[w] < 0 && candidateAt[w] != l) {
          candidateAt[w] = l;
          if (candidateCount == candidates.length) {
            candidates = Arrays.copyOf(candidates, candidateCount * 2);
          }
          candidates[candidateCount++] = w;
        }
      }
    }
  }

  private long firstDayOf(long a) {
    return Math.max(Math.floorDiv(a, DAY_MS), firstDay);
  }

  private long lastDayOf(long b) {
    return Math.min(Math.floorDiv(b - 1, DAY_MS), firstDay + days.length - 1);
  }

  /**
   * Finds the qualifying overlaps of a candidate's exact stays with the sources, records them and,
   * when there are any, the candidate at level {@code l}; their stays from their first exposure
   * on become sources of the next level.
   */
  private boolean confirm(int w, int l, Stays sources) {
    stays(w);
    int before = edges.count;
    long best = Long.MAX_VALUE;
    int bestSource = -1;
    int bestCheckpoint = -1;
    for (int i = 0; i < own.count; i++) {
      int cp = own.checkpoint[i];
      if (cp + 1 >= sources.start.length) {
        continue;
      }
      int lo = sources.start[cp];
      int hi = sources.start[cp + 1];
      if (lo == hi) {
        continue;
      }
      long f = own.from[i];
      long t = own.to[i];
      int kind = own.kind[i];
      // No source stay starting before f - (longest source stay here) reaches f.
      long earliest = f - sources.longest[cp];
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (sources.from[mid] < earliest) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      for (int j = lo; j < sources.start[cp + 1] && sources.from[j] < t; j++) {
        long start = Math.max(f, sources.from[j]);
        long end = Math.min(t, sources.to[j]);
        long length = end - start;
        if (length > 0 && length >= minOverlap[kind]) {
          int source = sources.worker[j];
          edges.add(source, cp, kind, start, end, w);
          if (start < best || start == best && earlier(source, cp, bestSource, bestCheckpoint)) {
            best = start;
            bestSource = source;
            bestCheckpoint = cp;
          }
        }
      }
    }
    if (edges.count == before) {
      return false;
    }
    level[w] = l;
    firstExposure[w] = best;
    via[w] = bestSource;
    if (l < depth) {
      addSources(w, best);
    }
    return true;
  }

  /** The tie-break of equal first exposures: the smaller source id, then checkpoint id. */
  private boolean earlier(int source, int cp, int bestSource, int bestCheckpoint) {
    int c = index.workerName(source).compareTo(index.workerName(bestSource));
    return c < 0 || c == 0 && index.checkpointName(cp).compareTo(index.checkpointName(bestCheckpoint)) < 0;
  }

  /** The stays just computed ({@link #stays}) from {@code activeFrom} on, as sources of the next level. */
  private void addSources(int w, long activeFrom) {
    for (int i = 0; i < own.count; i++) {
      long f = Math.max(own.from[i], activeFrom);
      if (f < own.to[i]) {
        next.add(w, own.checkpoint[i], own.kind[i], f, own.to[i], -1);
      }
    }
  }

  /**
   * Worker {@code w}'s stays at exposing kinds, cut to the window, from all their scans since a
   * longest dwell before it: the rules of {@code tracing.stays.Stays}, on the index's rows.
   */
  private void stays(int w) {
    scanCount = 0;
    VisitIndex.ScanList list = index.workerScans(w);
    for (int i = list == null ? 0 : list.firstAtOrAfter(from - longest); list != null && i < list.size
        && list.at[i] < to; i++) {
      if ((scanCount + 1) * SCAN > scans.length) {
        scans = Arrays.copyOf(scans, scans.length * 2);
      }
      int base = scanCount * SCAN;
      scans[base] = list.at[i];
      scans[base + 1] = list.meta[i];
      scans[base + 2] = list.ref[i];
      scanCount++;
    }
    sortScans();
    own.count = 0;
    int openCheckpoint = -1;
    int openKind = 0;
    long openFrom = 0;
    long openLastIn = 0;
    for (int i = 0; i < scanCount; i++) {
      long at = scans[i * SCAN];
      long meta = scans[i * SCAN + 1];
      int cp = (int) (meta >>> 4) & 0x0FFF_FFFF;
      int kind = (int) (meta >>> 1) & 7;
      int action = (int) meta & 1;
      if (openCheckpoint >= 0 && at >= openLastIn + dwell[openKind]) {
        addStay(openCheckpoint, openKind, openFrom, openLastIn + dwell[openKind]);
        openCheckpoint = -1;
      }
      if (kind == GATE) {
        if (openCheckpoint >= 0) {
          addStay(openCheckpoint, openKind, openFrom, at);
          openCheckpoint = -1;
        }
        addStay(cp, kind, at, at + dwell[GATE]);
      } else if (action == IN) {
        if (openCheckpoint == cp) {
          openLastIn = at;
          continue;
        }
        if (openCheckpoint >= 0) {
          addStay(openCheckpoint, openKind, openFrom, at);
        }
        openCheckpoint = cp;
        openKind = kind;
        openFrom = at;
        openLastIn = at;
      } else if (openCheckpoint >= 0) {
        addStay(openCheckpoint, openKind, openFrom, at);
        openCheckpoint = -1;
      }
    }
    if (openCheckpoint >= 0) {
      addStay(openCheckpoint, openKind, openFrom, openLastIn + dwell[openKind]);
    }
  }

  /** Keeps a stay's part inside the window, at kinds that expose. */
  private void addStay(int cp, int kind, long f, long t) {
    f = Math.max(f, from);
    t = Math.min(t, to);
    if (f >= t || !exposes[kind]) {
      return;
    }
    own.add(-1, cp, kind, f, t, -1);
  }

  /**
   * The scans in the order stays are built from: by time, OUT before IN at one instant, then by
   * scanId (as {@code UUID.compareTo}). They arrive in time order already (each day's view is kept
   * sorted), so an insertion sort only settles scans of one instant.
   */
  private void sortScans() {
    for (int i = 1; i < scanCount; i++) {
      if (compare(scans, i * SCAN, scans, (i - 1) * SCAN) >= 0) {
        continue;
      }
      System.arraycopy(scans, i * SCAN, held, 0, SCAN);
      int j = i;
      while (j > 0 && compare(held, 0, scans, (j - 1) * SCAN) < 0) {
        System.arraycopy(scans, (j - 1) * SCAN, scans, j * SCAN, SCAN);
        j--;
      }
      System.arraycopy(held, 0, scans, j * SCAN, SCAN);
    }
  }

  /** Compares two scans (at, meta, where) in stay order; the scanId is read from the row only on a tie. */
  private int compare(long[] x, int i, long[] y, int j) {
    int c = Long.compare(x[i], y[j]);
    c = c != 0 ? c : Boolean.compare((x[i + 1] & 1) == IN, (y[j + 1] & 1) == IN);
    if (c != 0) {
      return c;
    }
    long[] xRow = index.day(x[i + 2] >>> 32).rows;
    int xBase = (int) x[i + 2] * ROW;
    long[] yRow = index.day(y[j + 2] >>> 32).rows;
    int yBase = (int) y[j + 2] * ROW;
    c = Long.compare(xRow[xBase + 1], yRow[yBase + 1]);
    return c != 0 ? c : Long.compare(xRow[xBase + 2], yRow[yBase + 2]);
  }

  private TraceGraph answer(String f0Name, List<Integer> reached) {
    if (edges.count >= 1 << 21 || index.workerCount() >= 1 << 21) {
      return unsorted(f0Name, reached);
    }
    int[] workerRank = new int[index.workerCount()];
    String[] workers = rankWorkers(reached, workerRank);
    // In the graph's node order: level, first exposure, id (the F0, level 0, first).
    long[] nodeKeys = new long[reached.size()];
    for (int i = 0; i < nodeKeys.length; i++) {
      int w = reached.get(i);
      nodeKeys[i] = (long) level[w] << 53 | (firstExposure[w] - from) << 21 | workerRank[w];
    }
    radixSort(nodeKeys);
    int[] byRank = new int[workers.length];
    for (int w : reached) {
      byRank[workerRank[w]] = w;
    }
    List<TraceNode> nodes = new ArrayList<>(reached.size() + 1);
    nodes.add(new TraceNode(f0Name, 0, null, null));
    for (long key : nodeKeys) {
      nodes.add(node(byRank[(int) (key & ((1 << 21) - 1))]));
    }
    int[] checkpointRank = new int[index.checkpointCount()];
    String[] checkpoints = rankCheckpoints(checkpointRank);
    int[] order = edgeOrder(workerRank, checkpointRank);
    int n = edges.count;
    int[] fromRank = new int[n];
    int[] toRank = new int[n];
    int[] cpRank = new int[n];
    byte[] kinds = new byte[n];
    long[] starts = new long[n];
    long[] ends = new long[n];
    for (int k = 0; k < n; k++) {
      int i = order[k];
      fromRank[k] = workerRank[edges.worker[i]];
      toRank[k] = workerRank[edges.target[i]];
      cpRank[k] = checkpointRank[edges.checkpoint[i]];
      kinds[k] = (byte) edges.kind[i];
      starts[k] = edges.from[i];
      ends[k] = edges.to[i];
    }
    return new TraceGraph(nodes, new EdgeTable(workers, checkpoints, fromRank, toRank, cpRank, kinds, starts, ends));
  }

  private TraceNode node(int w) {
    return new TraceNode(index.workerName(w), level[w], Instant.ofEpochMilli(firstExposure[w]),
        index.workerName(via[w]));
  }

  /** Too large for the sort keys: objects, which the graph sorts itself. */
  private TraceGraph unsorted(String f0Name, List<Integer> reached) {
    List<TraceNode> nodes = new ArrayList<>(reached.size() + 1);
    nodes.add(new TraceNode(f0Name, 0, null, null));
    for (int w : reached) {
      nodes.add(node(w));
    }
    List<TraceEdge> list = new ArrayList<>(edges.count);
    for (int i = 0; i < edges.count; i++) {
      long length = edges.to[i] - edges.from[i];
      list.add(new TraceEdge(index.workerName(edges.worker[i]), index.workerName(edges.target[i]),
          index.checkpointName(edges.checkpoint[i]), KINDS[edges.kind[i]], Instant.ofEpochMilli(edges.from[i]),
          Instant.ofEpochMilli(edges.to[i]), (length + 59_999) / 60_000));
    }
    return new TraceGraph(nodes, list);
  }

  /**
   * The edges in the graph's order ({@link TraceGraph#EDGE_ORDER}: overlap start, then from, to and
   * checkpoint id as text), sorted as numbers: workers and checkpoints get the rank of their id
   * among the ids sorted, then stable counting sorts by checkpoint, target and source rank and a
   * last sort by start (least significant key first). The graph then only checks the order: with
   * hundreds of edges starting at one shift change, comparing edge objects cost a fifth of a trace.
   */
  private int[] edgeOrder(int[] workerRank, int[] checkpointRank) {
    int n = edges.count;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    if (n < 2) {
      return order;
    }
    long min = Long.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      min = Math.min(min, edges.from[i]);
    }
    order = stableBy(order, edges.checkpoint, checkpointRank);
    order = stableBy(order, edges.target, workerRank);
    order = stableBy(order, edges.worker, workerRank);
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = (edges.from[order[i]] - min) << 21 | i;
    }
    radixSort(keys);
    int[] sorted = new int[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = order[(int) (keys[i] & ((1 << 21) - 1))];
    }
    return sorted;
  }

  /**
   * Sorts non-negative keys: least significant 16 bits first, skipping digits all keys share (a
   * 400,000-edge trace sorts in a few passes instead of a comparison sort's ~19).
   */
  static void radixSort(long[] keys) {
    int n = keys.length;
    if (n < 4096) {
      Arrays.sort(keys);
      return;
    }
    long[] from = keys;
    long[] to = new long[n];
    int[] count = new int[1 << 16];
    for (int shift = 0; shift < 64; shift += 16) {
      Arrays.fill(count, 0);
      for (long k : from) {
        count[(int) (k >>> shift) & 0xFFFF]++;
      }
      if (count[(int) (from[0] >>> shift) & 0xFFFF] == n) {
        continue;
      }
      int sum = 0;
      for (int d = 0; d < count.length; d++) {
        int c = count[d];
        count[d] = sum;
        sum += c;
      }
      for (long k : from) {
        to[count[(int) (k >>> shift) & 0xFFFF]++] = k;
      }
      long[] t = from;
      from = to;
      to = t;
    }
    if (from != keys) {
      System.arraycopy(from, 0, keys, 0, n);
    }
  }

  /**
   * The reached workers' ids (the F0's too) sorted as text; {@code rank} gets each one's place.
   * Ranks and times fit the sort keys: fewer than 2^21 workers, and a window is at most 28 days
   * (under 2^32 ms).
   */
  private String[] rankWorkers(List<Integer> reached, int[] rank) {
    Integer[] workers = new Integer[reached.size() + 1];
    int k = 0;
    for (int w = 0; w < level.length; w++) {
      if (level[w] >= 0) {
        workers[k++] = w;
      }
    }
    return rank(workers, k, rank, index::workerName);
  }

  /** Every checkpoint's id sorted as text; {@code rank} gets each one's place. */
  private String[] rankCheckpoints(int[] rank) {
    Integer[] checkpoints = new Integer[index.checkpointCount()];
    for (int c = 0; c < checkpoints.length; c++) {
      checkpoints[c] = c;
    }
    return rank(checkpoints, checkpoints.length, rank, index::checkpointName);
  }

  private static String[] rank(Integer[] numbers, int count, int[] rank, java.util.function.IntFunction<String> name) {
    Arrays.sort(numbers, 0, count, (x, y) -> name.apply(x).compareTo(name.apply(y)));
    String[] ids = new String[count];
    for (int r = 0; r < count; r++) {
      rank[numbers[r]] = r;
      ids[r] = name.apply(numbers[r]);
    }
    return ids;
  }

  /** {@code order} stably sorted by {@code rank[column[edge]]} (a counting sort). */
  private static int[] stableBy(int[] order, int[] column, int[] rank) {
    int[] count = new int[rank.length + 1];
    for (int e : order) {
      count[rank[column[e]] + 1]++;
    }
    for (int r = 0; r < rank.length; r++) {
      count[r + 1] += count[r];
    }
    int[] out = new int[order.length];
    for (int e : order) {
      out[count[rank[column[e]]]++] = e;
    }
    return out;
  }

  /**
   * Stays, column by column: worker, checkpoint, kind, from, to, and for a contact the worker
   * exposed ({@code target}; -1 for a stay). A level's source stays are appended while it is
   * confirmed, then {@link #grouped} by checkpoint and start, with the longest stay per checkpoint
   * (for the binary search).
   */
  private static final class Stays {
    int[] worker;
    int[] checkpoint;
    int[] kind;
    long[] from;
    long[] to;
    int[] target;
    int count;
    /** After grouping: checkpoint c's stays are [start[c], start[c + 1]). */
    int[] start;
    long[] longest;

    Stays(int capacity) {
      worker = new int[capacity];
      checkpoint = new int[capacity];
      kind = new int[capacity];
      from = new long[capacity];
      to = new long[capacity];
      target = new int[capacity];
    }

    void add(int w, int cp, int k, long f, long t, int exposed) {
      if (count == from.length) {
        int n = count * 2;
        worker = Arrays.copyOf(worker, n);
        checkpoint = Arrays.copyOf(checkpoint, n);
        kind = Arrays.copyOf(kind, n);
        from = Arrays.copyOf(from, n);
        to = Arrays.copyOf(to, n);
        target = Arrays.copyOf(target, n);
      }
      worker[count] = w;
      checkpoint[count] = cp;
      kind[count] = k;
      from[count] = f;
      to[count] = t;
      target[count] = exposed;
      count++;
    }

    /** These stays grouped by checkpoint (a counting sort), each group sorted by start. */
    Stays grouped(int checkpoints) {
      Stays g = new Stays(Math.max(1, count));
      g.start = new int[checkpoints + 1];
      g.longest = new long[checkpoints];
      for (int i = 0; i < count; i++) {
        g.start[checkpoint[i] + 1]++;
      }
      for (int c = 0; c < checkpoints; c++) {
        g.start[c + 1] += g.start[c];
      }
      int[] order = new int[count];
      int[] fill = Arrays.copyOf(g.start, checkpoints);
      for (int i = 0; i < count; i++) {
        order[fill[checkpoint[i]]++] = i;
      }
      for (int c = 0; c < checkpoints; c++) {
        sortByStart(order, g.start[c], g.start[c + 1]);
      }
      for (int i = 0; i < count; i++) {
        int s = order[i];
        g.add(worker[s], checkpoint[s], kind[s], from[s], to[s], target[s]);
        int c = checkpoint[s];
        g.longest[c] = Math.max(g.longest[c], to[s] - from[s]);
      }
      return g;
    }

    /** Sorts order[lo, hi) by start, as primitives: (start - earliest) in the high bits, the slot in the low. */
    private void sortByStart(int[] order, int lo, int hi) {
      int n = hi - lo;
      if (n < 2) {
        return;
      }
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (int i = lo; i < hi; i++) {
        min = Math.min(min, from[order[i]]);
        max = Math.max(max, from[order[i]]);
      }
      int bits = 64 - Long.numberOfLeadingZeros(n);
      if (max - min >= 1L << (63 - bits)) {
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
          boxed[i] = order[lo + i];
        }
        Arrays.sort(boxed, (a, b) -> Long.compare(from[a], from[b]));
        for (int i = 0; i < n; i++) {
          order[lo + i] = boxed[i];
        }
        return;
      }
      long[] keys = new long[n];
      for (int i = 0; i < n; i++) {
        keys[i] = (from[order[lo + i]] - min) << bits | i;
      }
      Arrays.sort(keys);
      int[] sorted = new int[n];
      long mask = (1L << bits) - 1;
      for (int i = 0; i < n; i++) {
        sorted[i] = order[lo + (int) (keys[i] & mask)];
      }
      System.arraycopy(sorted, 0, order, lo, n);
    }
  }
}
