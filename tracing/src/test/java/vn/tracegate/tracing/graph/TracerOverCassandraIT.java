package vn.tracegate.tracing.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tracegate.tracing.Scans.t;
import static vn.tracegate.tracing.TestCassandra.await;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.visits.Visit;
import vn.tracegate.tracing.TestCassandra;
import vn.tracegate.tracing.exposure.ExposurePolicy;
import vn.tracegate.checkin.visits.DwellPolicy;
import vn.tracegate.tracing.visitlog.CassandraVisitSource;

/** The same traces as the in-memory tests, read from the real visit log. */
class TracerOverCassandraIT {

  private static TestCassandra cassandra;
  private static Tracer tracer;

  @BeforeAll
  static void connect() throws Exception {
    cassandra = TestCassandra.get();
    CassandraVisitSource source = await(CassandraVisitSource.create(cassandra.vertx, cassandra.session, 64));
    tracer = new Tracer(cassandra.vertx, source, DwellPolicy.defaults(), ExposurePolicy.defaults());
  }

  @Test
  void aWorkerReachableByTwoPathsGetsTheLowerLevelFromTheVisitLog() throws Exception {
    String run = TestCassandra.run();
    cassandra.append(TestCassandra.prefixed(run, TracerTest.twoPaths().visits()));
    TraceGraph g = await(tracer.trace(TraceRequest.of(run + "f0", t("2021-07-15 00:00"), t("2021-07-16 00:00"), 2,
        null)));
    assertThat(g.levels()).containsExactlyInAnyOrderEntriesOf(
        Map.of(run + "f0", 0, run + "a", 1, run + "c", 1, run + "d", 2));
    assertThat(g.node(run + "d").orElseThrow()).isEqualTo(new TraceNode(run + "d", 2, t("2021-07-15 08:00"), run + "a"));
  }

  @Test
  void aRandomParkTracedFromTheVisitLogMatchesTheBruteForce() throws Exception {
    String run = TestCassandra.run();
    List<Visit> visits = TestCassandra.prefixed(run, TracerAgainstBruteForceTest.randomPark(new Random(5), 80, 4));
    cassandra.append(visits);
    TraceRequest request = new TraceRequest(run + "w0", t("2021-07-02 06:00"), t("2021-07-04 18:00"), 3, null);
    TraceGraph fromCassandra = await(tracer.trace(request));
    TraceGraph expected = TracerAgainstBruteForceTest.bruteForce(visits, run + "w0", request.from(), request.to(), 3);
    assertThat(expected.levels()).containsValue(3);
    assertThat(fromCassandra).isEqualTo(expected);
  }
}
