package vn.tracegate.tracing.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Last-write-wins must keep the most severe status, then the earliest exposure, whatever the write order. */
class StatusWriteTimestampTest {

  static long ts(ExposureLevel level, String since) {
    return WorkerStatusStore.writeTimestamp(new ExposureStatus("w", level, Instant.parse(since), UUID.randomUUID()));
  }

  @Test
  void aMoreSevereLevelWinsWhateverItsTimeAndWithinALevelTheEarlierExposureWins() {
    assertThat(ts(ExposureLevel.F0, "2030-01-01T00:00:00Z")).isGreaterThan(ts(ExposureLevel.F1, "2021-01-01T00:00:00Z"));
    assertThat(ts(ExposureLevel.F1, "2030-01-01T00:00:00Z")).isGreaterThan(ts(ExposureLevel.F2, "2021-01-01T00:00:00Z"));
    assertThat(ts(ExposureLevel.F2, "2030-01-01T00:00:00Z")).isGreaterThan(ts(ExposureLevel.F3, "2021-01-01T00:00:00Z"));
    assertThat(ts(ExposureLevel.F1, "2021-07-15T08:00:00Z")).isGreaterThan(ts(ExposureLevel.F1, "2021-07-15T08:00:01Z"));
  }

  @Test
  void everyStatusWinsOverRowsWrittenAtRealTimeInMicroseconds() {
    long nowMicros = Instant.parse("2300-01-01T00:00:00Z").toEpochMilli() * 1000;
    assertThat(ts(ExposureLevel.F3, "2300-01-01T00:00:00Z")).isGreaterThan(nowMicros);
    assertThat(ts(ExposureLevel.F0, "1970-01-01T00:00:00Z")).isPositive();
  }
}
