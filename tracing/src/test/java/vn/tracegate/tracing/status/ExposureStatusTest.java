package vn.tracegate.tracing.status;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tracegate.tracing.Scans.t;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.tracegate.tracing.SampleTrace;

class ExposureStatusTest {

  @ParameterizedTest(name = "{0} then {1}: raised {2}")
  @CsvSource({
      "NORMAL, F3, true", "NORMAL, F0, true", "F3, F2, true", "F2, F1, true", "F1, F0, true",
      "F1, F1, false", "F1, F2, false", "F0, F1, false", "F0, NORMAL, false", "F2, F3, false"})
  void aStatusIsOnlyEverRaisedToAMoreSevereLevel(ExposureLevel current, ExposureLevel proposed, boolean raised) {
    ExposureStatus now = new ExposureStatus("w", current, t("2021-07-01 00:00"), UUID.randomUUID());
    ExposureStatus next = new ExposureStatus("w", proposed, t("2021-07-02 00:00"), UUID.randomUUID());
    assertThat(now.isRaisedBy(next)).isEqualTo(raised);
  }

  @org.junit.jupiter.api.Test
  void aTraceProposesF0SinceTheWindowStartAndOthersSinceTheirFirstExposure() {
    UUID id = UUID.randomUUID();
    assertThat(ExposureStatus.of(SampleTrace.GRAPH, id, t("2021-07-10 00:00"))).containsExactly(
        new ExposureStatus("f0", ExposureLevel.F0, t("2021-07-10 00:00"), id),
        new ExposureStatus("c", ExposureLevel.F1, t("2021-07-15 06:30"), id),
        new ExposureStatus("a", ExposureLevel.F1, t("2021-07-15 07:00"), id),
        new ExposureStatus("d", ExposureLevel.F2, t("2021-07-15 08:00"), id));
  }
}
