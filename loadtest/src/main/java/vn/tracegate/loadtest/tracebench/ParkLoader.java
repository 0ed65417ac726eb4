package vn.tracegate.loadtest.tracebench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import vn.tracegate.checkin.visits.DayBucket;
import vn.tracegate.checkin.visits.Visit;

/**
 * Writes a generated park into both visit tables, with the same rows the check-in path's
 * {@code VisitLog} writes, but grouped: one unlogged batch per (worker, day) partition, and
 * batches of at most {@value #CHECKPOINT_BATCH} rows per (checkpoint, day) partition, at most
 * {@code inFlight} batches at once. A command-line tool: it blocks its own thread, no event loop.
 */
final class ParkLoader {

  static final int CHECKPOINT_BATCH = 50;
  private static final int ATTEMPTS = 5;
  private static final String COLUMNS = "at, scan_id, kind, action, received_at, device_id, content_hash";

  private final CqlSession session;
  private final Park park;
  private final ParkSpan span;
  private final Semaphore slots;
  private final int inFlight;
  private final PreparedStatement byWorker;
  private final PreparedStatement byCheckpoint;
  private final AtomicLong rows = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  ParkLoader(CqlSession session, Park park, ParkSpan span, int inFlight) {
    this.session = session;
    this.park = park;
    this.span = span;
    this.inFlight = inFlight;
    this.slots = new Semaphore(inFlight);
    this.byWorker = session.prepare("INSERT INTO visits_by_worker (worker_id, day, checkpoint_id, " + COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    this.byCheckpoint = session.prepare("INSERT INTO visits_by_checkpoint (checkpoint_id, day, worker_id, "
        + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  }

  /** Loads everything; returns the number of scans (each is two rows). */
  long load() throws InterruptedException {
    WorkDay days = new WorkDay(park);
    Progress progress = new Progress("visits_by_worker", park.workers);
    long scans = 0;
    for (int w = 0; w < park.workers; w++) {
      List<Visit> visits = days.all(w, span.firstShiftDay(), span.lastShiftDay(), span.from(), span.to());
      scans += visits.size();
      Map<LocalDate, List<Visit>> byDay = new HashMap<>();
      for (Visit v : visits) {
        byDay.computeIfAbsent(DayBucket.of(v.at()), k -> new ArrayList<>()).add(v);
      }
      for (List<Visit> partition : byDay.values()) {
        write(partition, byWorker, true);
      }
      progress.at(w + 1);
    }
    progress = new Progress("visits_by_checkpoint", span.shiftDays());
    int done = 0;
    for (LocalDate d = span.firstShiftDay(); !d.isAfter(span.lastShiftDay()); d = d.plusDays(1)) {
      Map<String, List<Visit>> partitions = new HashMap<>();
      List<Visit> visits = new ArrayList<>();
      for (int w = 0; w < park.workers; w++) {
        visits.clear();
        days.scans(w, d, visits);
        for (Visit v : visits) {
          if (!v.at().isBefore(span.from()) && v.at().isBefore(span.to())) {
            partitions.computeIfAbsent(v.checkpointId() + "/" + DayBucket.of(v.at()), k -> new ArrayList<>()).add(v);
          }
        }
      }
      for (List<Visit> partition : partitions.values()) {
        for (int i = 0; i < partition.size(); i += CHECKPOINT_BATCH) {
          write(partition.subList(i, Math.min(partition.size(), i + CHECKPOINT_BATCH)), byCheckpoint, false);
        }
      }
      progress.at(++done);
    }
    slots.acquire(inFlight);
    slots.release(inFlight);
    if (failure.get() != null) {
      throw new IllegalStateException("loading the park failed: " + failure.get(), failure.get());
    }
    progress.finish();
    return scans;
  }

  private void write(List<Visit> partition, PreparedStatement statement, boolean byWorkerKey) throws InterruptedException {
    if (failure.get() != null) {
      throw new IllegalStateException("loading the park failed: " + failure.get(), failure.get());
    }
    List<BoundStatement> rowsOfBatch = new ArrayList<>(partition.size());
    for (Visit v : partition) {
      String key = byWorkerKey ? v.workerId() : v.checkpointId();
      String other = byWorkerKey ? v.checkpointId() : v.workerId();
      rowsOfBatch.add(statement.bind(key, DayBucket.of(v.at()), other, v.at(), v.scanId(), v.kind().name(),
          v.action().name(), v.receivedAt(), v.deviceId(), v.contentHash()));
    }
    BatchStatement batch = BatchStatement.newInstance(DefaultBatchType.UNLOGGED)
        .addAll(rowsOfBatch)
        .setIdempotent(true)
        .setTimeout(Duration.ofSeconds(20));
    slots.acquire();
    send(batch, partition.size(), ATTEMPTS);
  }

  private void send(BatchStatement batch, int size, int attempts) {
    session.executeAsync(batch).whenComplete((rs, error) -> {
      if (error == null) {
        rows.addAndGet(size);
        slots.release();
      } else if (attempts > 1) {
        send(batch, size, attempts - 1);
      } else {
        failure.compareAndSet(null, error);
        slots.release();
      }
    });
  }

  /** Prints what has been written every few seconds. */
  private final class Progress {
    final String table;
    final int total;
    final long started = System.nanoTime();
    final long rowsAtStart = rows.get();
    long lastPrint = started;

    Progress(String table, int total) {
      this.table = table;
      this.total = total;
    }

    void at(int done) {
      long now = System.nanoTime();
      if (now - lastPrint > TimeUnit.SECONDS.toNanos(5) || done == total) {
        lastPrint = now;
        double seconds = (now - started) / 1e9;
        long written = rows.get() - rowsAtStart;
        System.out.printf("  %s: %d/%d generated, %,d rows written, %,.0f rows/s, %.0f s%n",
            table, done, total, written, written / Math.max(seconds, 0.001), seconds);
      }
    }

    void finish() {
      System.out.printf("  all rows written: %,d in total%n", rows.get());
    }
  }
}
