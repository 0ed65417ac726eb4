package vn.tracegate.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.tracegate.loadtest.park.Scenario;

class LoadOptionsTest {

  @Test
  void withoutOptionsItIsTwoThousandScansASecondForAMinuteOfShiftChange() {
    LoadOptions o = LoadOptions.parse(new String[0]);
    assertThat(o.rate()).isEqualTo(2_000);
    assertThat(o.durationSeconds()).isEqualTo(60);
    assertThat(o.scenario()).isEqualTo(Scenario.SHIFT_CHANGE);
    assertThat(o.isRamp()).isFalse();
    assertThat(o.schedule().total()).as("120 s warm-up at half rate, then a minute").isEqualTo(120 * 1_000 + 60 * 2_000);
    assertThat(o.cassandraWarmupSeconds()).as("Cassandra flushes and compacts once before the open model").isEqualTo(30);
  }

  @Test
  void theCassandraWarmupCanBeSkippedOrBoundedButNotNegative() {
    assertThat(LoadOptions.parse(new String[] {"--cassandra-warmup", "0"}).cassandraWarmupSeconds()).isZero();
    assertThat(LoadOptions.parse(new String[] {"--cassandra-warmup", "90"}).cassandraWarmupSeconds()).isEqualTo(90);
    assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--cassandra-warmup", "-5"}))
        .hasMessageContaining("--cassandra-warmup must be from 0 to 600");
  }

  @Test
  void aRampIsReadAsRatesWithAStepLength() {
    LoadOptions o = LoadOptions.parse(new String[] {"--ramp", "1000,2000,4000", "--step", "20", "--warmup", "0",
        "--scenario", "steady"});
    assertThat(o.ramp()).containsExactly(1_000.0, 2_000.0, 4_000.0);
    assertThat(o.schedule().durationMicros()).isEqualTo(60_000_000);
    assertThat(o.scenario()).isEqualTo(Scenario.STEADY);
  }

  @Test
  void aLongConstantRunCanBeCutIntoEqualChunks() {
    LoadOptions o = LoadOptions.parse(new String[] {"--rate", "2000", "--duration", "300", "--chunk", "30",
        "--warmup", "10"});
    assertThat(o.schedule().steps()).hasSize(11);
    assertThat(o.schedule().steps().subList(1, 11)).allSatisfy(s -> {
      assertThat(s.rate()).isEqualTo(2_000);
      assertThat(s.seconds()).isEqualTo(30);
    });
    assertThat(o.schedule().total()).isEqualTo(10_000 + 600_000);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://10.0.0.5:8080", "https://127.0.0.1:8443", "http://example.com:80", "http://127.0.0.1"})
  void loadGoesOnlyToThisMachine(String url) {
    assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--base-url", url}))
        .hasMessageContaining("--base-url must be http://127.0.0.1:PORT");
  }

  @Test
  void aMisspeltOptionOrAnEndlessRunIsRefused() {
    assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--rte", "10"})).hasMessageContaining("unknown option --rte");
    assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--duration", "7200"}))
        .hasMessageContaining("--duration must be from 1 to 3600");
    assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--ramp", "1000,fast"}))
        .hasMessageContaining("--ramp takes rates");
  }
}
