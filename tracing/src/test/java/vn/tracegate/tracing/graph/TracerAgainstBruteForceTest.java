package vn.tracegate.tracing.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import vn.tracegate.checkin.registry.CheckpointKind;
import vn.tracegate.checkin.visits.ScanAction;
import vn.tracegate.checkin.visits.Visit;
import vn.tracegate.tracing.Scans;
import vn.tracegate.tracing.exposure.ExposurePolicy;
import vn.tracegate.tracing.exposure.Overlap;
import vn.tracegate.checkin.visits.DwellPolicy;
import vn.tracegate.tracing.stays.Stay;
import vn.tracegate.tracing.stays.Stays;

/**
 * The tracer reads little (checkpoint scans near the sources, then candidates' own scans near
 * their contacts); a brute force reads everything and compares every pair of stays. On random
 * parks with missing OUTs, INs elsewhere and night shifts, both must give the same graph.
 */
class TracerAgainstBruteForceTest {

  private static final DwellPolicy DWELL = DwellPolicy.defaults();
  private static final ExposurePolicy POLICY = ExposurePolicy.defaults();
  private static final CheckpointKind[] KINDS = {CheckpointKind.GATE, CheckpointKind.WORKSHOP,
      CheckpointKind.WORKSHOP, CheckpointKind.CANTEEN, CheckpointKind.BUS, CheckpointKind.DORMITORY,
      CheckpointKind.OTHER};

  @ParameterizedTest(name = "seed {0}, depth {1}")
  @CsvSource({"1, 1", "2, 2", "3, 3", "4, 2", "5, 3", "6, 2", "7, 3", "8, 1"})
  void theTracerFindsExactlyWhatComparingEveryPairOfStaysFinds(long seed, int depth) throws Exception {
    List<Visit> visits = randomPark(new Random(seed), 80, 4);
    Instant from = Scans.t("2021-07-02 06:00");
    Instant to = Scans.t("2021-07-04 18:00");
    Tracer tracer = new Tracer(null, new InMemoryVisitSource(visits), DWELL, POLICY);
    TraceGraph fast = TracerTest.await(tracer.trace(new TraceRequest("w0", from, to, depth, null)));
    TraceGraph slow = bruteForce(visits, "w0", from, to, depth);
    assertThat(slow.levels()).as("the park must reach the deepest level").containsValue(depth);
    assertThat(slow.nodes().size()).as("and leave some workers out").isLessThan(80);
    assertThat(fast).isEqualTo(slow);
    assertThat(TracerTest.onIndex(visits, new TraceRequest("w0", from, to, depth, null), POLICY)).isEqualTo(slow);
  }

