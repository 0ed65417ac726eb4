package vn.tracegate.tracing.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.registry.CheckpointKind;
import vn.tracegate.checkin.visits.ScanAction;
import vn.tracegate.checkin.visits.Visit;

class VisitIndexTest {

  static Visit visit(UUID id, String worker, String checkpoint, ScanAction action, String at) {
    Instant t = Instant.parse(at);
    return new Visit(id, worker, checkpoint, CheckpointKind.BUS, action, t, t, null, "");
  }

  static Visit visit(String worker, String checkpoint, ScanAction action, String at) {
    return visit(UUID.randomUUID(), worker, checkpoint, action, at);
  }

  final VisitIndex index = new VisitIndex(LocalDate.parse("2021-07-01"));

  @Test
  void answersByWorkerAndByCheckpointInTimeOrderWithEveryField() {
    Visit late = visit("w1", "bus", ScanAction.OUT, "2021-07-01T08:00:00.123Z");
    Visit early = visit("w1", "bus", ScanAction.IN, "2021-07-01T07:00:00Z");
    Visit other = visit("w2", "bus", ScanAction.IN, "2021-07-01T07:30:00Z");
    index.add(List.of(late, other));
    index.add(List.of(early));

    assertThat(index.visitsAtCheckpoint("bus", Instant.parse("2021-07-01T00:00:00Z"),
        Instant.parse("2021-07-02T00:00:00Z"))).containsExactly(early, other, late);
    assertThat(index.visitsOfWorker("w1", Instant.parse("2021-07-01T07:00:00Z"),
        Instant.parse("2021-07-01T08:00:00.123Z"))).as("[from, to)").containsExactly(early);
    assertThat(index.visitsOfWorker("nobody", Instant.parse("2021-07-01T00:00:00Z"),
        Instant.parse("2021-07-02T00:00:00Z"))).isEmpty();
    assertThat(index.size()).isEqualTo(3);
  }

  @Test
  void aScanAddedTwiceIsHeldOnce() {
    UUID id = UUID.randomUUID();
    index.add(List.of(visit(id, "w1", "bus", ScanAction.IN, "2021-07-01T07:00:00Z")));
    index.add(List.of(visit(id, "w1", "bus", ScanAction.IN, "2021-07-01T07:00:00Z")));
    for (int i = 0; i < 5_000; i++) {
      index.add(List.of(visit("w" + (i % 50), "c" + (i % 7), ScanAction.IN, "2021-07-01T09:00:00Z")));
    }
    index.add(List.of(visit(id, "w1", "bus", ScanAction.IN, "2021-07-01T07:00:00Z")));
    assertThat(index.size()).isEqualTo(5_001);
    assertThat(index.visitsAtCheckpoint("bus", Instant.parse("2021-07-01T00:00:00Z"),
        Instant.parse("2021-07-02T00:00:00Z"))).hasSize(1);
  }

  @Test
  void aNightShiftReadsBothDaysAndDaysBeforeTheFirstAreNotHeld() {
    Visit in = visit("w1", "ws", ScanAction.IN, "2021-07-01T22:00:00Z");
    Visit out = visit("w1", "ws", ScanAction.OUT, "2021-07-02T06:00:00Z");
    Visit before = visit("w1", "ws", ScanAction.IN, "2021-06-30T22:00:00Z");
    index.add(List.of(out, in, before));
    assertThat(index.visitsOfWorker("w1", Instant.parse("2021-07-01T20:00:00Z"),
        Instant.parse("2021-07-02T07:00:00Z"))).containsExactly(in, out);
    assertThat(index.size()).isEqualTo(2);
    assertThatThrownBy(() -> index.visitsOfWorker("w1", Instant.parse("2021-06-30T20:00:00Z"),
        Instant.parse("2021-07-02T07:00:00Z"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void retainFromDropsOlderDays() {
    Visit kept = visit("w1", "ws", ScanAction.IN, "2021-07-02T10:00:00Z");
    index.add(List.of(visit("w1", "ws", ScanAction.IN, "2021-07-01T10:00:00Z"), kept,
        visit("w1", "ws", ScanAction.OUT, "2021-07-01T12:00:00Z")));
    index.retainFrom(LocalDate.parse("2021-07-02"));
    assertThat(index.coveredFrom()).isEqualTo(Instant.parse("2021-07-02T00:00:00Z"));
    assertThat(index.size()).isEqualTo(1);
    assertThat(index.visitsAtCheckpoint("ws", Instant.parse("2021-07-02T00:00:00Z"),
        Instant.parse("2021-07-03T00:00:00Z"))).containsExactly(kept);
    assertThat(index.visitsOfWorker("w1", Instant.parse("2021-07-02T00:00:00Z"),
        Instant.parse("2021-07-03T00:00:00Z"))).containsExactly(kept);
    Visit later = visit("w1", "ws", ScanAction.OUT, "2021-07-02T11:00:00Z");
    index.add(List.of(later));
    assertThat(index.visitsOfWorker("w1", Instant.parse("2021-07-02T00:00:00Z"),
        Instant.parse("2021-07-03T00:00:00Z"))).containsExactly(kept, later);
  }
}
