package vn.tracegate.tracing.visitlog;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tracegate.checkin.registry.CheckpointKind.BUS;
import static vn.tracegate.checkin.registry.CheckpointKind.WORKSHOP;
import static vn.tracegate.tracing.TestCassandra.await;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.visits.ScanAction;
import vn.tracegate.checkin.visits.Visit;
import vn.tracegate.tracing.TestCassandra;

class CassandraVisitSourceIT {

  private static TestCassandra cassandra;
  private static CassandraVisitSource source;
  private static CassandraVisitSource chunked;

  @BeforeAll
  static void connect() throws Exception {
    cassandra = TestCassandra.get();
    source = await(CassandraVisitSource.create(cassandra.vertx, cassandra.session, 8));
    // Two worker partitions and one checkpoint partition per query, so that chunks are exercised.
    chunked = await(CassandraVisitSource.create(cassandra.vertx, cassandra.session, 8, 2, 1));
  }

  private static Visit visit(String worker, String cp, ScanAction action, String at) {
    Instant t = Instant.parse(at);
    return new Visit(UUID.randomUUID(), worker, cp, WORKSHOP, action, t, t.plusMillis(350), "dev-1", "h");
  }

  /** What a trace reads of a visit: what stays are made of, without device, hash or receipt time. */
  private static List<Visit> asRead(List<Visit> written) {
    return written.stream().map(v -> new Visit(v.scanId(), v.workerId(), v.checkpointId(), v.kind(), v.action(),
        v.at(), v.at(), null, "")).toList();
  }

  @Test
  void aNightShiftAcrossUtcMidnightIsReadFromBothDayPartitionsWithAnExclusiveEndAndWhatStaysNeed() throws Exception {
    String run = TestCassandra.run();
    List<Visit> shift = List.of(
        visit(run + "w1", run + "ws-night", ScanAction.IN, "2021-07-15T22:00:00Z"),
        visit(run + "w1", run + "ws-night", ScanAction.OUT, "2021-07-16T06:00:00Z"),
        visit(run + "w1", run + "ws-night", ScanAction.IN, "2021-07-16T22:00:00Z"));
    cassandra.append(shift);

    List<Visit> ofWorker = await(source.visitsOfWorker(run + "w1",
        Instant.parse("2021-07-15T20:00:00Z"), Instant.parse("2021-07-16T22:00:00Z")));
    assertThat(ofWorker).containsExactlyInAnyOrderElementsOf(asRead(shift.subList(0, 2)));
    List<Visit> atCheckpoint = await(source.visitsAtCheckpoint(run + "ws-night",
        Instant.parse("2021-07-15T00:00:00Z"), Instant.parse("2021-07-17T00:00:00Z")));
    assertThat(atCheckpoint).containsExactlyInAnyOrderElementsOf(asRead(shift));
  }

  @Test
  void aPartitionOfMoreThanOnePageIsReadWhole() throws Exception {
    String run = TestCassandra.run();
    List<Visit> many = new ArrayList<>();
    Instant start = Instant.parse("2021-07-15T00:00:00Z");
    for (int i = 0; i < 12_000; i++) {
      Instant at = start.plusSeconds(i * 7L);
      many.add(new Visit(UUID.randomUUID(), run + "w" + (i % 50), run + "bus-1", BUS, ScanAction.IN, at, at,
          "dev-bus", "h"));
    }
    cassandra.append(many);
    List<Visit> read = await(source.visitsAtCheckpoint(run + "bus-1", start, start.plusSeconds(86_400)));
    assertThat(read).hasSize(12_000).containsExactlyInAnyOrderElementsOf(asRead(many));
  }

  @Test
  void idsOutsideAsciiAreReadIntactFromBothTables() throws Exception {
    String run = TestCassandra.run();
    List<Visit> scans = List.of(visit(run + "Đặng-Thị-Ánh", run + "xưởng-may", ScanAction.IN, "2021-07-15T01:00:00Z"));
    cassandra.append(scans);
    Instant from = Instant.parse("2021-07-15T00:00:00Z");
    Instant to = Instant.parse("2021-07-16T00:00:00Z");
    assertThat(await(source.visitsOfWorker(run + "Đặng-Thị-Ánh", from, to))).isEqualTo(asRead(scans));
    assertThat(await(source.visitsAtCheckpoint(run + "xưởng-may", from, to))).isEqualTo(asRead(scans));
  }

