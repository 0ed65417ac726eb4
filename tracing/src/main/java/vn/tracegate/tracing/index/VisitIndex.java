package vn.tracegate.tracing.index;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import vn.tracegate.checkin.registry.CheckpointKind;
import vn.tracegate.checkin.visits.DayBucket;
import vn.tracegate.checkin.visits.ScanAction;
import vn.tracegate.checkin.visits.Visit;

/**
 * The recent visit log held in memory, column by column, so that a trace reads it in
 * microseconds instead of asking Cassandra for hundreds of thousands of rows. Per UTC day (the
 * visit log's partition) it keeps each scan once (by scanId) and two position lists kept sorted
 * by time: per checkpoint and per worker, the same two views as {@code visits_by_checkpoint} and
 * {@code visits_by_worker}.
 *
 * <p>About 90 bytes a scan with its views (loadtest {@code TraceBench --modes index}: 1.74 million
 * scans of a 50,000-worker park's 5 days hold 157 MB; its 14 days would hold about 450 MB). Days before {@link #coveredFrom()} are not held; a reader asks the visit log for those.
 * Writers ({@link #add}) are serialised; readers run in parallel with each other.
 */
public final class VisitIndex {

  private static final CheckpointKind[] KINDS = CheckpointKind.values();
  private static final ScanAction[] ACTIONS = ScanAction.values();

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, Integer> workerIds = new HashMap<>();
  private final List<String> workerNames = new ArrayList<>();
  private final Map<String, Integer> checkpointIds = new HashMap<>();
  private final List<String> checkpointNames = new ArrayList<>();
  private final Map<Long, Day> days = new HashMap<>();
  private volatile LocalDate firstDay;
  private long size;

  /** An index holding the days from {@code firstDay} (UTC) on. */
  public VisitIndex(LocalDate firstDay) {
    this.firstDay = firstDay;
  }

  /** The oldest day held. */
  public LocalDate firstDay() {
    return firstDay;
  }

  /** The start of the oldest day held: scans at or after it are all here. */
  public Instant coveredFrom() {
    return firstDay.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
  }

