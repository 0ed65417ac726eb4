package vn.tracegate.loadtest.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosReportTest {

  private final ChaosOptions options = ChaosOptions.parse(new String[] {"--quick", "--faults", "cassandra"});

  private static FaultScript.Outcome outcome(String command, int exit, long startNanos, long endNanos) {
    return new FaultScript.Outcome(command, exit, startNanos, endNanos, Instant.parse("2026-12-01T00:00:00Z"));
  }

  private static FaultEvent cassandraFault(boolean healed, double firstOkSecond) {
    return new FaultEvent(Fault.CASSANDRA, 1, 0,
        outcome("./tracegate cassandra stop", 0, 6_000_000_000L, 8_000_000_000L),
        outcome("./tracegate cassandra start", healed ? 0 : 1, 11_000_000_000L, 31_000_000_000L),
        firstOkSecond < 0 ? 0 : (long) (firstOkSecond * 1e9));
  }

  private ChaosReport report(PhaseTally fault, FaultEvent event) {
    PhaseTally baseline = new PhaseTally("baseline");
    baseline.sent = 900;
    baseline.acknowledged = 900;
    baseline.ack201 = 900;
    PhaseTally total = new PhaseTally("total");
    total.add(baseline);
    total.add(fault);
    return new ChaosReport(options, "./tracegate chaos --quick", Instant.EPOCH, 40, new JsonObject(),
        new JsonObject(), List.of(baseline, fault), total, List.of(event), List.of());
  }

  private static PhaseTally cassandraPhase() {
    PhaseTally t = new PhaseTally("cassandra");
    t.sent = 1_000;
    t.acknowledged = 1_000;
    t.ack201 = 1_000;
    t.refused("503");
    t.retriedScans = 400;
    return t;
  }

  @Test
  void aRunWithNothingLostAndEveryFaultRecoveredExitsZeroAndMeetsTheStoreOutageExpectation() {
    ChaosReport r = report(cassandraPhase(), cassandraFault(true, 32.5));
    assertThat(r.exitStatus()).isZero();
    assertThat(r.verdicts()).allSatisfy(v -> assertThat(v[2]).as(String.join(" | ", v)).isEqualTo("MET"));
    assertThat(r.verdicts().get(2)[1]).isEqualTo("first 2xx 1.5 s after the heal, outage 26.5 s");
    assertThat(r.toMarkdown()).contains("| **total** | 1900 | 1900 | 400 | 0 |");
  }

  @Test
  void anAcknowledgedScanMissingFromAVisitTableIsExitStatusThreeWhateverElseHappened() {
    PhaseTally phase = cassandraPhase();
    phase.lost = 1;
    assertThat(report(phase, cassandraFault(false, -1)).exitStatus()).isEqualTo(3);
    PhaseTally twice = cassandraPhase();
    twice.duplicates = 2;
    assertThat(report(twice, cassandraFault(true, 31.2)).exitStatus()).isEqualTo(3);
  }

  @Test
  void aFaultThatWasNotHealedIsExitStatusFour() {
    ChaosReport r = report(cassandraPhase(), cassandraFault(false, -1));
    assertThat(r.exitStatus()).isEqualTo(4);
    assertThat(r.verdicts().get(2)[1]).isEqualTo("./tracegate cassandra start failed (exit 1)");
    assertThat(r.toJson().getJsonArray("timeline").getJsonObject(0).getBoolean("recovered")).isFalse();
  }

  @Test
  void aStoreOutageAnsweredWith503WithoutRetryAfterOr500MissesItsExpectation() {
    PhaseTally phase = cassandraPhase();
    phase.refused("503 without Retry-After");
    assertThat(report(phase, cassandraFault(true, 31.2)).verdicts().get(3)[2]).isEqualTo("MISSED");
  }
}
