package vn.tracegate.checkin.visits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.registry.CassandraFixture;
import vn.tracegate.checkin.registry.CheckpointKind;
import vn.tracegate.checkin.store.LoopSessions;

/** The visit log against the real Cassandra: every appended scan is in both tables, grouped or not. */
class VisitLogIT {

  private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(1, ChronoUnit.HOURS);

  @Test
  void scansAppendedAtOnceAreGroupedAndEveryOneIsStoredInBothTables() throws Exception {
    CqlSession session = CassandraFixture.session();
    Vertx vertx = CassandraFixture.vertx();
    VisitLog log = new VisitLog(vertx, session, new VisitLog.Grouping(2, 5));
    String checkpoint = "cp-" + UUID.randomUUID();
    List<Visit> visits = new ArrayList<>();
    List<Future<Void>> written = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Visit v = visit("w-" + UUID.randomUUID(), checkpoint, AT.plusMillis(i));
      visits.add(v);
    }
    // Appended from an event loop, as the gateway does.
    Promise<Void> queued = Promise.promise();
    vertx.runOnContext(x -> {
      visits.forEach(v -> written.add(log.append(v)));
      queued.complete();
    });
    CassandraFixture.await(queued.future());
    CassandraFixture.await(Future.all(written));

    assertThat(log.scans()).isEqualTo(300);
    assertThat(log.requests()).as("scans queued behind 2 outstanding writes leave in groups of up to 5")
        .isLessThan(300).isGreaterThanOrEqualTo(60);
    Set<UUID> byCheckpoint = new HashSet<>();
    for (Row r : session.execute(SimpleStatement.newInstance(
        "SELECT scan_id, worker_id FROM visits_by_checkpoint WHERE checkpoint_id = ? AND day = ?", checkpoint,
        DayBucket.of(AT))).all()) {
      byCheckpoint.add(r.getUuid("scan_id"));
    }
    assertThat(byCheckpoint).containsExactlyInAnyOrderElementsOf(visits.stream().map(Visit::scanId).toList());
    for (Visit v : visits.subList(0, 20)) {
      Row r = session.execute(SimpleStatement.newInstance("SELECT checkpoint_id, kind, action, content_hash FROM"
          + " visits_by_worker WHERE worker_id = ? AND day = ?", v.workerId(), DayBucket.of(v.at()))).one();
      assertThat(r).isNotNull();
      assertThat(r.getString("checkpoint_id")).isEqualTo(checkpoint);
      assertThat(r.getString("action")).isEqualTo("IN");
      assertThat(r.getString("content_hash")).isEqualTo(v.contentHash());
    }
  }

  /** The gateway's two transports (net.transport): the driver's sockets follow the loops'. */
  static List<Transport> transports() {
    return List.of(Transport.EPOLL, Transport.NIO);
  }

  @ParameterizedTest
  @MethodSource("transports")
  void onEveryEventLoopScansGoThroughThatLoopsOwnSessionAnsweredOnItsThreadAndAreStored(Transport transport)
      throws Exception {
    CqlSession shared = CassandraFixture.session();
    Vertx vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(3)).withTransport(transport).build();
    assertThat(vertx.isNativeTransportEnabled()).isEqualTo(transport == Transport.EPOLL);
    try {
      LoopSessions sessions = CassandraFixture.await(LoopSessions.open(vertx, CassandraFixture.settings(), shared));
      assertThat(sessions.all()).hasSize(4).doesNotHaveDuplicates().startsWith(shared);
      // Off the loops (this test thread), the shared session.
      assertThat(sessions.current()).isZero();
      VisitLog log = new VisitLog(vertx, sessions, new VisitLog.Grouping(2, 5));
      String checkpoint = "cp-" + UUID.randomUUID();
      List<Visit> visits = Collections.synchronizedList(new ArrayList<>());
      List<Future<Void>> written = Collections.synchronizedList(new ArrayList<>());
      Set<Integer> used = ConcurrentHashMap.newKeySet();
      List<Future<String>> answeredOn = Collections.synchronizedList(new ArrayList<>());
      // Six verticle instances, each on the next event loop: the three loops twice, appending at once.
      CassandraFixture.await(vertx.deployVerticle(() -> new VerticleBase() {
        @Override
        public Future<?> start() {
          int index = sessions.current();
          String thread = Thread.currentThread().getName();
          used.add(index);
          answeredOn.add(Future.fromCompletionStage(sessions.all().get(index)
              .executeAsync("SELECT release_version FROM system.local")
              .thenApply(rs -> thread + " -> " + Thread.currentThread().getName())));
          for (int i = 0; i < 50; i++) {
            Visit v = visit("w-" + UUID.randomUUID(), checkpoint, AT.plusMillis(i));
            visits.add(v);
            written.add(log.append(v));
          }
          return Future.succeededFuture();
        }
      }, new DeploymentOptions().setInstances(6)));
      CassandraFixture.await(Future.all(written));

      assertThat(used).as("each loop picked its own session").containsExactlyInAnyOrder(1, 2, 3);
      assertThat(CassandraFixture.await(Future.all(answeredOn)).<String>list()).hasSize(6).allSatisfy(hop -> {
        String[] threads = hop.split(" -> ");
        assertThat(threads[1]).as("answered on the sending loop's thread").isEqualTo(threads[0]);
      });
      assertThat(CassandraFixture.session().execute(SimpleStatement.newInstance(
          "SELECT count(*) FROM visits_by_checkpoint WHERE checkpoint_id = ? AND day = ?", checkpoint,
          DayBucket.of(AT))).one().getLong(0)).isEqualTo(300);
      CassandraFixture.await(sessions.close());
      assertThat(sessions.all().subList(1, 4)).allMatch(CqlSession::isClosed);
      assertThat(shared.isClosed()).as("the shared session is its owner's to close").isFalse();
    } finally {
      CassandraFixture.await(vertx.close());
    }
  }

  @Test
  void aRetriedScanRewritesTheSameRowsAndAScanAcrossMidnightGoesToItsOwnDay() throws Exception {
    CqlSession session = CassandraFixture.session();
    VisitLog log = new VisitLog(CassandraFixture.vertx(), session);
    String checkpoint = "cp-" + UUID.randomUUID();
    Instant beforeMidnight = LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)
        .minusSeconds(30);
    Visit late = visit("w-" + UUID.randomUUID(), checkpoint, beforeMidnight);
    Visit early = visit(late.workerId(), checkpoint, beforeMidnight.plusSeconds(60));
    CassandraFixture.await(Future.all(log.append(late), log.append(early), log.append(late)));

    long previousDay = session.execute(SimpleStatement.newInstance("SELECT count(*) FROM visits_by_worker WHERE"
        + " worker_id = ? AND day = ?", late.workerId(), DayBucket.of(late.at()))).one().getLong(0);
    long nextDay = session.execute(SimpleStatement.newInstance("SELECT count(*) FROM visits_by_checkpoint WHERE"
        + " checkpoint_id = ? AND day = ?", checkpoint, DayBucket.of(early.at()))).one().getLong(0);
    assertThat(DayBucket.of(late.at())).isNotEqualTo(DayBucket.of(early.at()));
    assertThat(previousDay).isEqualTo(1);
    assertThat(nextDay).isEqualTo(1);
  }

  @Test
  void withALingerScansArrivingOneByOneShareAWriteAndAFullGroupLeavesAtOnce() throws Exception {
    CqlSession session = CassandraFixture.session();
    Vertx vertx = CassandraFixture.vertx();
    VisitLog log = new VisitLog(vertx, session, new VisitLog.Grouping(16, 5, 200));
    String checkpoint = "cp-" + UUID.randomUUID();
    List<Visit> visits = new ArrayList<>();
    for (int i = 0; i < 13; i++) {
      visits.add(visit("w-" + UUID.randomUUID(), checkpoint, AT.plusMillis(i)));
    }
    List<Future<Void>> written = new ArrayList<>();
    Promise<Void> queued = Promise.promise();
    long start = System.nanoTime();
    vertx.runOnContext(x -> {
      visits.forEach(v -> written.add(log.append(v)));
      queued.complete();
    });
    CassandraFixture.await(queued.future());
    // Two full groups of 5 leave at once; the last 3 wait out the linger, then leave together.
    CassandraFixture.await(Future.all(written.subList(0, 10)));
    long fullGroupsMs = (System.nanoTime() - start) / 1_000_000;
    CassandraFixture.await(Future.all(written));
    long allMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(log.requests()).isEqualTo(3);
    assertThat(log.scans()).isEqualTo(13);
    assertThat(allMs).as("the last group waited the 200 ms linger").isGreaterThanOrEqualTo(200);
    assertThat(fullGroupsMs).as("full groups did not wait for the linger (%d ms)", fullGroupsMs).isLessThan(allMs);
    assertThat(session.execute(SimpleStatement.newInstance(
        "SELECT count(*) FROM visits_by_checkpoint WHERE checkpoint_id = ? AND day = ?", checkpoint,
        DayBucket.of(AT))).one().getLong(0)).isEqualTo(13);

    // Idle again: one scan alone still leaves after the linger, and is stored.
    Visit alone = visit("w-" + UUID.randomUUID(), checkpoint, AT.plusSeconds(1));
    CassandraFixture.await(log.append(alone));
    assertThat(log.requests()).isEqualTo(4);
    assertThat(session.execute(SimpleStatement.newInstance("SELECT count(*) FROM visits_by_worker WHERE"
        + " worker_id = ? AND day = ?", alone.workerId(), DayBucket.of(alone.at()))).one().getLong(0)).isEqualTo(1);
  }

  @Test
  void aClosedSessionFailsTheScanInsteadOfAcknowledgingIt() throws Exception {
    CqlSession closed = CassandraFixture.openSession();
    VisitLog log = new VisitLog(CassandraFixture.vertx(), closed, new VisitLog.Grouping(1, 5));
    closed.close();
    Visit v = visit("w-" + UUID.randomUUID(), "cp-" + UUID.randomUUID(), AT);
    List<Future<Void>> attempts = List.of(log.append(v), log.append(v), log.append(v));
    for (Future<Void> attempt : attempts) {
      assertThatThrownBy(() -> CassandraFixture.await(attempt)).isInstanceOf(ExecutionException.class);
    }
    // The slot is released: the log still takes (and fails) scans rather than queueing them forever.
    assertThatThrownBy(() -> CassandraFixture.await(log.append(v))).isInstanceOf(ExecutionException.class);
    assertThat(CassandraFixture.session().execute(SimpleStatement.newInstance(
        "SELECT count(*) FROM visits_by_worker WHERE worker_id = ? AND day = ?", v.workerId(), DayBucket.of(AT)))
        .one().getLong(0)).isZero();
  }

  private static Visit visit(String worker, String checkpoint, Instant at) {
    return new Visit(UUID.randomUUID(), worker, checkpoint, CheckpointKind.WORKSHOP, ScanAction.IN, at,
        Instant.now(), "dev-1", "h-" + UUID.randomUUID());
  }
}