  /** Drops the days before {@code day}: the index then holds {@code day} and later. */
  public void retainFrom(LocalDate day) {
    if (!day.isAfter(firstDay)) {
      return;
    }
    lock.writeLock().lock();
    try {
      if (!day.isAfter(firstDay)) {
        return;
      }
      days.entrySet().removeIf(e -> {
        boolean old = e.getKey() < day.toEpochDay();
        if (old) {
          size -= e.getValue().count;
        }
        return old;
      });
      firstDay = day;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Scans held. */
  public long size() {
    lock.readLock().lock();
    try {
      return size;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Adds scans; one already held (same scanId) and one before {@link #coveredFrom()} are skipped. */
  public void add(List<Visit> visits) {
    lock.writeLock().lock();
    try {
      for (Visit v : visits) {
        LocalDate day = DayBucket.of(v.at());
        if (day.isBefore(firstDay)) {
          continue;
        }
        int worker = intern(v.workerId(), workerIds, workerNames);
        int checkpoint = intern(v.checkpointId(), checkpointIds, checkpointNames);
        if (checkpoint >= 1 << 28) {
          throw new IllegalStateException("more than 2^28 checkpoints: a row packs the checkpoint in 28 bits");
        }
        if (days.computeIfAbsent(day.toEpochDay(), d -> new Day()).add(v, worker, checkpoint)) {
          size++;
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** One worker's scans with {@code from <= at < to}; {@code from} must not be before {@link #coveredFrom()}. */
  public List<Visit> visitsOfWorker(String workerId, Instant from, Instant to) {
    return read(workerId, true, from, to);
  }

  /** One checkpoint's scans with {@code from <= at < to}, oldest first. */
  public List<Visit> visitsAtCheckpoint(String checkpointId, Instant from, Instant to) {
    return read(checkpointId, false, from, to);
  }

  private List<Visit> read(String key, boolean byWorker, Instant from, Instant to) {
    if (from.isBefore(coveredFrom())) {
      throw new IllegalArgumentException("from " + from + " is before the index's first day " + firstDay);
    }
    List<Visit> out = new ArrayList<>();
    if (!from.isBefore(to)) {
      return out;
    }
    lock.readLock().lock();
    try {
      Integer id = (byWorker ? workerIds : checkpointIds).get(key);
      if (id == null) {
        return out;
      }
      long fromMs = from.toEpochMilli();
      long toMs = to.toEpochMilli();
      for (LocalDate d : DayBucket.covering(from, to.minusNanos(1))) {
        Day day = days.get(d.toEpochDay());
        if (day != null) {
          day.read(byWorker ? day.worker(id) : day.checkpoint(id), fromMs, toMs, out, this);
        }
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  private static int intern(String name, Map<String, Integer> ids, List<String> names) {
    Integer id = ids.get(name);
    if (id == null) {
      id = names.size();
      names.add(name);
      ids.put(name, id);
    }
    return id;
  }

  /**
   * One UTC day: the scans in arrival order, one row of four longs each (at, scanId's two halves,
   * worker << 32 | checkpoint << 4 | kind << 1 | action), so a read touches one cache line a scan;
   * and the two views, by interned worker and checkpoint number.
   */
  private static final class Day {
    private static final int ROW = 4;
    private static final Positions[] NONE = new Positions[0];

    long[] rows = new long[ROW * 1024];
    int count;
    /** Open addressing on scanId: position + 1, 0 = empty. */
    int[] seen = new int[2048];
    Positions[] byWorker = NONE;
    Positions[] byCheckpoint = NONE;

    long at(int p) {
      return rows[p * ROW];
    }

    boolean add(Visit v, int workerId, int checkpointId) {
      long hi = v.scanId().getMostSignificantBits();
      long lo = v.scanId().getLeastSignificantBits();
      int mask = seen.length - 1;
      int slot = mix(hi, lo) & mask;
      while (seen[slot] != 0) {
        int p = seen[slot] - 1;
        if (rows[p * ROW + 1] == hi && rows[p * ROW + 2] == lo) {
          return false;
        }
        slot = (slot + 1) & mask;
      }
      if ((count + 1) * ROW > rows.length) {
        rows = Arrays.copyOf(rows, rows.length * 2);
      }
      int p = count++;
      int base = p * ROW;
      rows[base] = v.at().toEpochMilli();
      rows[base + 1] = hi;
      rows[base + 2] = lo;
      rows[base + 3] = (long) workerId << 32 | (long) checkpointId << 4 | v.kind().ordinal() << 1 | v.action().ordinal();
      seen[slot] = p + 1;
      if (count * 2 > seen.length) {
        rehash();
      }
      byWorker = view(byWorker, workerId, 4);
      byWorker[workerId].insert(p, this);
      byCheckpoint = view(byCheckpoint, checkpointId, 256);
      byCheckpoint[checkpointId].insert(p, this);
      return true;
    }

    private static Positions[] view(Positions[] views, int id, int capacity) {
      Positions[] out = views;
      if (id >= out.length) {
        out = Arrays.copyOf(out, Math.max(id + 1, out.length * 2));
      }
      if (out[id] == null) {
        out[id] = new Positions(capacity);
      }
      return out;
    }

    Positions worker(int id) {
      return id < byWorker.length ? byWorker[id] : null;
    }

    Positions checkpoint(int id) {
      return id < byCheckpoint.length ? byCheckpoint[id] : null;
    }

    void read(Positions positions, long fromMs, long toMs, List<Visit> out, VisitIndex names) {
      if (positions == null) {
        return;
      }
      for (int i = positions.firstAtOrAfter(fromMs, this); i < positions.size; i++) {
        int base = positions.items[i] * ROW;
        long t = rows[base];
        if (t >= toMs) {
          break;
        }
        long meta = rows[base + 3];
        Instant when = Instant.ofEpochMilli(t);
        out.add(new Visit(new UUID(rows[base + 1], rows[base + 2]), names.workerNames.get((int) (meta >>> 32)),
            names.checkpointNames.get((int) (meta >>> 4) & 0x0FFF_FFFF), KINDS[(int) (meta >>> 1) & 7],
            ACTIONS[(int) meta & 1], when, when, null, ""));
      }
    }

    private void rehash() {
      seen = new int[seen.length * 2];
      int mask = seen.length - 1;
      for (int p = 0; p < count; p++) {
        int slot = mix(rows[p * ROW + 1], rows[p * ROW + 2]) & mask;
        while (seen[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        seen[slot] = p + 1;
      }
    }

    private static int mix(long hi, long lo) {
      long h = hi * 0x9E3779B97F4A7C15L ^ lo;
      h ^= h >>> 31;
      h *= 0xBF58476D1CE4E5B9L;
      return (int) (h ^ (h >>> 32));
    }
  }

  /** Positions of scans kept sorted by their time; a scan in time order is appended in O(1). */
  private static final class Positions {
    int[] items;
    int size;

    Positions(int capacity) {
      items = new int[capacity];
    }

    void insert(int position, Day day) {
      if (size == items.length) {
        items = Arrays.copyOf(items, size * 2);
      }
      long t = day.at(position);
      int i = size;
      // Late scans (an offline device's upload) go back into time order; most land at the end.
      while (i > 0 && day.at(items[i - 1]) > t) {
        i--;
      }
      System.arraycopy(items, i, items, i + 1, size - i);
      items[i] = position;
      size++;
    }

    /** The first index whose scan is at or after {@code ms}. */
    int firstAtOrAfter(long ms, Day day) {
      int lo = 0;
      int hi = size;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (day.at(items[mid]) < ms) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }
}
