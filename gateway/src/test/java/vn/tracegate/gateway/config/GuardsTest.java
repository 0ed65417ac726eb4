package vn.tracegate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.tracegate.checkin.ratelimit.Rate;

class GuardsTest {

  private static Guards guards(String... kv) {
    java.util.HashMap<String, String> env = new java.util.HashMap<>(Map.of("TRACEGATE_AUTH_JWT_SECRET", "x".repeat(40)));
    for (int i = 0; i < kv.length; i += 2) {
      env.put(kv[i], kv[i + 1]);
    }
    return GatewayConfig.from(ConfigSource.load(env)).guards();
  }

  @Test
  void defaultsKeepTheAuditAYearAndLetABusyGateScanFreely() {
    Guards g = guards();
    assertThat(g.auditRetention()).isEqualTo(Duration.ofDays(365));
    assertThat(g.device()).isEqualTo(new Rate(50, 200));
    assertThat(g.worker()).isEqualTo(new Rate(2, 20));
  }

  @Test
  void fractionalRatesAreAllowed() {
    assertThat(guards("TRACEGATE_RATELIMIT_WORKER_PER_SECOND", "0.5").worker().perSecond()).isEqualTo(0.5);
  }

  @ParameterizedTest(name = "{0}={1} is refused naming {2}")
  @CsvSource({
      "TRACEGATE_AUDIT_RETENTION_DAYS, 0, 'audit.retention-days'",
      "TRACEGATE_RATELIMIT_DEVICE_PER_SECOND, 0, 'ratelimit.device-per-second'",
      "TRACEGATE_RATELIMIT_DEVICE_PER_SECOND, fast, 'ratelimit.device-per-second'",
      "TRACEGATE_RATELIMIT_WORKER_BURST, 0, 'ratelimit.worker-burst'",
  })
  void aBadValueStopsStartUpNamingTheKey(String variable, String value, String key) {
    assertThatThrownBy(() -> guards(variable, value)).isInstanceOf(ConfigException.class)
        .hasMessageContaining(key).hasMessageContaining(variable);
  }
}
