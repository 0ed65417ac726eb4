package vn.tracegate.checkin.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.checkin.schema.Replication;
import vn.tracegate.checkin.schema.SchemaMigrator;
import vn.tracegate.checkin.store.CassandraSettings;

/**
 * The real Cassandra that ./tracegate starts (env TRACEGATE_CASSANDRA_CONTACT_POINTS, default
 * 127.0.0.1:9042), keyspace tracegate_test migrated once per test JVM, and a Vert.x instance.
 * Tests use their own random ids, so they share both.
 */
public final class CassandraFixture {

  static final String KEYSPACE = "tracegate_test";
  private static CqlSession session;
  private static Vertx vertx;

  private CassandraFixture() {
  }

  public static synchronized CqlSession session() throws Exception {
    if (session == null) {
      CassandraSettings settings = settings();
      try (CqlSession unbound = settings.open(false).toCompletableFuture().get(60, TimeUnit.SECONDS)) {
        new SchemaMigrator(unbound, KEYSPACE, settings.replication(), Duration.ofDays(21))
            .migrate().toCompletableFuture().join();
      }
      session = openSession();
      Runtime.getRuntime().addShutdownHook(new Thread(session::close));
    }
    return session;
  }

  /** Another session on the migrated keyspace, for a test that closes it. */
  public static CqlSession openSession() throws Exception {
    return settings().open(true).toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** How the fixture reaches the test keyspace. */
  public static CassandraSettings settings() {
    return new CassandraSettings(
        CassandraSettings.parseContactPoints(env("TRACEGATE_CASSANDRA_CONTACT_POINTS", "127.0.0.1:9042")),
        env("TRACEGATE_CASSANDRA_DATACENTER", "datacenter1"),
        KEYSPACE,
        Replication.parse("SimpleStrategy:1"),
        DefaultConsistencyLevel.LOCAL_QUORUM,
        Duration.ofSeconds(10));
  }

  public static synchronized Vertx vertx() {
    if (vertx == null) {
      vertx = Vertx.vertx();
    }
    return vertx;
  }

  /** A registered enterprise with a fresh id. */
  static String enterprise(Registry registry) throws Exception {
    String id = "e-" + UUID.randomUUID().toString().substring(0, 13);
    await(registry.createEnterprise(Enterprise.of(id, "Doanh nghiệp " + id)));
    return id;
  }

  static Row row(String cql, Object... values) throws Exception {
    List<Row> rows = rows(cql, values);
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  static List<Row> rows(String cql, Object... values) throws Exception {
    return session().execute(SimpleStatement.newInstance(cql, values)).all();
  }

  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  public static Rejection rejection(Future<?> future) throws Exception {
    try {
      Object value = await(future);
      throw new AssertionError("expected a rejection, got " + value);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(Rejection.class);
      return (Rejection) e.getCause();
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
