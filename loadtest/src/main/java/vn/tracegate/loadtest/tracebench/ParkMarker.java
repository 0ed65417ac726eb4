package vn.tracegate.loadtest.tracebench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which park the bench keyspace holds, in its own table {@code tracebench_park}: written only
 * once a load completed, so a keyspace with a matching marker is reused as it is, and anything
 * else (another seed or size, an interrupted load) is emptied and loaded again.
 */
final class ParkMarker {

  private final CqlSession session;

  ParkMarker(CqlSession session) {
    this.session = session;
    run("CREATE TABLE IF NOT EXISTS tracebench_park (name text PRIMARY KEY, seed bigint, workers int, days int,"
        + " from_at timestamp, to_at timestamp, scans bigint, load_seconds double, loaded_at timestamp)");
  }

  /** The span of the park loaded with these parameters, if that is what the keyspace holds. */
  Optional<ParkSpan> loaded(long seed, int workers, int days) {
    Row row = session.execute("SELECT seed, workers, days, from_at, to_at FROM tracebench_park WHERE name = 'park'")
        .one();
    if (row == null || row.getLong("seed") != seed || row.getInt("workers") != workers || row.getInt("days") != days) {
      return Optional.empty();
    }
    return Optional.of(new ParkSpan(row.getInstant("from_at"), row.getInstant("to_at")));
  }

  /** Empties the tables a park and its traces fill. */
  void clear() {
    run("DELETE FROM tracebench_park WHERE name = 'park'");
    for (String table : new String[] {"visits_by_worker", "visits_by_checkpoint", "traces", "worker_status"}) {
      run("TRUNCATE " + table);
    }
  }

  void mark(long seed, int workers, int days, ParkSpan span, long scans, double seconds) {
    session.execute(SimpleStatement.newInstance("INSERT INTO tracebench_park (name, seed, workers, days, from_at,"
            + " to_at, scans, load_seconds, loaded_at) VALUES ('park', ?, ?, ?, ?, ?, ?, ?, ?)",
        seed, workers, days, span.from(), span.to(), scans, seconds, Instant.now()));
  }

  private void run(String cql) {
    session.execute(SimpleStatement.newInstance(cql).setTimeout(Duration.ofSeconds(120)));
  }
}
