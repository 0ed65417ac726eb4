package vn.tracegate.tracing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import vn.tracegate.checkin.schema.Replication;
import vn.tracegate.checkin.schema.SchemaMigrator;
import vn.tracegate.checkin.store.CassandraSettings;
import vn.tracegate.checkin.visits.Visit;
import vn.tracegate.checkin.visits.DayBucket;

/**
 * The Cassandra that {@code ./tracegate test} started (TRACEGATE_CASSANDRA_CONTACT_POINTS,
 * default 127.0.0.1:9042), migrated once per test JVM into keyspace {@code tracegate_test}.
 * Tests prefix their ids with {@link #run()} so they never see each other's rows.
 */
public final class TestCassandra {

  public static final String KEYSPACE = "tracegate_test";
  private static TestCassandra instance;

  public final Vertx vertx = Vertx.vertx();
  public final CqlSession session;
  private final PreparedStatement byWorker;
  private final PreparedStatement byCheckpoint;

  private TestCassandra() throws Exception {
    String points = System.getenv().getOrDefault("TRACEGATE_CASSANDRA_CONTACT_POINTS", "127.0.0.1:9042");
    String dc = System.getenv().getOrDefault("TRACEGATE_CASSANDRA_DATACENTER", "datacenter1");
    CassandraSettings settings = new CassandraSettings(CassandraSettings.parseContactPoints(points), dc, KEYSPACE,
        Replication.parse("SimpleStrategy:1"), DefaultConsistencyLevel.LOCAL_QUORUM, Duration.ofSeconds(10));
    try (CqlSession admin = settings.open(false).toCompletableFuture().get(60, TimeUnit.SECONDS)) {
      new SchemaMigrator(admin, KEYSPACE, settings.replication(), Duration.ofDays(21))
          .migrate().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }
    session = settings.open(true).toCompletableFuture().get(60, TimeUnit.SECONDS);
    String columns = "at, scan_id, kind, action, received_at, device_id, content_hash";
    byWorker = session.prepare("INSERT INTO visits_by_worker (worker_id, day, checkpoint_id, " + columns
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    byCheckpoint = session.prepare("INSERT INTO visits_by_checkpoint (checkpoint_id, day, worker_id, " + columns
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      session.close();
      vertx.close();
    }));
  }

  public static synchronized TestCassandra get() throws Exception {
    if (instance == null) {
      instance = new TestCassandra();
    }
    return instance;
  }

  /** A fresh prefix for one test's worker and checkpoint ids. */
  public static String run() {
    return "t" + UUID.randomUUID().toString().substring(0, 8) + "-";
  }

  /** The same scans with worker and checkpoint ids prefixed. */
  public static List<Visit> prefixed(String prefix, List<Visit> visits) {
    List<Visit> out = new ArrayList<>();
    for (Visit v : visits) {
      out.add(new Visit(UUID.randomUUID(), prefix + v.workerId(), prefix + v.checkpointId(), v.kind(), v.action(),
          v.at(), v.receivedAt(), v.deviceId(), v.contentHash()));
    }
    return out;
  }

  /** Writes scans as the check-in path does (both tables, day of {@link DayBucket}), 64 at a time. */
  public void append(List<Visit> visits) throws Exception {
    for (int i = 0; i < visits.size(); i += 64) {
      List<Future<?>> batch = new ArrayList<>();
      for (Visit v : visits.subList(i, Math.min(visits.size(), i + 64))) {
        batch.add(write(byWorker, v.workerId(), v.checkpointId(), v));
        batch.add(write(byCheckpoint, v.checkpointId(), v.workerId(), v));
      }
      await(Future.all(batch));
    }
  }

  private Future<?> write(PreparedStatement ps, String key, String other, Visit v) {
    return Future.fromCompletionStage(session.executeAsync(ps.bind(key, DayBucket.of(v.at()), other, v.at(),
        v.scanId(), v.kind().name(), v.action().name(), v.receivedAt(), v.deviceId(), v.contentHash())
        .setIdempotent(true)), vertx.getOrCreateContext());
  }

  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
