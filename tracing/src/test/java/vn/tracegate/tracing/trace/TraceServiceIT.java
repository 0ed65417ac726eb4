package vn.tracegate.tracing.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tracegate.checkin.registry.CheckpointKind.BUS;
import static vn.tracegate.checkin.registry.CheckpointKind.WORKSHOP;
import static vn.tracegate.tracing.Scans.t;
import static vn.tracegate.tracing.TestCassandra.await;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.tracing.Scans;
import vn.tracegate.tracing.TestCassandra;
import vn.tracegate.tracing.exposure.ExposurePolicy;
import vn.tracegate.tracing.graph.TraceNode;
import vn.tracegate.tracing.graph.TraceRequest;
import vn.tracegate.tracing.graph.Tracer;
import vn.tracegate.tracing.status.ExposureLevel;
import vn.tracegate.tracing.status.ExposureStatus;
import vn.tracegate.tracing.status.WorkerStatusStore;
import vn.tracegate.checkin.visits.DwellPolicy;
import vn.tracegate.tracing.visitlog.CassandraVisitSource;
class TraceServiceIT {

  private static final Instant NOW = Instant.parse("2021-07-16T03:00:00Z");
  private static TestCassandra cassandra;
  private static TraceService service;
  private static TraceStore traces;
  private static WorkerStatusStore statuses;

  @BeforeAll
  static void connect() throws Exception {
    cassandra = TestCassandra.get();
    CassandraVisitSource source = await(CassandraVisitSource.create(cassandra.vertx, cassandra.session, 64));
    traces = await(TraceStore.create(cassandra.vertx, cassandra.session));
    statuses = await(WorkerStatusStore.create(cassandra.vertx, cassandra.session));
    Tracer tracer = new Tracer(cassandra.vertx, source, DwellPolicy.defaults(), ExposurePolicy.defaults());
    service = new TraceService(tracer, traces, statuses, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void aTraceIsStoredWithItsAuditFieldsAndRaisesEveryonesStatus() throws Exception {
    String run = TestCassandra.run();
    cassandra.append(TestCassandra.prefixed(run, new Scans()
        .stay("f0", "bus-1", BUS, "2021-07-15 07:00", "2021-07-15 07:05")
        .stay("a", "bus-1", BUS, "2021-07-15 07:00", "2021-07-15 07:05")
        .stay("a", "ws-1", WORKSHOP, "2021-07-15 08:00", "2021-07-15 12:00")
        .stay("b", "ws-1", WORKSHOP, "2021-07-15 11:00", "2021-07-15 12:00")
        .visits()));
    TraceRequest request = TraceRequest.of(run + "f0", t("2021-07-14 00:00"), t("2021-07-16 00:00"), 2, 20);

    SavedTrace saved = await(service.trace(request, "health-officer-7", "xét nghiệm dương tính 16/7"));

    assertThat(saved.graph().levels()).containsOnlyKeys(run + "f0", run + "a", run + "b");
    SavedTrace loaded = await(service.find(saved.id()));
    assertThat(loaded).isEqualTo(saved);
    assertThat(loaded.request().minOverlapMinutes()).isEqualTo(20);
    assertThat(loaded.createdAt()).isEqualTo(NOW);
    assertThat(loaded.reason()).isEqualTo("xét nghiệm dương tính 16/7");
    assertThat(await(statuses.find(run + "f0")))
        .isEqualTo(new ExposureStatus(run + "f0", ExposureLevel.F0, t("2021-07-14 00:00"), saved.id()));
    assertThat(await(statuses.find(run + "b")))
        .isEqualTo(new ExposureStatus(run + "b", ExposureLevel.F2, t("2021-07-15 11:00"), saved.id()));
    assertThat(saved.toJson().getString("id")).isEqualTo(saved.id().toString());
  }

  @Test
  void aSecondTraceDoesNotLowerAStatus() throws Exception {
    String run = TestCassandra.run();
    cassandra.append(TestCassandra.prefixed(run, new Scans()
        .stay("f0", "bus-1", BUS, "2021-07-15 07:00", "2021-07-15 07:05")
        .stay("a", "bus-1", BUS, "2021-07-15 07:00", "2021-07-15 07:05")
        .stay("a", "ws-1", WORKSHOP, "2021-07-15 08:00", "2021-07-15 12:00")
        .stay("f0", "ws-1", WORKSHOP, "2021-07-15 11:00", "2021-07-15 12:00")
        .visits()));
    TraceRequest first = TraceRequest.of(run + "f0", t("2021-07-15 00:00"), t("2021-07-16 00:00"), 1, null);
    SavedTrace one = await(service.trace(first, "safety-ent-A", "ca dương tính"));
    // a is traced as an F0 later; then f0 traced again: f0 stays F0, a stays F0.
    await(service.trace(TraceRequest.of(run + "a", first.from(), first.to(), 1, null), "safety-ent-A", ""));
    await(service.trace(first, "safety-ent-A", ""));
    assertThat(await(statuses.find(run + "a")).level()).isEqualTo(ExposureLevel.F0);
    assertThat(await(statuses.find(run + "f0")))
        .isEqualTo(new ExposureStatus(run + "f0", ExposureLevel.F0, first.from(), one.id()));
    assertThat(one.graph().node(run + "a").orElseThrow())
        .isEqualTo(new TraceNode(run + "a", 1, t("2021-07-15 07:00"), run + "f0"));
  }

  @Test
  void anUnknownTraceIdIsNotFound() {
    UUID id = UUID.randomUUID();
    assertThat(service.find(id).toCompletionStage().toCompletableFuture())
        .failsWithin(java.time.Duration.ofSeconds(30))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .havingCause()
        .isInstanceOfSatisfying(Rejection.class, r -> {
          assertThat(r.kind()).isEqualTo(Rejection.Kind.NOT_FOUND);
          assertThat(r.getMessage()).isEqualTo("trace '" + id + "' does not exist");
        });
  }
}
