package vn.tracegate.tracing.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tracegate.checkin.registry.CheckpointKind.CANTEEN;
import static vn.tracegate.checkin.registry.CheckpointKind.DORMITORY;
import static vn.tracegate.checkin.registry.CheckpointKind.WORKSHOP;
import static vn.tracegate.tracing.Scans.t;
import static vn.tracegate.tracing.graph.TracerTest.edge;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.visits.DwellPolicy;
import vn.tracegate.checkin.visits.Visit;
import vn.tracegate.tracing.Scans;
import vn.tracegate.tracing.exposure.ExposurePolicy;

/**
 * A candidate's own scans are read from the start of the UTC day of their first contact, and a
 * longest dwell further back (to the start of that day) only when no scan on that day, before the
 * contact, settles where they were. Local times below are UTC+7, so 07:00 is midnight UTC.
 */
class ExactReadsTest {

  @Test
  void aScanOnTheDayOfTheContactSparesReadingThePreviousDay() throws Exception {
    Scans s = new Scans()
        .stay("f0", "canteen-1", CANTEEN, "2021-07-15 07:00", "2021-07-15 08:00")
        .in("b", "ws-1", WORKSHOP, "2021-07-15 05:30")
        .stay("b", "canteen-1", CANTEEN, "2021-07-15 07:10", "2021-07-15 07:40");
    Reads reads = new Reads(s.visits());
    TraceGraph g = trace(reads);
    assertThat(g.edges()).containsExactly(
        edge("f0", "b", "canteen-1", CANTEEN, "2021-07-15 07:10", "2021-07-15 07:40", 30));
    assertThat(reads.ofWorker("b")).containsExactly(t("2021-07-15 07:00"));
  }

  @Test
  void aStayOpenedTheDayBeforeWithNoScanSinceIsFoundByReadingFurtherBack() throws Exception {
    Scans s = new Scans()
        .stay("f0", "dorm-1", DORMITORY, "2021-07-15 07:30", "2021-07-15 09:00")
        .in("a", "dorm-1", DORMITORY, "2021-07-15 05:00");
    Reads reads = new Reads(s.visits());
    TraceGraph g = trace(reads);
    assertThat(g.levels()).containsExactlyInAnyOrderEntriesOf(Map.of("f0", 0, "a", 1));
    assertThat(g.edges()).containsExactly(
        edge("f0", "a", "dorm-1", DORMITORY, "2021-07-15 07:30", "2021-07-15 09:00", 90));
    // The day of the contact, then the day before it (whole partitions: 19:30 local a longest dwell back).
    assertThat(reads.ofWorker("a")).containsExactly(t("2021-07-15 07:00"), t("2021-07-14 07:00"));
  }

  @Test
  void aStayContinuedByAnInAfterTheContactStartsIsNotCutAtThatIn() throws Exception {
    Scans s = new Scans()
        .stay("f0", "ws-1", WORKSHOP, "2021-07-15 07:00", "2021-07-15 07:30")
        .in("c", "ws-1", WORKSHOP, "2021-07-15 06:00")
        .in("c", "ws-1", WORKSHOP, "2021-07-15 07:20");
    TraceGraph g = trace(new Reads(s.visits()));
    assertThat(g.edges()).containsExactly(
        edge("f0", "c", "ws-1", WORKSHOP, "2021-07-15 07:00", "2021-07-15 07:30", 30));
  }

  private static TraceGraph trace(VisitSource source) throws Exception {
    Tracer tracer = new Tracer(null, source, DwellPolicy.defaults(), ExposurePolicy.defaults());
    return TracerTest.await(tracer.trace(TraceRequest.of("f0", t("2021-07-15 00:00"), t("2021-07-16 00:00"), 1,
        null)));
  }

  /** The in-memory log, remembering where each read of a worker's own scans started. */
  private static final class Reads implements VisitSource {
    final InMemoryVisitSource log;
    final List<String> workers = new ArrayList<>();
    final List<Instant> starts = new ArrayList<>();

    Reads(List<Visit> visits) {
      log = new InMemoryVisitSource(visits);
    }

    List<Instant> ofWorker(String worker) {
      List<Instant> out = new ArrayList<>();
      for (int i = 0; i < workers.size(); i++) {
        if (workers.get(i).equals(worker)) {
          out.add(starts.get(i));
        }
      }
      return out;
    }

    @Override
    public Future<List<Visit>> visitsOfWorker(String workerId, Instant from, Instant to) {
      workers.add(workerId);
      starts.add(from);
      return log.visitsOfWorker(workerId, from, to);
    }

    @Override
    public Future<List<Visit>> visitsAtCheckpoint(String checkpointId, Instant from, Instant to) {
      return log.visitsAtCheckpoint(checkpointId, from, to);
    }
  }
}