  @Test
  void anEmptyOrInvertedRangeReadsNothing() throws Exception {
    Instant t = Instant.parse("2021-07-15T00:00:00Z");
    assertThat(await(source.visitsOfWorker("nobody", t, t))).isEmpty();
    assertThat(await(source.visitsOfWorker("nobody", t.plusSeconds(60), t))).isEmpty();
  }

  @Test
  void manyKeysOverOneRangeAreReadInChunksAcrossDayPartitionsEachKeyGettingOnlyItsOwnScans() throws Exception {
    String run = TestCassandra.run();
    List<Visit> scans = new ArrayList<>();
    List<String> workers = new ArrayList<>();
    for (int w = 0; w < 5; w++) {
      workers.add(run + "w" + w);
      scans.add(visit(run + "w" + w, run + "ws-" + (w % 2), ScanAction.IN, "2021-07-15T22:0" + w + ":00Z"));
      scans.add(visit(run + "w" + w, run + "ws-" + (w % 2), ScanAction.OUT, "2021-07-16T06:0" + w + ":00Z"));
      // Outside the range: at its exclusive end.
      scans.add(visit(run + "w" + w, run + "ws-" + (w % 2), ScanAction.IN, "2021-07-16T22:00:00Z"));
    }
    cassandra.append(scans);
    Instant from = Instant.parse("2021-07-15T00:00:00Z");
    Instant to = Instant.parse("2021-07-16T22:00:00Z");
    List<String> asked = new ArrayList<>(workers);
    asked.add(run + "nobody");

    Map<String, List<Visit>> byWorker = await(chunked.visitsOfWorkers(asked, from, to));
    assertThat(byWorker).doesNotContainKey(run + "nobody").hasSize(5);
    for (int w = 0; w < 5; w++) {
      assertThat(byWorker.get(run + "w" + w)).containsExactlyInAnyOrderElementsOf(
          asRead(scans.subList(3 * w, 3 * w + 2)));
    }
    long before = chunked.requests();
    Map<String, List<Visit>> byCheckpoint =
        await(chunked.visitsAtCheckpoints(List.of(run + "ws-0", run + "ws-1"), from, to));
    assertThat(chunked.requests() - before).as("one checkpoint partition per query, two days each").isEqualTo(2);
    assertThat(byCheckpoint.get(run + "ws-0")).hasSize(6).allMatch(v -> v.checkpointId().equals(run + "ws-0"));
    assertThat(byCheckpoint.get(run + "ws-1")).hasSize(4).allMatch(v -> v.checkpointId().equals(run + "ws-1"));
  }

  @Test
  void manyKeysWithOutsideAsciiIdsOrAnEmptyRangeAreReadIntact() throws Exception {
    String run = TestCassandra.run();
    List<Visit> scans = List.of(visit(run + "Đặng-Thị-Ánh", run + "xưởng-may", ScanAction.IN, "2021-07-15T01:00:00Z"));
    cassandra.append(scans);
    Instant from = Instant.parse("2021-07-15T00:00:00Z");
    Instant to = Instant.parse("2021-07-16T00:00:00Z");
    assertThat(await(source.visitsOfWorkers(List.of(run + "Đặng-Thị-Ánh"), from, to)))
        .isEqualTo(Map.of(run + "Đặng-Thị-Ánh", asRead(scans)));
    assertThat(await(source.visitsAtCheckpoints(List.of(run + "xưởng-may"), from, to)))
        .isEqualTo(Map.of(run + "xưởng-may", asRead(scans)));
    assertThat(await(source.visitsOfWorkers(List.of(run + "Đặng-Thị-Ánh"), from, from))).isEmpty();
  }
}
