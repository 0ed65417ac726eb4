package vn.tracegate.tracing.stays;

import vn.tracegate.checkin.visits.DwellPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.tracegate.checkin.registry.CheckpointKind.BUS;
import static vn.tracegate.checkin.registry.CheckpointKind.CANTEEN;
import static vn.tracegate.checkin.registry.CheckpointKind.GATE;
import static vn.tracegate.checkin.registry.CheckpointKind.WORKSHOP;
import static vn.tracegate.tracing.Scans.t;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.tracegate.checkin.registry.CheckpointKind;
import vn.tracegate.checkin.visits.ScanAction;
import vn.tracegate.tracing.Scans;

class StaysTest {

  private static final DwellPolicy DWELL = DwellPolicy.defaults();

  private static Stay stay(String cp, CheckpointKind kind, String from, String to, StayEnd end) {
    return new Stay("w1", cp, kind, t(from), t(to), end);
  }

  @Test
  void anInThenAnOutMakeOneStayEndedByTheOut() {
    Scans s = new Scans().stay("w1", "ws-1", WORKSHOP, "2021-07-15 08:00", "2021-07-15 12:00");
    assertThat(Stays.of(s.visits(), DWELL))
        .containsExactly(stay("ws-1", WORKSHOP, "2021-07-15 08:00", "2021-07-15 12:00", StayEnd.OUT));
  }

  @Test
  void anInAtAnotherCheckpointClosesTheOpenStay() {
    Scans s = new Scans()
        .in("w1", "ws-1", WORKSHOP, "2021-07-15 08:00")
        .in("w1", "can-1", CANTEEN, "2021-07-15 11:00")
        .out("w1", "can-1", CANTEEN, "2021-07-15 11:30");
    assertThat(Stays.of(s.visits(), DWELL)).containsExactly(
        stay("ws-1", WORKSHOP, "2021-07-15 08:00", "2021-07-15 11:00", StayEnd.NEXT_IN),
        stay("can-1", CANTEEN, "2021-07-15 11:00", "2021-07-15 11:30", StayEnd.OUT));
  }

  @ParameterizedTest(name = "{0} without OUT ends after {1} h")
  @CsvSource({"WORKSHOP, 10", "CANTEEN, 1", "BUS, 2", "DORMITORY, 12", "OTHER, 2"})
  void aStayWithoutOutEndsAfterTheMaxDwellOfItsKind(CheckpointKind kind, int hours) {
    Scans s = new Scans().in("w1", "cp", kind, "2021-07-15 08:00");
    List<Stay> stays = Stays.of(s.visits(), DWELL);
    assertThat(stays).containsExactly(new Stay("w1", "cp", kind, t("2021-07-15 08:00"),
        t("2021-07-15 08:00").plus(Duration.ofHours(hours)), StayEnd.MAX_DWELL));
  }

  @Test
  void aStayThatExpiredBeforeTheNextScanEndsAtItsMaxDwell() {
    Scans s = new Scans()
        .in("w1", "can-1", CANTEEN, "2021-07-15 11:00")
        .in("w1", "bus-1", BUS, "2021-07-15 17:00");
    assertThat(Stays.of(s.visits(), DWELL)).containsExactly(
        stay("can-1", CANTEEN, "2021-07-15 11:00", "2021-07-15 12:00", StayEnd.MAX_DWELL),
        stay("bus-1", BUS, "2021-07-15 17:00", "2021-07-15 19:00", StayEnd.MAX_DWELL));
  }

  @Test
  void aRepeatedInAtTheSameCheckpointContinuesTheStayAndRestartsItsDwellLimit() {
    Scans s = new Scans()
        .in("w1", "can-1", CANTEEN, "2021-07-15 11:00")
        .in("w1", "can-1", CANTEEN, "2021-07-15 11:40");
    assertThat(Stays.of(s.visits(), DWELL))
        .containsExactly(stay("can-1", CANTEEN, "2021-07-15 11:00", "2021-07-15 12:40", StayEnd.MAX_DWELL));
  }

  @Test
  void anOutWithoutAnOpenStayIsIgnored() {
    Scans s = new Scans().out("w1", "ws-1", WORKSHOP, "2021-07-15 12:00");
    assertThat(Stays.of(s.visits(), DWELL)).isEmpty();
  }

