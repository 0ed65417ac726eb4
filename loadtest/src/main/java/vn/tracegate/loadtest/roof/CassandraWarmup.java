package vn.tracegate.loadtest.roof;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Runs Cassandra's write path, memtable flushes and compactions once before a measurement, then
 * empties the tables written: the keyspace is the roof's own, so the measured keyspace never sees
 * these rows. Whether the flushes and compactions ran is read back from Cassandra itself
 * ({@code system.compaction_history}, {@code system_views.thread_pools}).
 */
public final class CassandraWarmup {

  /** What the warm-up did: rows written, compactions Cassandra finished, how long it waited for them. */
  public record Result(double writeSeconds, long rows, long errors, long compactions, double waitedSeconds,
      boolean settled) {
    public JsonObject toJson() {
      return new JsonObject().put("writeSeconds", writeSeconds).put("rows", rows).put("errors", errors)
          .put("compactions", compactions).put("waitedSeconds", Math.round(waitedSeconds * 10) / 10.0)
          .put("settled", settled);
    }

    public String describe() {
      return String.format("warm-up wrote %,d rows in %.0f s (%d errors); Cassandra finished %d compaction%s of them%s",
          rows, writeSeconds, errors, compactions, compactions == 1 ? "" : "s", settled
              ? String.format(", flushes and compactions done %.0f s after the writes", waitedSeconds)
              : String.format("; still flushing or compacting after %.0f s, measuring anyway", waitedSeconds));
    }
  }

  static final Duration TRUNCATE_TIMEOUT = Duration.ofSeconds(60);
  /** Flushes and compactions count as done after this long with none active or pending. */
  static final long SETTLED_NANOS = 3_000_000_000L;
  static final String[] TABLES = {"visits_by_worker", "visits_by_checkpoint"};

  private final CqlSession session;
  private final String keyspace;

  /** {@code session} reaches {@code keyspace}, migrated with the visit log schema. */
  public CassandraWarmup(CqlSession session, String keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  /**
   * Blocking (never on an event loop): runs {@code writes}, waits up to {@code waitSeconds} for the
   * flushes and compactions they caused, then truncates the tables.
   */
  public Result run(Callable<CassandraRoof.Result> writes, double waitSeconds) throws Exception {
    long compactionsBefore = compactions();
    CassandraRoof.Result written = writes.call();
    long from = System.nanoTime();
    boolean settled = awaitBackgroundIdle(from + (long) (waitSeconds * 1e9));
    double waited = (System.nanoTime() - from) / 1e9;
    long compactions = compactions() - compactionsBefore;
    for (String table : TABLES) {
      session.execute(SimpleStatement.newInstance("TRUNCATE " + keyspace + "." + table).setTimeout(TRUNCATE_TIMEOUT));
    }
    return new Result(written.seconds(), written.rows(), written.errors(), compactions, waited, settled);
  }

  /** Compactions of this keyspace's tables that Cassandra has recorded as finished. */
  long compactions() {
    long n = 0;
    for (Row row : session.execute("SELECT keyspace_name FROM system.compaction_history")) {
      n += keyspace.equals(row.getString(0)) ? 1 : 0;
    }
    return n;
  }

  /** Tasks active or queued in Cassandra's flush and compaction pools, node-wide. */
  long backgroundTasks() {
    long n = 0;
    for (Row row : session.execute("SELECT name, active_tasks, pending_tasks FROM system_views.thread_pools")) {
      String name = row.getString(0);
      if (name != null && (name.contains("Compaction") || name.contains("Memtable"))) {
        n += row.getInt(1) + row.getInt(2);
      }
    }
    return n;
  }

  private boolean awaitBackgroundIdle(long deadline) throws InterruptedException {
    long idleSince = -1;
    while (true) {
      long now = System.nanoTime();
      if (backgroundTasks() > 0) {
        idleSince = -1;
      } else if (idleSince < 0) {
        idleSince = now;
      } else if (now - idleSince >= SETTLED_NANOS) {
        return true;
      }
      if (now >= deadline) {
        return false;
      }
      Thread.sleep(250);
    }
  }
}
