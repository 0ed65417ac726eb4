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
 * visit log's partition) it keeps each scan once (by scanId) and each checkpoint's scans in time
 * order, the view of {@code visits_by_checkpoint}; per worker, one time-ordered list across every
 * day held, the view of {@code visits_by_worker}.
 *
 * <p>About 143 bytes a scan with its views (loadtest {@code TraceBench}: a 50,000-worker park's
 * 1.74 million scans of 6 days hold 248 MB, its 4.89 million scans of 14 days 697 MB). Days before
 * {@link #coveredFrom()} are not held; a reader asks the visit log for those.
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
  /** Per worker number, their scans of every day held, in time order. */
  private ScanList[] workerScans = new ScanList[0];
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
      long start = day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
      for (ScanList scans : workerScans) {
        if (scans != null) {
          scans.dropBefore(start);
        }
      }
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
        Day held = days.computeIfAbsent(day.toEpochDay(), d -> new Day());
        int p = held.add(v, worker, checkpoint);
        if (p >= 0) {
          size++;
          if (worker >= workerScans.length) {
            workerScans = Arrays.copyOf(workerScans, Math.max(worker + 1, workerScans.length * 2));
          }
          if (workerScans[worker] == null) {
            workerScans[worker] = new ScanList();
          }
          workerScans[worker].insert(held.at(p), held.rows[p * Day.ROW + 3], day.toEpochDay() << 32 | p);
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
      if (byWorker) {
        ScanList scans = workerScans(id);
        for (int i = scans == null ? 0 : scans.firstAtOrAfter(fromMs); scans != null && i < scans.size
            && scans.at[i] < toMs; i++) {
          out.add(days.get(scans.ref[i] >>> 32).visit((int) scans.ref[i], this));
        }
        return out;
      }
      for (LocalDate d : DayBucket.covering(from, to.minusNanos(1))) {
        Day day = days.get(d.toEpochDay());
        ScanList scans = day == null ? null : day.checkpoint(id);
        for (int i = scans == null ? 0 : scans.firstAtOrAfter(fromMs); scans != null && i < scans.size
            && scans.at[i] < toMs; i++) {
          out.add(day.visit((int) scans.ref[i], this));
        }
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  // For IndexTracer, which reads the columns directly under the read lock.

  ReentrantReadWriteLock.ReadLock readLock() {
    return lock.readLock();
  }

  /** The interned number of a worker, or -1 when no scan of theirs is held. */
  int workerNumber(String workerId) {
    Integer id = workerIds.get(workerId);
    return id == null ? -1 : id;
  }

  String workerName(int number) {
    return workerNames.get(number);
  }

  String checkpointName(int number) {
    return checkpointNames.get(number);
  }

  int workerCount() {
    return workerNames.size();
  }

  int checkpointCount() {
    return checkpointNames.size();
  }

  /** One worker's scans of every day held, in time order, or null when none is held. */
  ScanList workerScans(int worker) {
    return worker < workerScans.length ? workerScans[worker] : null;
  }

  /** The day partition held for this epoch day, or null. */
  Day day(long epochDay) {
    return days.get(epochDay);
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
   * and the view by interned checkpoint number (the view by worker spans the days: {@link ScanList}).
   */
  static final class Day {
    static final int ROW = 4;
    private static final ScanList[] NONE = new ScanList[0];

    long[] rows = new long[ROW * 1024];
    int count;
    /** Open addressing on scanId: position + 1, 0 = empty. */
    int[] seen = new int[2048];
    ScanList[] byCheckpoint = NONE;

    long at(int p) {
      return rows[p * ROW];
    }

    /** Adds a scan; returns its position, or -1 when this scanId is held already. */
    int add(Visit v, int workerId, int checkpointId) {
      long hi = v.scanId().getMostSignificantBits();
      long lo = v.scanId().getLeastSignificantBits();
      int mask = seen.length - 1;
      int slot = mix(hi, lo) & mask;
      while (seen[slot] != 0) {
        int p = seen[slot] - 1;
        if (rows[p * ROW + 1] == hi && rows[p * ROW + 2] == lo) {
          return -1;
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
      if (checkpointId >= byCheckpoint.length) {
        byCheckpoint = Arrays.copyOf(byCheckpoint, Math.max(checkpointId + 1, byCheckpoint.length * 2));
      }
      if (byCheckpoint[checkpointId] == null) {
        byCheckpoint[checkpointId] = new ScanList();
      }
      byCheckpoint[checkpointId].insert(rows[base], rows[base + 3], p);
      return p;
    }

    ScanList checkpoint(int id) {
      return id < byCheckpoint.length ? byCheckpoint[id] : null;
    }

    /** The scan at position {@code p} (what stays are made of; no device, receivedAt = at). */
    Visit visit(int p, VisitIndex names) {
      int base = p * ROW;
      long meta = rows[base + 3];
      Instant when = Instant.ofEpochMilli(rows[base]);
      return new Visit(new UUID(rows[base + 1], rows[base + 2]), names.workerNames.get((int) (meta >>> 32)),
          names.checkpointNames.get((int) (meta >>> 4) & 0x0FFF_FFFF), KINDS[(int) (meta >>> 1) & 7],
          ACTIONS[(int) meta & 1], when, when, null, "");
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

  /**
   * Scans in time order, column by column: each scan's time, packed worker/checkpoint/kind/action,
   * and where its row is (a worker's list spans every day held: epoch day << 32 | position; a
   * day's checkpoint list: the position). A reader walks these arrays in order instead of jumping
   * through the day's rows. One list per worker for all days: a trace reads thousands of workers'
   * scans over several days, and per-day lists cost a cache miss per worker and day for each of
   * their arrays (the largest cost of a 4-day trace in the profile). A scan in time order is
   * appended in O(1).
   */
  static final class ScanList {
    long[] at = new long[16];
    long[] meta = new long[16];
    long[] ref = new long[16];
    int size;

    void insert(long t, long m, long r) {
      if (size == at.length) {
        at = Arrays.copyOf(at, size * 2);
        meta = Arrays.copyOf(meta, size * 2);
        ref = Arrays.copyOf(ref, size * 2);
      }
      int i = size;
      // Late scans (an offline device's upload) go back into time order; most land at the end.
      while (i > 0 && at[i - 1] > t) {
        i--;
      }
      System.arraycopy(at, i, at, i + 1, size - i);
      System.arraycopy(meta, i, meta, i + 1, size - i);
      System.arraycopy(ref, i, ref, i + 1, size - i);
      at[i] = t;
      meta[i] = m;
      ref[i] = r;
      size++;
    }

    /** Lets go of the scans before {@code ms} (their day is no longer held). */
    void dropBefore(long ms) {
      int k = firstAtOrAfter(ms);
      if (k == 0) {
        return;
      }
      System.arraycopy(at, k, at, 0, size - k);
      System.arraycopy(meta, k, meta, 0, size - k);
      System.arraycopy(ref, k, ref, 0, size - k);
      size -= k;
    }

    /** The first index whose scan is at or after {@code ms}. */
    int firstAtOrAfter(long ms) {
      int lo = 0;
      int hi = size;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (at[mid] < ms) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }
}
