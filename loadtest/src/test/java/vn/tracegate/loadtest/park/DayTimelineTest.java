package vn.tracegate.loadtest.park;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.registry.CheckpointKind;
import vn.tracegate.checkin.visits.ScanAction;
import vn.tracegate.loadtest.park.DayTimeline.ScanEvent;
import vn.tracegate.loadtest.park.Park.Commute;

class DayTimelineTest {

  private final Park park = ParkGenerator.generate(21, 4_000);
  private final DayTimeline day = DayTimeline.of(park);

  @Test
  void theSameParkGivesTheSameDay() {
    assertThat(DayTimeline.of(ParkGenerator.generate(21, 4_000)).events()).isEqualTo(day.events());
  }

  @Test
  void scansAreInTimeOrderWithinTheDay() {
    assertThat(day.events()).isSortedAccordingTo(Comparator.comparingInt(ScanEvent::secondOfDay));
    assertThat(day.events()).allSatisfy(e -> assertThat(e.secondOfDay()).isBetween(0, 86_399));
  }

  @Test
  void aBusRiderScansElevenTimesADayADormitoryResidentNineAMotorbikeRiderSeven() {
    var perWorker = day.events().stream().collect(Collectors.groupingBy(ScanEvent::worker, Collectors.counting()));
    for (int i = 0; i < park.workers().size(); i++) {
      Commute c = park.workers().get(i).commute();
      long expected = c == Commute.BUS ? 11 : c == Commute.DORMITORY ? 9 : 7;
      assertThat(perWorker.get(i)).as(park.workers().get(i).id() + " " + c).isEqualTo(expected);
    }
  }

  @Test
  void aWorkerPassesTheGateInBeforeTheWorkshopAndOutAfterIt() {
    int worker = firstOf(Shift.DAY);
    List<ScanEvent> mine = day.events().stream().filter(e -> e.worker() == worker).toList();
    int gateIn = second(mine, CheckpointKind.GATE, ScanAction.IN);
    int gateOut = second(mine, CheckpointKind.GATE, ScanAction.OUT);
    int shopOut = second(mine, CheckpointKind.WORKSHOP, ScanAction.OUT);
    assertThat(gateIn).isLessThan(Shift.DAY.startSecond());
    assertThat(shopOut).isBetween(Shift.DAY.endSecond(), Shift.DAY.endSecond() + 300);
    assertThat(gateOut).isGreaterThan(shopOut);
  }

  @Test
  void theShiftChangeWindowHoldsTheDayShiftLeavingAndTheSwingShiftArriving() {
    List<ScanEvent> change = Scenario.SHIFT_CHANGE.events(day);
    assertThat(change).isNotEmpty().allSatisfy(e -> assertThat(e.secondOfDay()).isBetween(13 * 3600, 15 * 3600 - 1));
    assertThat(change).anySatisfy(e -> {
      assertThat(park.workers().get(e.worker()).shift()).isEqualTo(Shift.DAY);
      assertThat(park.checkpoints().get(e.checkpoint()).kind()).isEqualTo(CheckpointKind.GATE);
      assertThat(e.action()).isEqualTo(ScanAction.OUT);
    });
    assertThat(change).anySatisfy(e -> {
      assertThat(park.workers().get(e.worker()).shift()).isEqualTo(Shift.SWING);
      assertThat(e.action()).isEqualTo(ScanAction.IN);
    });
  }

  @Test
  void theSteadyScenarioIsTheWholeDayStartingAtFive() {
    List<ScanEvent> steady = Scenario.STEADY.events(day);
    assertThat(steady).hasSameSizeAs(day.events());
    assertThat(steady.get(0).secondOfDay()).isGreaterThanOrEqualTo(5 * 3600);
    assertThat(steady.get(steady.size() - 1).secondOfDay()).isLessThan(5 * 3600);
  }

  private int firstOf(Shift shift) {
    for (int i = 0; i < park.workers().size(); i++) {
      if (park.workers().get(i).shift() == shift) {
        return i;
      }
    }
    throw new AssertionError("no worker on " + shift);
  }

  private int second(List<ScanEvent> events, CheckpointKind kind, ScanAction action) {
    return events.stream().filter(e -> park.checkpoints().get(e.checkpoint()).kind() == kind && e.action() == action)
        .mapToInt(ScanEvent::secondOfDay).findFirst().orElseThrow();
  }
}
