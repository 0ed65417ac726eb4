package vn.tracegate.tracing.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tracegate.tracing.TestCassandra.await;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.registry.CheckpointKind;
import vn.tracegate.checkin.store.RedisLink;
import vn.tracegate.checkin.visits.DwellPolicy;
import vn.tracegate.checkin.visits.ScanAction;
import vn.tracegate.checkin.visits.Visit;
import vn.tracegate.checkin.visits.VisitFeed;
import vn.tracegate.tracing.TestCassandra;
import vn.tracegate.tracing.exposure.ExposurePolicy;
import vn.tracegate.tracing.index.TraceIndex;
import vn.tracegate.tracing.visitlog.CassandraVisitSource;

/**
 * The in-memory trace index against the real Redis and Cassandra: loaded from the visit log,
 * kept current through the visit feed, it gives the same graphs as the visit log and the brute
 * force; a scan published just before a trace is in it; an epoch change sends traces back to
 * Cassandra until the index is reloaded.
 */
class TraceIndexIT {

  static TestCassandra cassandra;
  static RedisLink redis;
  static CassandraVisitSource log;
  static VisitFeed feed;
  static TraceIndex index;
  static final Set<String> checkpoints = new LinkedHashSet<>();
  static final String run = TestCassandra.run();
  static final List<Visit> loaded = new ArrayList<>();
  /** The random park moved from July 2021 to the last four days, so that it falls in the index's days. */
  static final Duration shift = Duration.between(Instant.parse("2021-07-01T00:00:00Z"),
      LocalDate.now(ZoneOffset.UTC).minusDays(4).atStartOfDay(ZoneOffset.UTC).toInstant());

