package vn.tracegate.loadtest.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcLogTest {

  /** Lines as the gateway's JDK 17 wrote them in a load run (gc and safepoint tags, time and uptime). */
  private static final List<String> LINES = List.of(
      "[2026-12-02T13:11:11.379+0000][0.404s] Using G1",
      "[2026-12-02T13:16:04.166+0000][293.191s] GC(154) Pause Young (Concurrent Start) (G1 Evacuation Pause) 215M->130M(256M) 5.228ms",
      "[2026-12-02T13:16:04.166+0000][293.191s] Safepoint \"G1CollectForAllocation\", Time since last: 537842873 ns, Reaching safepoint: 9054 ns, Cleanup: 14151 ns, At safepoint: 5307465 ns, Total: 5330670 ns",
      "[2026-12-02T13:16:04.166+0000][293.191s] GC(155) Concurrent Mark Cycle",
      "[2026-12-02T13:16:04.423+0000][293.448s] GC(155) Pause Remark 156M->155M(262M) 94.803ms",
      "[2026-12-02T13:16:04.458+0000][293.483s] GC(155) Pause Cleanup 158M->158M(262M) 0.099ms",
      "[2026-12-02T13:16:04.459+0000][293.484s] GC(155) Concurrent Mark Cycle 293.704ms",
      "[2026-12-02T13:16:04.685+0000][293.710s] GC(156) Pause Young (Prepare Mixed) (G1 Evacuation Pause) 215M->129M(262M) 4.573ms",
      "[2026-12-02T13:16:04.749+0000][293.774s] GC(157) Pause Young (Mixed) (G1 Evacuation Pause) 138M->126M(262M) 4.235ms",
      "[2026-12-02T13:16:09.000+0000][298.025s] GC(158) Pause Full (G1 Compaction Pause) 500M->120M(512M) 120.500ms");

  @Test
  void readsPausesAndCyclesAndSkipsEveryOtherLine() {
    GcLog log = GcLog.parse(LINES);

    assertThat(log.events()).extracting(GcLog.Event::kind)
        .containsExactly("Young", "Remark", "Cleanup", "Concurrent Mark Cycle", "Young", "Mixed", "Full");
    assertThat(log.events()).filteredOn(e -> !e.pause()).singleElement()
        .satisfies(e -> assertThat(e.ms()).isEqualTo(293.704));
    assertThat(log.events().get(1).at()).isEqualTo(Instant.parse("2026-12-02T13:16:04.423Z"));
  }

  @Test
  void aWindowCountsOnlyTheLinesWrittenInIt() {
    GcLog log = GcLog.parse(LINES);

    GcLog.Window w = log.window(Instant.parse("2026-12-02T13:16:04.166Z"), Instant.parse("2026-12-02T13:16:04.749Z"));

    // Young 5.228 + Remark 94.803 + Cleanup 0.099 + Young 4.573; the Mixed pause at .749 is the next window's.
    assertThat(w.pauses()).isEqualTo(4);
    assertThat(w.pauseMs()).isCloseTo(104.703, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(w.maxPauseMs()).isEqualTo(94.803);
    assertThat(w.maxPauseKind()).isEqualTo("Remark");
    assertThat(w.concurrentCycles()).isEqualTo(1);
    assertThat(w.toJson().getDouble("pauseMs")).isEqualTo(104.7);

    GcLog.Window empty = log.window(Instant.parse("2026-12-02T13:20:00Z"), Instant.parse("2026-12-02T13:21:00Z"));
    assertThat(empty.pauses()).isZero();
    assertThat(empty.toJson().containsKey("maxPauseKind")).isFalse();
  }

  @Test
  void aMissingOrUnreadableLogIsEmpty(@TempDir Path dir) throws Exception {
    assertThat(GcLog.read(dir.resolve("absent-gc.log")).events()).isEmpty();

    Path file = dir.resolve("gateway-gc.log");
    Files.write(file, LINES);
    assertThat(GcLog.read(file).events()).hasSize(7);
  }
}