  /**
   * The same with windows that start at any second of the day and scans at any second, so that
   * contacts fall on both sides of the UTC day boundary, where the tracer reads a candidate's own
   * scans from the start of the day only when a scan there settles where they were.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void theSameHoldsForWindowsAndScansAtAnySecond(long seed) throws Exception {
    Random random = new Random(seed);
    List<Visit> visits = secondsPark(random, 60, 4);
    Instant from = Scans.t("2021-07-02 00:00").plusSeconds(random.nextInt(86_400));
    Instant to = from.plusSeconds(3600L * (6 + random.nextInt(60)));
    int depth = 1 + (int) (seed % 3);
    Tracer tracer = new Tracer(null, new InMemoryVisitSource(visits), DWELL, POLICY);
    TraceRequest request = new TraceRequest("w0", from, to, depth, null);
    TraceGraph slow = bruteForce(visits, "w0", from, to, depth);
    assertThat(TracerTest.await(tracer.trace(request))).isEqualTo(slow);
    assertThat(TracerTest.onIndex(visits, request, POLICY)).isEqualTo(slow);
  }

  /**
   * The index's tracer and the level-by-level one agree under other policies too (gates that
   * expose, any or a long minimum overlap) and on a crowded park where many scans share an
   * instant, so that the order of scans at one instant (OUT before IN, then scanId) decides stays.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void theIndexTracerAgreesUnderOtherPoliciesAndOnCrowdedInstants(long seed) throws Exception {
    Random random = new Random(seed);
    List<Visit> visits = seed % 2 == 0 ? secondsPark(random, 60, 4) : crowdedPark(random, 50, 3);
    Instant from = Scans.t("2021-07-02 00:00").plusSeconds(60L * random.nextInt(1440));
    Instant to = from.plusSeconds(3600L * (6 + random.nextInt(40)));
    ExposurePolicy policy = seed % 3 == 0 ? POLICY.withGateExposes(true) : POLICY;
    Integer minOverlap = seed % 4 == 0 ? Integer.valueOf(0) : seed % 4 == 1 ? Integer.valueOf(45) : null;
    TraceRequest request = new TraceRequest("w0", from, to, 1 + (int) (seed % 3), minOverlap);
    TraceGraph levelByLevel = TracerTest.await(
        new Tracer(null, new InMemoryVisitSource(visits), DWELL, policy).trace(request));
    assertThat(TracerTest.onIndex(visits, request, policy)).isEqualTo(levelByLevel);
  }

  /** Scans only on the hour or half hour, so that a worker's IN and OUT often share an instant. */
  static List<Visit> crowdedPark(Random random, int workers, int days) {
    Scans scans = new Scans();
    for (int w = 0; w < workers; w++) {
      LocalDateTime at = LocalDateTime.of(2021, 7, 1, 0, 0).plusMinutes(30L * random.nextInt(48));
      LocalDateTime end = LocalDateTime.of(2021, 7, 1, 0, 0).plusDays(days);
      while (at.isBefore(end)) {
        CheckpointKind kind = KINDS[random.nextInt(KINDS.length)];
        String checkpoint = kind.name().toLowerCase() + "-" + random.nextInt(kind == CheckpointKind.GATE ? 1 : 4);
        ScanAction action = random.nextBoolean() ? ScanAction.OUT : ScanAction.IN;
        scans.scan("w" + w, checkpoint, kind, action, at.toString().replace('T', ' '));
        at = at.plusMinutes(random.nextInt(3) == 0 ? 0 : 30L * (1 + random.nextInt(8)));
      }
    }
    // The same scan twice (one id: worker, checkpoint, action, instant) is one scan, as the log keeps it.
    Map<java.util.UUID, Visit> once = new java.util.LinkedHashMap<>();
    scans.visits().forEach(v -> once.putIfAbsent(v.scanId(), v));
    return List.copyOf(once.values());
  }

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 80);
  }

  static List<Visit> secondsPark(Random random, int workers, int days) {
    Scans scans = new Scans();
    for (int w = 0; w < workers; w++) {
      LocalDateTime at = LocalDateTime.of(2021, 7, 1, 0, 0).plusSeconds(random.nextInt(86_400));
      LocalDateTime end = LocalDateTime.of(2021, 7, 1, 0, 0).plusDays(days);
      while (at.isBefore(end)) {
        CheckpointKind kind = KINDS[random.nextInt(KINDS.length)];
        String checkpoint = kind.name().toLowerCase() + "-" + random.nextInt(kind == CheckpointKind.GATE ? 1 : 6);
        ScanAction action = random.nextInt(3) == 0 ? ScanAction.OUT : ScanAction.IN;
        scans.scan("w" + w, checkpoint, kind, action, at.toString().replace('T', ' '));
        at = at.plusSeconds(30 + random.nextInt(random.nextInt(5) == 0 ? 50_000 : 9_000));
      }
    }
    return scans.visits();
  }

  static List<Visit> randomPark(Random random, int workers, int days) {
    Scans scans = new Scans();
    for (int w = 0; w < workers; w++) {
      LocalDateTime at = LocalDateTime.of(2021, 7, 1, 5, 0).plusMinutes(random.nextInt(600));
      LocalDateTime end = LocalDateTime.of(2021, 7, 1, 0, 0).plusDays(days);
      while (at.isBefore(end)) {
        CheckpointKind kind = KINDS[random.nextInt(KINDS.length)];
        String checkpoint = kind.name().toLowerCase() + "-" + random.nextInt(kind == CheckpointKind.GATE ? 1 : 12);
        ScanAction action = random.nextInt(4) == 0 ? ScanAction.OUT : ScanAction.IN;
        scans.scan("w" + w, checkpoint, kind, action, at.toString().replace('T', ' '));
        at = at.plusMinutes(20 + random.nextInt(random.nextInt(5) == 0 ? 900 : 240));
      }
    }
    return scans.visits();
  }

  /** Level by level over every worker's full stays, the definition in DESIGN.md taken literally. */
  static TraceGraph bruteForce(List<Visit> visits, String f0, Instant from, Instant to, int depth) {
    Map<String, List<Stay>> stays = new HashMap<>();
    visits.stream().collect(Collectors.groupingBy(Visit::workerId))
        .forEach((w, v) -> stays.put(w, Stays.of(v, DWELL)));
    Map<String, TraceNode> reached = new HashMap<>();
    reached.put(f0, new TraceNode(f0, 0, null, null));
    List<TraceEdge> edges = new ArrayList<>();
    List<String> frontier = List.of(f0);
    for (int level = 1; level <= depth; level++) {
      Map<String, List<Overlap>> found = new HashMap<>();
      for (String source : frontier) {
        Instant active = level == 1 ? from : reached.get(source).firstExposureAt();
        for (Stay s : stays.getOrDefault(source, List.of())) {
          Stay src = POLICY.exposesAt(s.kind()) ? s.clip(active.isAfter(from) ? active : from, to) : null;
          for (var e : stays.entrySet()) {
            if (src == null || reached.containsKey(e.getKey())) {
              continue;
            }
            for (Stay t : e.getValue()) {
              Stay target = t.clip(from, to);
              Overlap o = target == null ? null : Overlap.between(src, target);
              if (o != null && o.qualifies(POLICY)) {
                found.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(o);
              }
            }
          }
        }
      }
      List<String> next = new ArrayList<>();
      for (var e : found.entrySet()) {
        Overlap first = e.getValue().stream().min(Comparator.comparing(Overlap::start)
            .thenComparing(o -> o.source().workerId()).thenComparing(o -> o.source().checkpointId())).orElseThrow();
        reached.put(e.getKey(), new TraceNode(e.getKey(), level, first.start(), first.source().workerId()));
        for (Overlap o : e.getValue()) {
          edges.add(new TraceEdge(o.source().workerId(), e.getKey(), o.target().checkpointId(), o.target().kind(),
              o.start(), o.end(), o.minutes()));
        }
        next.add(e.getKey());
      }
      frontier = next;
    }
    return new TraceGraph(List.copyOf(reached.values()), edges);
  }

}