  @Test
  void anOutAtAnotherCheckpointClosesTheOpenStay() {
    Scans s = new Scans()
        .in("w1", "ws-1", WORKSHOP, "2021-07-15 08:00")
        .out("w1", "bus-1", BUS, "2021-07-15 09:00");
    assertThat(Stays.of(s.visits(), DWELL))
        .containsExactly(stay("ws-1", WORKSHOP, "2021-07-15 08:00", "2021-07-15 09:00", StayEnd.OUT));
  }

  @Test
  void aGateScanClosesTheOpenStayAndYieldsOnlyAOneMinutePass() {
    Scans s = new Scans()
        .in("w1", "ws-1", WORKSHOP, "2021-07-15 08:00")
        .out("w1", "gate-a", GATE, "2021-07-15 17:00");
    assertThat(Stays.of(s.visits(), DWELL)).containsExactly(
        stay("ws-1", WORKSHOP, "2021-07-15 08:00", "2021-07-15 17:00", StayEnd.GATE),
        stay("gate-a", GATE, "2021-07-15 17:00", "2021-07-15 17:01", StayEnd.MAX_DWELL));
  }

  @Test
  void aGateScanDoesNotOpenAStaySoALaterOutIsIgnored() {
    Scans s = new Scans()
        .in("w1", "gate-a", GATE, "2021-07-15 07:00")
        .out("w1", "ws-1", WORKSHOP, "2021-07-15 09:00");
    assertThat(Stays.of(s.visits(), DWELL))
        .containsExactly(stay("gate-a", GATE, "2021-07-15 07:00", "2021-07-15 07:01", StayEnd.MAX_DWELL));
  }

  @Test
  void scansAtTheSameInstantCloseTheOldStayBeforeOpeningTheNext() {
    Scans s = new Scans()
        .in("w1", "ws-1", WORKSHOP, "2021-07-15 08:00")
        .in("w1", "bus-1", BUS, "2021-07-15 07:30")
        .out("w1", "bus-1", BUS, "2021-07-15 08:00");
    assertThat(Stays.of(s.visits(), DWELL)).containsExactly(
        stay("bus-1", BUS, "2021-07-15 07:30", "2021-07-15 08:00", StayEnd.OUT),
        stay("ws-1", WORKSHOP, "2021-07-15 08:00", "2021-07-15 18:00", StayEnd.MAX_DWELL));
  }

  /** Why a reader may start a longest dwell before the window: stays from then on are exact. */
  @Test
  void staysFromScansReadALongestDwellBeforeAnInstantAreExactFromThatInstantOn() {
    Random random = new Random(7);
    CheckpointKind[] kinds = CheckpointKind.values();
    Scans s = new Scans();
    Instant at = t("2021-07-01 00:00");
    for (int i = 0; i < 400; i++) {
      at = at.plus(Duration.ofMinutes(1 + random.nextInt(600)));
      CheckpointKind kind = kinds[random.nextInt(kinds.length)];
      s.scan("w1", kind.name().toLowerCase() + "-" + random.nextInt(2), kind,
          random.nextInt(3) == 0 ? ScanAction.OUT : ScanAction.IN,
          at.atOffset(Scans.LOCAL).toLocalDateTime().toString().replace('T', ' '));
    }
    Instant x = t("2021-07-20 00:00");
    Instant end = at.plus(Duration.ofDays(1));
    List<Stay> all = clip(Stays.of(s.visits(), DWELL), x, end);
    Instant readFrom = x.minus(DWELL.longest());
    List<Stay> fromMargin = clip(Stays.of(
        s.visits().stream().filter(v -> !v.at().isBefore(readFrom)).toList(), DWELL), x, end);
    assertThat(all).hasSizeGreaterThan(50);
    assertThat(fromMargin).isEqualTo(all);
  }

  private static List<Stay> clip(List<Stay> stays, Instant from, Instant to) {
    return stays.stream().map(s -> s.clip(from, to)).filter(s -> s != null)
        .map(s -> new Stay(s.workerId(), s.checkpointId(), s.kind(), s.from(), s.to(), StayEnd.OUT)).toList();
  }
}
