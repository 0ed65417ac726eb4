package vn.tracegate.tracing.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tracegate.checkin.registry.CheckpointKind.BUS;
import static vn.tracegate.checkin.registry.CheckpointKind.CANTEEN;
import static vn.tracegate.checkin.registry.CheckpointKind.DORMITORY;
import static vn.tracegate.checkin.registry.CheckpointKind.GATE;
import static vn.tracegate.checkin.registry.CheckpointKind.WORKSHOP;
import static vn.tracegate.tracing.Scans.t;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.registry.CheckpointKind;
import vn.tracegate.checkin.visits.Visit;
import vn.tracegate.tracing.index.IndexTracer;
import vn.tracegate.tracing.index.VisitIndex;
import vn.tracegate.tracing.Scans;
import vn.tracegate.tracing.exposure.ExposurePolicy;
import vn.tracegate.checkin.visits.DwellPolicy;

/** Known answers, worked out by hand: each asserts the exact levels and the exact contacts. */
class TracerTest {

  private static final String DAY = "2021-07-15 00:00";
  private static final String NEXT_DAY = "2021-07-16 00:00";

  /** The level-by-level tracer's graph, checked to be the same as the index's ({@link #onIndex}). */
  static TraceGraph trace(Scans scans, ExposurePolicy policy, String from, String to, int depth) throws Exception {
    Tracer tracer = new Tracer(null, new InMemoryVisitSource(scans.visits()), DwellPolicy.defaults(), policy);
    TraceRequest request = TraceRequest.of("f0", t(from), t(to), depth, null);
    TraceGraph graph = await(tracer.trace(request));
    assertThat(onIndex(scans.visits(), request, policy)).as("the same graph from the index's columns").isEqualTo(graph);
    return graph;
  }

  /** The graph computed on the in-memory index's columns ({@link IndexTracer}) over these scans. */
  static TraceGraph onIndex(List<Visit> visits, TraceRequest request, ExposurePolicy policy) {
    VisitIndex index = new VisitIndex(LocalDate.of(2000, 1, 1));
    index.add(visits);
    TraceGraph graph = IndexTracer.trace(index, request, DwellPolicy.defaults(),
        policy.withRoomMinOverlap(request.minOverlapMinutes()));
    assertThat(graph).as("the index holds every day, so it answers").isNotNull();
    return graph;
  }