  @BeforeAll
  static void start() throws Exception {
    cassandra = TestCassandra.get();
    redis = new RedisLink(cassandra.vertx, System.getenv().getOrDefault("TRACEGATE_REDIS_URI", "redis://127.0.0.1:6379"),
        Duration.ofSeconds(2), 10_000);
    await(redis.start());
    log = await(CassandraVisitSource.create(cassandra.vertx, cassandra.session, 64));
    feed = new VisitFeed(cassandra.vertx, redis, 100_000, 1_000).start();
    for (Visit v : TestCassandra.prefixed(run, TracerAgainstBruteForceTest.randomPark(new Random(11), 80, 3))) {
      loaded.add(moved(v));
      checkpoints.add(run + v.checkpointId().substring(run.length()));
    }
    // The first two days are in Cassandra before the index starts (loaded); the rest arrives
    // through the feed as the scan path sends it (Cassandra first, then the feed).
    Instant split = loaded.get(0).at().truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofDays(2));
    List<Visit> before = loaded.stream().filter(v -> v.at().isBefore(split)).toList();
    List<Visit> after = loaded.stream().filter(v -> !v.at().isBefore(split)).toList();
    assertThat(before).isNotEmpty();
    assertThat(after).isNotEmpty();
    cassandra.append(before);
    index = new TraceIndex(cassandra.vertx, redis, log, () -> Future.succeededFuture(List.copyOf(checkpoints)), 7,
        Long.MAX_VALUE, Clock.systemUTC()).start();
    waitReady(index);
    cassandra.append(after);
    for (Visit v : after) {
      await(feed.publish(v));
    }
  }

  static void waitReady(TraceIndex index) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!index.ready() && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertThat(index.ready()).as("index loaded and following").isTrue();
  }

  @AfterAll
  static void stop() {
    if (index != null) {
      index.close();
    }
    feed.stop();
    redis.close();
  }

  static Visit moved(Visit v) {
    return new Visit(v.scanId(), v.workerId(), v.checkpointId(), v.kind(), v.action(), v.at().plus(shift),
        v.receivedAt().plus(shift), v.deviceId(), v.contentHash());
  }

  TraceRequest request(String f0) {
    Instant from = Instant.parse("2021-07-02T06:00:00Z").plus(shift);
    return new TraceRequest(f0, from, from.plus(Duration.ofHours(60)), 3, null);
  }

  @Test
  void tracesFromTheIndexEqualTracesFromTheVisitLogAndTheBruteForce() throws Exception {
    Tracer fromIndex = new Tracer(cassandra.vertx, index::forTrace, DwellPolicy.defaults(), ExposurePolicy.defaults(),
        Tracer.DEFAULT_OFFLOAD_ABOVE);
    Tracer fromLog = new Tracer(cassandra.vertx, log, DwellPolicy.defaults(), ExposurePolicy.defaults());
    long indexedBefore = index.indexedTraces();
    int deep = 0;
    for (int w = 0; w < 10; w++) {
      TraceRequest r = request(run + "w" + w);
      TraceGraph memory = await(fromIndex.trace(r));
      assertThat(memory).isEqualTo(await(fromLog.trace(r)));
      assertThat(memory).isEqualTo(TracerAgainstBruteForceTest.bruteForce(loaded, r.f0WorkerId(), r.from(), r.to(), 3));
      deep += memory.levels().containsValue(2) ? 1 : 0;
    }
    assertThat(deep).as("traces that reach F2").isPositive();
    assertThat(index.indexedTraces() - indexedBefore).as("answered from memory").isEqualTo(10);
  }

  @Test
  void aScanPublishedJustBeforeATraceIsInIt() throws Exception {
    Instant at = Instant.parse("2021-07-03T10:00:00Z").plus(shift);
    String bus = run + "late-bus";
    List<Visit> ride = List.of(
        scan(run + "f0x", bus, ScanAction.IN, at), scan(run + "f0x", bus, ScanAction.OUT, at.plusSeconds(600)),
        scan(run + "rider", bus, ScanAction.IN, at.plusSeconds(60)),
        scan(run + "rider", bus, ScanAction.OUT, at.plusSeconds(300)));
    cassandra.append(ride);
    for (Visit v : ride) {
      await(feed.publish(v));
    }
    Tracer fromIndex = new Tracer(cassandra.vertx, index::forTrace, DwellPolicy.defaults(), ExposurePolicy.defaults(),
        Tracer.DEFAULT_OFFLOAD_ABOVE);
    TraceGraph g = await(fromIndex.trace(new TraceRequest(run + "f0x", at.minusSeconds(3600), at.plusSeconds(3600),
        1, null)));
    assertThat(g.levels()).containsEntry(run + "rider", 1);
  }

  @Test
  void aSteadyTrickleOfScansIsReadInBatchesNotOneReadAScan() throws Exception {
    long sizeBefore = index.size();
    long readsBefore = index.feedReads();
    long start = System.nanoTime();
    Instant at = Instant.parse("2021-07-04T08:00:00Z").plus(shift);
    for (int i = 0; i < 200; i++) {
      // One scan every 2 ms or so, like a gate at a few hundred scans a second.
      await(feed.publish(scan(run + "trickle" + i, run + "gate-t", ScanAction.IN, at.plusSeconds(i))));
      Thread.sleep(2);
    }
    long deadline = System.currentTimeMillis() + 10_000;
    while (index.size() < sizeBefore + 200 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(index.size()).as("every scan reached the index").isEqualTo(sizeBefore + 200);
    long reads = index.feedReads() - readsBefore;
    assertThat(reads).as("reads for 200 scans over %d ms (one a scan without the pause)", millis)
        .isLessThanOrEqualTo(millis / TraceIndex.FOLLOW_PAUSE_MS + 3);
  }

  @Test
  void anEpochChangeSendsTracesToTheVisitLogUntilTheIndexIsReloaded() throws Exception {
    long reloads = index.reloads();
    long fromLog = index.fallbackTraces();
    await(Future.fromCompletionStage(redis.commands().set(VisitFeed.EPOCH, UUID.randomUUID().toString())));
    Tracer fromIndex = new Tracer(cassandra.vertx, index::forTrace, DwellPolicy.defaults(), ExposurePolicy.defaults(),
        Tracer.DEFAULT_OFFLOAD_ABOVE);
    TraceRequest r = request(run + "w1");
    TraceGraph during = await(fromIndex.trace(r));
    assertThat(index.fallbackTraces()).isEqualTo(fromLog + 1);
    assertThat(index.reloads()).isEqualTo(reloads + 1);
    assertThat(during).isEqualTo(TracerAgainstBruteForceTest.bruteForce(loaded, r.f0WorkerId(), r.from(), r.to(), 3));
    waitReady(index);
    long indexed = index.indexedTraces();
    assertThat(await(fromIndex.trace(r))).isEqualTo(during);
    assertThat(index.indexedTraces()).isEqualTo(indexed + 1);
  }

  @Test
  void anIndexTooSmallForEveryDayHoldsTheNewestAndReadsTheRestFromCassandra() throws Exception {
    LocalDate newest = loaded.stream().map(v -> v.at().atZone(ZoneOffset.UTC).toLocalDate())
        .max(LocalDate::compareTo).orElseThrow();
    long onNewest = loaded.stream().filter(v -> v.at().atZone(ZoneOffset.UTC).toLocalDate().equals(newest)).count();
    TraceIndex small = new TraceIndex(cassandra.vertx, redis, log, () -> Future.succeededFuture(List.copyOf(checkpoints)),
        7, onNewest + 10, Clock.systemUTC()).start();
    try {
      waitReady(small);
      assertThat(small.size()).as("only the newest day of the park (and scans of other tests)")
          .isBetween(onNewest, onNewest + 10);
      Tracer tracer = new Tracer(cassandra.vertx, small::forTrace, DwellPolicy.defaults(), ExposurePolicy.defaults(),
          Tracer.DEFAULT_OFFLOAD_ABOVE);
      for (int w = 0; w < 5; w++) {
        TraceRequest r = request(run + "w" + w);
        assertThat(await(tracer.trace(r)))
            .isEqualTo(TracerAgainstBruteForceTest.bruteForce(loaded, r.f0WorkerId(), r.from(), r.to(), 3));
      }
      assertThat(small.indexedTraces()).isEqualTo(5);
    } finally {
      small.close();
    }
  }

  static Visit scan(String worker, String checkpoint, ScanAction action, Instant at) {
    return new Visit(UUID.randomUUID(), worker, checkpoint, CheckpointKind.BUS, action, at, at, null, "");
  }
}
