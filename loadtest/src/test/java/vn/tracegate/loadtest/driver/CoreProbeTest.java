package vn.tracegate.loadtest.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoreProbeTest {

  @Test
  void theJobTakesMeasurableCpuTimeAndTheFastestOfSeveralIsNoSlowerThanOne() {
    assumeTrue(CoreProbe.supported(), "thread CPU time");
    CoreProbe probe = new CoreProbe();
    double one = probe.micros();
    double fastest = probe.fastestOf(5);

    // SHA-256 over 256 KiB: tens of µs on the fastest cores with SHA instructions, ms without the JIT.
    assertThat(one).isGreaterThan(10).isLessThan(2_000_000);
    assertThat(fastest).isGreaterThan(10).isLessThanOrEqualTo(one);
  }

  @Test
  void theMedianOfAnOddCountIsTheMiddleValueOfAnEvenTheMeanOfTheTwoMiddle() {
    assertThat(CoreProbe.median(List.of(300.0, 100.0, 200.0))).isEqualTo(200.0);
    assertThat(CoreProbe.median(List.of(400.0, 100.0, 300.0, 200.0))).isEqualTo(250.0);
  }

  @Test
  void unmeasuredSecondsAreLeftOutOfTheMedian() {
    assertThat(CoreProbe.median(List.of(-1.0, 500.0, -1.0, 100.0, 300.0))).isEqualTo(300.0);
    assertThat(CoreProbe.median(List.of(-1.0, -1.0))).isEqualTo(-1.0);
    assertThat(CoreProbe.median(List.of())).isEqualTo(-1.0);
  }
}
