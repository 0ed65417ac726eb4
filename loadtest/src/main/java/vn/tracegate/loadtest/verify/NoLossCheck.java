package vn.tracegate.loadtest.verify;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;
import vn.tracegate.checkin.visits.DayBucket;

/**
 * After a run: is every acknowledged scan in both visit tables, and none twice? Reads each touched
 * partition of {@code visits_by_worker} and {@code visits_by_checkpoint} once, limited to the run's
 * time range, with 32 reads in flight, and marks which scanIds are there and which are there more
 * than once. Runs on the caller's thread (a CLI main thread), never on an event loop.
 */
public final class NoLossCheck {

  /** What the check found; {@code sampleMissing} names a few lost scans to look up. */
  public record Result(long acknowledged, long inVisitsByWorker, long inVisitsByCheckpoint, long duplicates,
      List<String> sampleMissing, double seconds) {

    public long lost() {
      return acknowledged - Math.min(inVisitsByWorker, inVisitsByCheckpoint);
    }

    public JsonObject toJson() {
      return new JsonObject().put("acknowledged", acknowledged).put("inVisitsByWorker", inVisitsByWorker)
          .put("inVisitsByCheckpoint", inVisitsByCheckpoint).put("lost", lost()).put("duplicates", duplicates)
          .put("sampleMissing", new JsonArray(new ArrayList<>(sampleMissing))).put("seconds", seconds);
    }
  }

  /**
   * Per scan (by its position in the list checked): stored in each table, and stored more than
   * once in either (the same scanId on two rows of a partition); {@code sampleMissing} names a few
   * scans absent from a table.
   */
  public record Found(BitSet inVisitsByWorker, BitSet inVisitsByCheckpoint, BitSet duplicated,
      List<String> sampleMissing, double seconds) {}

  private static final int READS_IN_FLIGHT = 32;
  private static final int PAGE = 5_000;

  private final CqlSession session;

  public NoLossCheck(CqlSession session) {
    this.session = session;
  }

  /**
   * @param workerIds worker id of each park index
   * @param checkpointIds checkpoint id of each park index
   */
  public Result check(AckedScans acked, IntFunction<String> workerIds, IntFunction<String> checkpointIds) {
    Found f = find(acked, workerIds, checkpointIds);
    return new Result(acked.size(), f.inVisitsByWorker().cardinality(), f.inVisitsByCheckpoint().cardinality(),
        f.duplicated().cardinality(), f.sampleMissing(), f.seconds());
  }

  /** Looks every scan of {@code scans} up in both visit tables. */
  public Found find(AckedScans scans, IntFunction<String> workerIds, IntFunction<String> checkpointIds) {
    long start = System.nanoTime();
    ConcurrentLinkedQueue<String> missing = new ConcurrentLinkedQueue<>();
    BitSet duplicated = new BitSet(scans.size());
    BitSet byWorker = table(scans, "visits_by_worker", "worker_id", true, workerIds, missing, duplicated);
    BitSet byCheckpoint = table(scans, "visits_by_checkpoint", "checkpoint_id", false, checkpointIds, missing,
        duplicated);
    return new Found(byWorker, byCheckpoint, duplicated, missing.stream().limit(10).toList(),
        Math.round((System.nanoTime() - start) / 1e7) / 100.0);
  }

  /** Partition key (park index, day) to the positions of its scans in {@code acked}. */
  private static Map<Long, List<Integer>> partitions(AckedScans acked, boolean byWorker) {
    Map<Long, List<Integer>> out = new HashMap<>();
    for (int i = 0; i < acked.size(); i++) {
      long day = DayBucket.of(Instant.ofEpochMilli(acked.atMillis(i))).toEpochDay();
      long key = ((long) (byWorker ? acked.worker(i) : acked.checkpoint(i)) << 32) | day;
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    return out;
  }

  private BitSet table(AckedScans acked, String table, String keyColumn, boolean byWorker, IntFunction<String> ids,
      ConcurrentLinkedQueue<String> missing, BitSet duplicated) {
    PreparedStatement select = session.prepare("SELECT scan_id FROM " + table + " WHERE " + keyColumn
        + " = ? AND day = ? AND at >= ? AND at <= ?");
    Semaphore permits = new Semaphore(READS_IN_FLIGHT);
    BitSet found = new BitSet(acked.size());
    List<CompletableFuture<Void>> reads = new ArrayList<>();
    for (Map.Entry<Long, List<Integer>> p : partitions(acked, byWorker).entrySet()) {
      String id = ids.apply((int) (p.getKey() >>> 32));
      LocalDate day = LocalDate.ofEpochDay(p.getKey() & 0xffffffffL);
      List<Integer> scans = p.getValue();
      long from = Long.MAX_VALUE;
      long to = Long.MIN_VALUE;
      for (int i : scans) {
        from = Math.min(from, acked.atMillis(i));
        to = Math.max(to, acked.atMillis(i));
      }
      permits.acquireUninterruptibly();
      Map<UUID, Integer> stored = new HashMap<>();
      CompletableFuture<Void> read = session.executeAsync(select.bind(id, day, Instant.ofEpochMilli(from),
              Instant.ofEpochMilli(to)).setPageSize(PAGE).setTimeout(Duration.ofSeconds(30)))
          .thenCompose(rs -> drain(rs, stored))
          .thenAccept(x -> {
            synchronized (found) {
              for (int i : scans) {
                int rows = stored.getOrDefault(acked.scanId(i), 0);
                if (rows > 0) {
                  found.set(i);
                } else if (missing.size() < 10) {
                  missing.add(table + ": " + acked.scanId(i) + " (" + id + ", " + day + ")");
                }
                if (rows > 1) {
                  duplicated.set(i);
                }
              }
            }
          })
          .toCompletableFuture()
          .whenComplete((x, err) -> permits.release());
      reads.add(read);
    }
    CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).join();
    return found;
  }

  private static CompletionStage<Void> drain(AsyncResultSet rs, Map<UUID, Integer> into) {
    for (Row row : rs.currentPage()) {
      into.merge(row.getUuid(0), 1, Integer::sum);
    }
    return rs.hasMorePages() ? rs.fetchNextPage().thenCompose(next -> drain(next, into))
        : CompletableFuture.completedFuture(null);
  }
}
