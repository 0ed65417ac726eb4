package vn.tracegate.loadtest.roof;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.schema.Replication;
import vn.tracegate.checkin.schema.SchemaMigrator;
import vn.tracegate.checkin.store.CassandraSettings;

/**
 * The warm-up against the real Cassandra that ./tracegate starts: rows written and flushed four
 * times (by the project's own {@code ./tracegate nodetool flush}) make Cassandra compact them; the
 * warm-up waits for that, counts it from {@code system.compaction_history}, and leaves both tables
 * empty.
 */
class CassandraWarmupIT {

  static final String KEYSPACE = "tracegate_warmup_it";
  static final int ROUNDS = 4;
  static final int ROWS_PER_ROUND = 400;
  static CqlSession session;

  @BeforeAll
  static void migrate() throws Exception {
    String points = System.getenv().getOrDefault("TRACEGATE_CASSANDRA_CONTACT_POINTS", "127.0.0.1:9042");
    CassandraSettings settings = new CassandraSettings(CassandraSettings.parseContactPoints(points.isBlank()
        ? "127.0.0.1:9042" : points), System.getenv().getOrDefault("TRACEGATE_CASSANDRA_DATACENTER", "datacenter1"),
        KEYSPACE, Replication.parse("SimpleStrategy:1"), DefaultConsistencyLevel.LOCAL_QUORUM, Duration.ofSeconds(10));
    try (CqlSession unbound = settings.open(false).toCompletableFuture().get(60, TimeUnit.SECONDS)) {
      new SchemaMigrator(unbound, KEYSPACE, settings.replication(), Duration.ofDays(21)).migrate()
          .toCompletableFuture().get(120, TimeUnit.SECONDS);
    }
    session = settings.open(true).toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void close() {
    if (session != null) {
      session.close();
    }
  }

  @Test
  void writesFlushedFourTimesAreCompactedCountedAndThenTruncated() throws Exception {
    CassandraWarmup warmup = new CassandraWarmup(session, KEYSPACE);
    long compactionsBefore = warmup.compactions();
    CassandraWarmup.Result r = warmup.run(() -> {
      long t0 = System.nanoTime();
      for (int round = 0; round < ROUNDS; round++) {
        writeRows(ROWS_PER_ROUND);
        nodetool("flush", KEYSPACE);
      }
      return new CassandraRoof.Result("test", 1, (System.nanoTime() - t0) / 1e9, 2L * ROUNDS * ROWS_PER_ROUND, 0);
    }, 120);

    assertThat(r.rows()).isEqualTo(2L * ROUNDS * ROWS_PER_ROUND);
    assertThat(r.settled()).as(r.describe()).isTrue();
    assertThat(r.compactions()).as("each table's four sstables compacted: " + r.describe()).isGreaterThanOrEqualTo(2);
    assertThat(warmup.compactions() - compactionsBefore).isEqualTo(r.compactions());
    for (String table : CassandraWarmup.TABLES) {
      assertThat(session.execute("SELECT count(*) FROM " + table).one().getLong(0)).as(table + " emptied").isZero();
    }
    assertThat(r.describe()).contains("flushes and compactions done");
  }

  private void writeRows(int n) {
    PreparedStatement byWorker = session.prepare("INSERT INTO visits_by_worker (worker_id, day, checkpoint_id, at,"
        + " scan_id, kind, action, received_at, device_id, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    PreparedStatement byCheckpoint = session.prepare("INSERT INTO visits_by_checkpoint (checkpoint_id, day, worker_id,"
        + " at, scan_id, kind, action, received_at, device_id, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Instant now = Instant.now();
    LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
    for (int i = 0; i < n; i++) {
      UUID scan = UUID.randomUUID();
      String worker = "w-" + (i % 50);
      String checkpoint = "cp-" + (i % 7);
      Instant at = now.plusMillis(i);
      session.execute(BatchStatement.newInstance(DefaultBatchType.UNLOGGED,
          byWorker.bind(worker, day, checkpoint, at, scan, "GATE", "IN", at, "d-1", "hash" + i),
          byCheckpoint.bind(checkpoint, day, worker, at, scan, "GATE", "IN", at, "d-1", "hash" + i)));
    }
  }

  /** {@code ./tracegate nodetool ARGS} against the suite's own Cassandra node. */
  static void nodetool(String... args) throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    String[] command = new String[args.length + 3];
    command[0] = "bash";
    command[1] = root.resolve("tracegate").toString();
    command[2] = "nodetool";
    System.arraycopy(args, 0, command, 3, args.length);
    Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("nodetool finished").isTrue();
    assertThat(p.exitValue()).as("./tracegate nodetool " + String.join(" ", args) + ":\n" + out).isZero();
  }
}