  static TraceGraph trace(Scans scans, int depth) throws Exception {
    return trace(scans, ExposurePolicy.defaults(), DAY, NEXT_DAY, depth);
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static TraceEdge edge(String from, String to, String cp, CheckpointKind kind, String start, String end, long min) {
    return new TraceEdge(from, to, cp, kind, t(start), t(end), min);
  }

  @Test
  void aSharedBusTripOfFiveMinutesMakesAnF1() throws Exception {
    Scans s = new Scans()
        .stay("f0", "bus-1", BUS, "2021-07-15 07:00", "2021-07-15 07:05")
        .stay("a", "bus-1", BUS, "2021-07-15 07:00", "2021-07-15 07:05")
        .stay("b", "bus-1", BUS, "2021-07-15 07:05", "2021-07-15 07:30")
        .stay("c", "bus-2", BUS, "2021-07-15 07:00", "2021-07-15 07:05");
    TraceGraph g = trace(s, 1);
    assertThat(g.levels()).containsExactlyInAnyOrderEntriesOf(Map.of("f0", 0, "a", 1));
    assertThat(g.edges()).containsExactly(
        edge("f0", "a", "bus-1", BUS, "2021-07-15 07:00", "2021-07-15 07:05", 5));
    assertThat(g.node("a").orElseThrow())
        .isEqualTo(new TraceNode("a", 1, t("2021-07-15 07:00"), "f0"));
  }

  @Test
  void fourteenMinutesInOneWorkshopIsNotAnF1ButFifteenIs() throws Exception {
    Scans s = new Scans()
        .stay("f0", "ws-1", WORKSHOP, "2021-07-15 08:00", "2021-07-15 12:00")
        .stay("a", "ws-1", WORKSHOP, "2021-07-15 11:46", "2021-07-15 13:00")
        .stay("b", "ws-1", WORKSHOP, "2021-07-15 11:45", "2021-07-15 13:00");
    TraceGraph g = trace(s, 1);
    assertThat(g.levels()).containsExactlyInAnyOrderEntriesOf(Map.of("f0", 0, "b", 1));
    assertThat(g.edges()).containsExactly(
        edge("f0", "b", "ws-1", WORKSHOP, "2021-07-15 11:45", "2021-07-15 12:00", 15));
  }

  @Test
  void aRequestMinOverlapOfZeroMakesTheFourteenMinutesCount() throws Exception {
    Scans s = new Scans()
        .stay("f0", "ws-1", WORKSHOP, "2021-07-15 08:00", "2021-07-15 12:00")
        .stay("a", "ws-1", WORKSHOP, "2021-07-15 11:46", "2021-07-15 13:00");
    Tracer tracer = new Tracer(null, new InMemoryVisitSource(s.visits()), DwellPolicy.defaults(),
        ExposurePolicy.defaults());
    TraceRequest request = TraceRequest.of("f0", t(DAY), t(NEXT_DAY), 1, 0);
    TraceGraph g = await(tracer.trace(request));
    assertThat(g.levels()).containsExactlyInAnyOrderEntriesOf(Map.of("f0", 0, "a", 1));
    assertThat(onIndex(s.visits(), request, ExposurePolicy.defaults())).isEqualTo(g);
  }

  @Test
  void passingTheGateInTheSameMinuteExposesNobodyUnlessGatesAreMadeExposing() throws Exception {
    Scans s = new Scans()
        .in("f0", "gate-a", GATE, "2021-07-15 07:00:00")
        .in("a", "gate-a", GATE, "2021-07-15 07:00:20")
        .in("f0", "ws-1", WORKSHOP, "2021-07-15 07:05")
        .in("a", "ws-2", WORKSHOP, "2021-07-15 07:05")
        .out("f0", "gate-a", GATE, "2021-07-15 17:00:00")
        .out("a", "gate-a", GATE, "2021-07-15 17:00:10");
    assertThat(trace(s, 1).levels()).containsExactlyInAnyOrderEntriesOf(Map.of("f0", 0));

    TraceGraph withGates = trace(s, ExposurePolicy.defaults().withGateExposes(true), DAY, NEXT_DAY, 1);
    assertThat(withGates.levels()).containsExactlyInAnyOrderEntriesOf(Map.of("f0", 0, "a", 1));
    assertThat(withGates.edges()).containsExactly(
        edge("f0", "a", "gate-a", GATE, "2021-07-15 07:00:20", "2021-07-15 07:01", 1),
        edge("f0", "a", "gate-a", GATE, "2021-07-15 17:00:10", "2021-07-15 17:01", 1));
  }

  @Test
  void aNightShiftFrom22To6CountsOnBothSidesOfMidnight() throws Exception {
    Scans s = new Scans()
        .stay("f0", "ws-night", WORKSHOP, "2021-07-15 22:00", "2021-07-16 06:00")
        .stay("a", "ws-night", WORKSHOP, "2021-07-15 22:00", "2021-07-16 06:00");
    TraceGraph both = trace(s, ExposurePolicy.defaults(), "2021-07-15 00:00", "2021-07-17 00:00", 1);
    assertThat(both.levels()).containsExactlyInAnyOrderEntriesOf(Map.of("f0", 0, "a", 1));
    assertThat(both.edges()).containsExactly(
        edge("f0", "a", "ws-night", WORKSHOP, "2021-07-15 22:00", "2021-07-16 06:00", 480));

    // A window that starts at midnight still sees the IN of 22:00, and clips the stay to itself.
    TraceGraph secondDay = trace(s, ExposurePolicy.defaults(), "2021-07-16 00:00", "2021-07-17 00:00", 1);
    assertThat(secondDay.edges()).containsExactly(
        edge("f0", "a", "ws-night", WORKSHOP, "2021-07-16 00:00", "2021-07-16 06:00", 360));
    assertThat(secondDay.node("a").orElseThrow().firstExposureAt()).isEqualTo(t("2021-07-16 00:00"));
  }

  @Test
  void aMissingOutIsClosedByTheMaxDwellOfTheKind() throws Exception {
    Scans s = new Scans()
        .in("f0", "can-1", CANTEEN, "2021-07-15 11:00")
        .in("f0", "ws-1", WORKSHOP, "2021-07-15 13:00")
        .stay("a", "can-1", CANTEEN, "2021-07-15 11:30", "2021-07-15 12:30")
        .stay("b", "can-1", CANTEEN, "2021-07-15 12:01", "2021-07-15 12:30");
    TraceGraph g = trace(s, 1);
    assertThat(g.levels()).containsExactlyInAnyOrderEntriesOf(Map.of("f0", 0, "a", 1));
    assertThat(g.edges()).containsExactly(
        edge("f0", "a", "can-1", CANTEEN, "2021-07-15 11:30", "2021-07-15 12:00", 30));
  }

  @Test
  void anInElsewhereClosesAStayOfTheF0AndOfACandidate() throws Exception {
    Scans s = new Scans()
        .in("f0", "ws-1", WORKSHOP, "2021-07-15 08:00")
        .in("f0", "can-1", CANTEEN, "2021-07-15 11:00")
        .out("f0", "can-1", CANTEEN, "2021-07-15 11:30")
        .stay("a", "ws-1", WORKSHOP, "2021-07-15 10:30", "2021-07-15 14:00")
        .stay("b", "ws-1", WORKSHOP, "2021-07-15 10:50", "2021-07-15 14:00")
        // c's ws-1 partition alone shows 07:00 to 17:00; its IN at ws-2 ends that stay at 08:10.
        .in("c", "ws-1", WORKSHOP, "2021-07-15 07:00")
        .in("c", "ws-2", WORKSHOP, "2021-07-15 08:10")
        .out("c", "ws-2", WORKSHOP, "2021-07-15 16:00");
    TraceGraph g = trace(s, 1);
    assertThat(g.levels()).containsExactlyInAnyOrderEntriesOf(Map.of("f0", 0, "a", 1));
    assertThat(g.edges()).containsExactly(
        edge("f0", "a", "ws-1", WORKSHOP, "2021-07-15 10:30", "2021-07-15 11:00", 30));
  }

  @Test
  void anF2CountsOnlyContactsAfterTheF1WasExposedEvenWithinOneStay() throws Exception {
    Scans s = new Scans()
        .stay("f0", "ws-1", WORKSHOP, "2021-07-15 10:00", "2021-07-15 12:00")
        .stay("a", "ws-1", WORKSHOP, "2021-07-15 08:00", "2021-07-15 17:00")
        .stay("b", "ws-1", WORKSHOP, "2021-07-15 08:00", "2021-07-15 09:30")
        .stay("c", "ws-1", WORKSHOP, "2021-07-15 13:00", "2021-07-15 14:00")
        .stay("d", "ws-1", WORKSHOP, "2021-07-15 09:00", "2021-07-15 10:10")
        .stay("e", "ws-1", WORKSHOP, "2021-07-15 09:50", "2021-07-15 10:14");
    TraceGraph g = trace(s, 2);
    assertThat(g.levels()).containsExactlyInAnyOrderEntriesOf(Map.of("f0", 0, "a", 1, "c", 2));
    assertThat(g.edges()).containsExactly(
        edge("f0", "a", "ws-1", WORKSHOP, "2021-07-15 10:00", "2021-07-15 12:00", 120),
        edge("a", "c", "ws-1", WORKSHOP, "2021-07-15 13:00", "2021-07-15 14:00", 60));
    assertThat(g.node("c").orElseThrow()).isEqualTo(new TraceNode("c", 2, t("2021-07-15 13:00"), "a"));
  }

  /** c meets a (an F1) for hours, but also the F0 itself: c is an F1, and d's via is the smaller id. */
  static Scans twoPaths() {
    return new Scans()
        .stay("f0", "can-1", CANTEEN, "2021-07-15 06:30", "2021-07-15 06:50")
        .stay("c", "can-1", CANTEEN, "2021-07-15 06:30", "2021-07-15 06:50")
        .stay("f0", "bus-1", BUS, "2021-07-15 07:00", "2021-07-15 07:30")
        .stay("a", "bus-1", BUS, "2021-07-15 07:00", "2021-07-15 07:30")
        .stay("a", "ws-1", WORKSHOP, "2021-07-15 08:00", "2021-07-15 12:00")
        .stay("c", "ws-1", WORKSHOP, "2021-07-15 08:00", "2021-07-15 12:00")
        .stay("d", "ws-1", WORKSHOP, "2021-07-15 08:00", "2021-07-15 12:00");
  }

  @Test
  void aWorkerReachableByTwoPathsGetsTheLowerLevel() throws Exception {
    TraceGraph g = trace(twoPaths(), 2);
    assertThat(g.levels()).containsExactlyInAnyOrderEntriesOf(Map.of("f0", 0, "a", 1, "c", 1, "d", 2));
    assertThat(g.node("c").orElseThrow()).isEqualTo(new TraceNode("c", 1, t("2021-07-15 06:30"), "f0"));
    assertThat(g.node("d").orElseThrow()).isEqualTo(new TraceNode("d", 2, t("2021-07-15 08:00"), "a"));
    assertThat(g.edges()).containsExactly(
        edge("f0", "c", "can-1", CANTEEN, "2021-07-15 06:30", "2021-07-15 06:50", 20),
        edge("f0", "a", "bus-1", BUS, "2021-07-15 07:00", "2021-07-15 07:30", 30),
        edge("a", "d", "ws-1", WORKSHOP, "2021-07-15 08:00", "2021-07-15 12:00", 240),
        edge("c", "d", "ws-1", WORKSHOP, "2021-07-15 08:00", "2021-07-15 12:00", 240));
  }

  @Test
  void depthLimitsHowFarTheTraceGoes() throws Exception {
    Scans s = new Scans()
        .stay("f0", "bus-1", BUS, "2021-07-15 07:00", "2021-07-15 07:30")
        .stay("a", "bus-1", BUS, "2021-07-15 07:00", "2021-07-15 07:30")
        .stay("a", "ws-1", WORKSHOP, "2021-07-15 08:00", "2021-07-15 12:00")
        .stay("b", "ws-1", WORKSHOP, "2021-07-15 09:00", "2021-07-15 12:00")
        .stay("b", "dorm-1", DORMITORY, "2021-07-15 19:00", "2021-07-16 05:00")
        .stay("e", "dorm-1", DORMITORY, "2021-07-15 20:00", "2021-07-16 05:00");
    assertThat(trace(s, 1).levels()).containsExactlyInAnyOrderEntriesOf(Map.of("f0", 0, "a", 1));
    assertThat(trace(s, 2).levels()).containsExactlyInAnyOrderEntriesOf(Map.of("f0", 0, "a", 1, "b", 2));
    TraceGraph three = trace(s, 3);
    assertThat(three.levels()).containsExactlyInAnyOrderEntriesOf(Map.of("f0", 0, "a", 1, "b", 2, "e", 3));
    assertThat(three.node("e").orElseThrow()).isEqualTo(new TraceNode("e", 3, t("2021-07-15 20:00"), "b"));
  }

  @Test
  void anF0WithoutScansInTheWindowExposesNobody() throws Exception {
    Scans s = new Scans()
        .stay("f0", "bus-1", BUS, "2021-07-14 07:00", "2021-07-14 07:30")
        .stay("a", "bus-1", BUS, "2021-07-14 07:00", "2021-07-14 07:30");
    TraceGraph g = trace(s, 2);
    assertThat(g.nodes()).containsExactly(new TraceNode("f0", 0, null, null));
    assertThat(g.edges()).isEmpty();
  }

  @Test
  void aLargeLevelComputedOnAWorkerThreadGivesTheSameGraph() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Scans s = twoPaths();
      Tracer offloading = new Tracer(vertx, new InMemoryVisitSource(s.visits()), DwellPolicy.defaults(),
          ExposurePolicy.defaults(), 0);
      TraceGraph g = await(offloading.trace(TraceRequest.of("f0", t(DAY), t(NEXT_DAY), 2, null)));
      assertThat(g).isEqualTo(trace(s, 2));
    } finally {
      await(vertx.close());
    }
  }

  @Test
  void aBadRequestFailsTheFutureWithARejection() {
    Tracer tracer = new Tracer(null, new InMemoryVisitSource(new Scans().visits()), DwellPolicy.defaults(),
        ExposurePolicy.defaults());
    Future<TraceGraph> f = tracer.trace(TraceRequest.of("f0", t(DAY), t(NEXT_DAY), 4, null));
    assertThat(f.failed()).isTrue();
    assertThat(f.cause()).hasMessage("depth must be between 1 and 3, got 4");
  }
}
