package vn.tracegate.loadtest.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuSamplerTest {

  @Test
  void theAllCoresLineSplitsIntoBusyWithoutStealAndSteal() {
    // cpu user nice system idle iowait irq softirq steal guest guest_nice
    long[] t = CpuSampler.parseStatLine("cpu  849995 52 189243 745252 2830 0 53426 26865 0 0");

    assertThat(t[0]).isEqualTo(849_995 + 52 + 189_243 + 53_426); // idle and iowait are not busy
    assertThat(t[1]).isEqualTo(26_865);
  }

  @Test
  void aKernelWithoutTheStealColumnReportsNoSteal() {
    assertThat(CpuSampler.parseStatLine("cpu 10 0 5 100 0 1 2")).containsExactly(18, 0);
  }

  @Test
  void aPerCoreLineIsRefused() {
    assertThatThrownBy(() -> CpuSampler.parseStatLine("cpu0 10 0 5 100 0 1 2 3 0 0"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBusyProcessShowsUnderItsNameAndTheAverageCarriesStealApartFromOther() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/stat")), "Linux only");
    CpuSampler cpu = new CpuSampler(Map.of("self", ProcessHandle.current().pid()));
    java.time.Instant before = java.time.Instant.now();
    long t0 = System.nanoTime();
    cpu.start(t0);
    long until = System.nanoTime() + 2_600_000_000L;
    long spin = 0;
    while (System.nanoTime() < until) {
      spin += Long.numberOfTrailingZeros(spin + System.nanoTime());
    }
    cpu.stop();
    JsonObject avg = cpu.average(0, (System.nanoTime() - t0) / 1e9);

    assertThat(spin).isPositive();
    assertThat(cpu.samples()).hasSizeGreaterThanOrEqualTo(2);
    // The JVM's JIT compiler threads run beside the spinning one (up to 13 % of a core seen in CI):
    // the sampler reports them apart, so the spinning thread is what is left.
    double jit = avg.getJsonObject("jit", new JsonObject()).getDouble("self", 0.0);
    assertThat(avg.getLong("self") - jit).as("one thread spinning: near one core, %s", avg).isBetween(25.0, 110.0);
    assertThat(avg.getLong("machine")).isGreaterThanOrEqualTo(avg.getLong("self") - 5);
    assertThat(avg.containsKey("steal")).isTrue();
    assertThat(avg.getLong("steal")).isBetween(0L, 200L);
    assertThat(cpu.toJson().getJsonArray("series").getJsonObject(0).containsKey("steal")).isTrue();
    if (CoreProbe.supported()) {
      // Each second also timed the core probe on the sampler's thread; the average carries the median.
      assertThat(cpu.samples()).allSatisfy(s -> assertThat(s.probeMicros()).isPositive());
      assertThat(avg.getLong("coreProbeUs")).isPositive();
      assertThat(cpu.toJson().getJsonArray("series").getJsonObject(0).getLong("coreProbeUs")).isPositive();
      assertThat(cpu.probeNow()).isPositive();
    }
    java.time.Instant started = java.time.Instant.parse(cpu.toJson().getString("startedAt"));
    assertThat(started).as("the series' wall-clock start").isBetween(before.minusMillis(50), before.plusMillis(1_000));
  }
}
