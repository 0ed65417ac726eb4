package vn.tracegate.tracing.exposure;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tracegate.tracing.Scans.t;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.tracegate.checkin.registry.CheckpointKind;
import vn.tracegate.tracing.stays.Stay;
import vn.tracegate.tracing.stays.StayEnd;

class ExposurePolicyTest {

  @ParameterizedTest(name = "{0} overlap of {1} s exposes: {2}")
  @CsvSource({
      "BUS, 0, false", "BUS, 1, true", "BUS, 300, true",
      "WORKSHOP, 899, false", "WORKSHOP, 900, true",
      "CANTEEN, 899, false", "CANTEEN, 900, true",
      "DORMITORY, 899, false", "DORMITORY, 900, true",
      "OTHER, 899, false", "OTHER, 900, true",
      "GATE, 30, false", "GATE, 3600, false"})
  void byDefaultABusExposesOnAnyOverlapRoomsAfterFifteenMinutesAndAGateNever(
      CheckpointKind kind, long seconds, boolean exposes) {
    assertThat(ExposurePolicy.defaults().qualifies(kind, Duration.ofSeconds(seconds))).isEqualTo(exposes);
  }

  @ParameterizedTest(name = "override {0} min: {1} overlap of {2} s exposes: {3}")
  @CsvSource({
      "0, WORKSHOP, 1, true", "0, WORKSHOP, 0, false",
      "30, CANTEEN, 1799, false", "30, CANTEEN, 1800, true",
      "30, DORMITORY, 1800, true", "30, OTHER, 1799, false",
      "30, BUS, 1, true", "600, BUS, 1, true", "0, GATE, 60, false"})
  void aRequestOverrideAppliesToRoomsButNotToBusesOrGates(
      int minutes, CheckpointKind kind, long seconds, boolean exposes) {
    ExposurePolicy policy = ExposurePolicy.defaults().withRoomMinOverlap(minutes);
    assertThat(policy.qualifies(kind, Duration.ofSeconds(seconds))).isEqualTo(exposes);
  }

  @Test
  void withGateExposureOnAGatePassExposesOnAnyOverlap() {
    ExposurePolicy policy = ExposurePolicy.defaults().withGateExposes(true);
    assertThat(policy.qualifies(CheckpointKind.GATE, Duration.ofSeconds(20))).isTrue();
  }

  @Test
  void stayAtDifferentCheckpointsOrTouchingEndToStartDoNotOverlap() {
    Stay a = stay("bus-1", "2021-07-15 07:00", "2021-07-15 07:30");
    assertThat(Overlap.between(a, stay("bus-2", "2021-07-15 07:00", "2021-07-15 07:30"))).isNull();
    assertThat(Overlap.between(a, stay("bus-1", "2021-07-15 07:30", "2021-07-15 08:00"))).isNull();
  }

  @ParameterizedTest(name = "{0} .. {1} → {2} min")
  @CsvSource({
      "2021-07-15 07:10, 2021-07-15 07:15, 5",
      "2021-07-15 07:10, 2021-07-15 07:10:30, 1",
      "2021-07-15 07:00, 2021-07-15 07:15, 15",
      "2021-07-15 07:00, 2021-07-15 07:15:01, 16"})
  void overlapMinutesAreRoundedUp(String from, String to, long minutes) {
    Stay a = stay("bus-1", "2021-07-15 06:00", "2021-07-15 09:00");
    Overlap o = Overlap.between(a, stay("bus-1", from, to));
    assertThat(o.start()).isEqualTo(t(from));
    assertThat(o.end()).isEqualTo(t(to));
    assertThat(o.minutes()).isEqualTo(minutes);
  }

  private static Stay stay(String cp, String from, String to) {
    Instant f = t(from);
    return new Stay("w-" + from, cp, CheckpointKind.BUS, f, t(to), StayEnd.OUT);
  }
}
