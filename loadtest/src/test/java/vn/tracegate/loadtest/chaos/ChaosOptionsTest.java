package vn.tracegate.loadtest.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosOptionsTest {

  @Test
  void byDefaultAllThreeFaultsInFourPhasesOfAMinuteAt300ScansASecond() {
    ChaosOptions o = ChaosOptions.parse(new String[0]);
    assertThat(o.faults()).containsExactly(Fault.REDIS, Fault.GATEWAY, Fault.CASSANDRA);
    assertThat(o.rate()).isEqualTo(300);
    assertThat(o.phaseSeconds()).isEqualTo(60);
    assertThat(o.downSeconds()).isEqualTo(10);
    assertThat(o.cluster()).isFalse();
  }

  @Test
  void quickIsAShortSmallRunAndItsDefaultsCanStillBeOverridden() {
    ChaosOptions o = ChaosOptions.parse(new String[] {"--quick", "--rate", "80"});
    assertThat(o.quick()).isTrue();
    assertThat(o.rate()).isEqualTo(80);
    assertThat(o.durationSeconds()).isEqualTo(20);
    assertThat(o.phaseSeconds()).isEqualTo(5);
    assertThat(o.downSeconds()).isEqualTo(2);
    assertThat(o.workers()).isEqualTo(200);
  }

  @Test
  void faultsRunInTheOrderGivenAndClusterKillsANodeInsteadOfStoppingTheOnlyOne() {
    ChaosOptions o = ChaosOptions.parse(new String[] {"--faults", "cassandra,redis", "--cluster"});
    assertThat(o.faults()).containsExactly(Fault.CASSANDRA, Fault.REDIS);
    assertThat(o.phaseSeconds()).isEqualTo(80);
    assertThat(Fault.CASSANDRA.inject(true)).isEqualTo(List.of("cluster", "kill", "2"));
    assertThat(Fault.CASSANDRA.heal(true)).isEqualTo(List.of("cluster", "start", "2"));
    assertThat(Fault.CASSANDRA.inject(false)).isEqualTo(List.of("cassandra", "stop"));
    assertThat(Fault.GATEWAY.inject(false)).isEqualTo(List.of("gateway", "kill"));
  }

  @Test
  void badOptionsAreRefusedWithTheirName() {
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--faults", "redis,disk"}))
        .hasMessageContaining("'disk'");
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--faults", "redis,redis"}))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--faults", ""})).hasMessageContaining("--faults");
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--base-url", "http://10.0.0.5:8080"}))
        .hasMessageContaining("127.0.0.1");
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--down", "30", "--duration", "60"}))
        .hasMessageContaining("--down 30 s leaves nothing of a 15 s phase");
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--rates", "5"})).hasMessageContaining("--rates");
  }
}
