package vn.tracegate.loadtest.driver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StallsTest {

  private static final long MS = 1_000_000;

  @Test
  void eachSecondKeepsItsLongestStallAndHoldsAreLeftOut() {
    // nanos 0..3 s map to seconds 0..3; from 3 s on the schedule is holding (NaN).
    Stalls stalls = new Stalls(3, nanos -> nanos < 3_000 * MS ? nanos / 1e9 : Double.NaN);
    stalls.record(100 * MS, 2 * MS);
    stalls.record(900 * MS, 40 * MS);
    stalls.record(1_500 * MS, 7 * MS);
    stalls.record(3_500 * MS, 300 * MS);

    assertThat(stalls.maxMsIn(0)).isEqualTo(40.0);
    assertThat(stalls.maxMsIn(1)).isEqualTo(7.0);
    assertThat(stalls.maxMsIn(2)).isZero();
    // The whole-run figures still count the stall during the hold: the driver was stalled then too.
    assertThat(stalls.maxMs()).isBetween(297.0, 303.0); // two significant digits kept
    assertThat(stalls.percentileMs(50)).isBetween(6.9, 7.1);
  }

  @Test
  void aSecondSlowBecauseTheDriverStalledIsToldApartFromASlowServer() {
    Schedule schedule = Schedule.ramp(java.util.List.of(100.0), 3, 0);
    OpenRun run = new OpenRun(schedule, java.time.Instant.EPOCH, 0);
    Stalls stalls = new Stalls(run.secondCount(), nanos -> nanos / 1e9);
    run.stalls(stalls);
    // Second 0: fast. Second 1: slow, and the driver stalled 80 ms. Second 2: slow, driver fine.
    for (int i = 0; i < 100; i++) {
      run.second(i * 10_000L).ok(2_000, false, false);
      run.second(1_000_000L + i * 10_000L).ok(i < 5 ? 120_000 : 2_000, false, false);
      run.second(2_000_000L + i * 10_000L).ok(i < 5 ? 200_000 : 2_000, false, false);
    }
    stalls.record(1_200 * MS, 80 * MS);
    stalls.record(2_200 * MS, 3 * MS);

    assertThat(run.slowSeconds(50)).containsExactly(2, 1);
  }
}
