package vn.tracegate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {

  private static Map<String, String> env(String... kv) {
    Map<String, String> env = new HashMap<>();
    env.put("TRACEGATE_AUTH_JWT_SECRET", "x".repeat(40));
    for (int i = 0; i < kv.length; i += 2) {
      env.put(kv[i], kv[i + 1]);
    }
    return env;
  }

  @Test
  void defaultsDescribeALocalDevelopmentSetup() {
    GatewayConfig c = GatewayConfig.from(ConfigSource.load(env()));
    assertThat(c.http().port()).isEqualTo(8080);
    assertThat(c.retention()).isEqualTo(Duration.ofDays(21));
    assertThat(c.cassandra().keyspace()).isEqualTo("tracegate");
    assertThat(c.traceIndex().days()).isEqualTo(14);
    assertThat(c.loopSessions()).isTrue();
    assertThat(c.redis().consolidateFlushes()).isTrue();
    assertThat(c.toString()).doesNotContain("x".repeat(40));
  }

  @Test
  void environmentVariablesOverrideDefaults() {
    GatewayConfig c = GatewayConfig.from(ConfigSource.load(env("TRACEGATE_RETENTION_DAYS", "14",
        "TRACEGATE_CASSANDRA_REPLICATION", "NetworkTopologyStrategy:dc1=3")));
    assertThat(c.retention()).isEqualTo(Duration.ofDays(14));
    assertThat(c.cassandra().replication().toCql()).contains("'dc1': 3");
    assertThat(GatewayConfig.from(ConfigSource.load(env("TRACEGATE_CASSANDRA_LOOP_SESSIONS", "false",
        "TRACEGATE_REDIS_CONSOLIDATE_FLUSHES", "false")))).satisfies(off -> {
          assertThat(off.loopSessions()).isFalse();
          assertThat(off.redis().consolidateFlushes()).isFalse();
        });
  }

  @Test
  void theTraceIndexHoldsAtMostTheRetainedDays() {
    assertThat(GatewayConfig.from(ConfigSource.load(env("TRACEGATE_RETENTION_DAYS", "2"))).traceIndex().days())
        .isEqualTo(2);
    assertThat(GatewayConfig.from(ConfigSource.load(env("TRACEGATE_TRACE_INDEX_DAYS", "0"))).traceIndex().days())
        .as("off").isZero();
  }

  @ParameterizedTest(name = "{0}={1} is refused naming {2}")
  @CsvSource({
      "TRACEGATE_HTTP_PORT, abc, 'http.port'",
      "TRACEGATE_HTTP_PORT, 70000, 'http.port'",
      "TRACEGATE_RETENTION_DAYS, 0, 'retention.days'",
      "TRACEGATE_CASSANDRA_REPLICATION, Simple:1, 'cassandra.replication'",
      "TRACEGATE_CASSANDRA_CONSISTENCY, MOST, 'cassandra.consistency'",
      "TRACEGATE_REDIS_URI, http://x, 'redis.uri'",
      "TRACEGATE_QR_BADGE_VALIDITY, 24h, 'qr.badge-validity'",
      "TRACEGATE_CASSANDRA_KEYSPACE, Bad-Name, 'cassandra.keyspace'",
      "TRACEGATE_TRACE_INDEX_DAYS, -1, 'trace.index-days'",
      "TRACEGATE_CASSANDRA_LOOP_SESSIONS, yes, 'cassandra.loop-sessions'",
      "TRACEGATE_REDIS_CONSOLIDATE_FLUSHES, 1, 'redis.consolidate-flushes'",
  })
  void aBadValueStopsStartUpWithAMessageNamingTheKey(String variable, String value, String key) {
    assertThatThrownBy(() -> GatewayConfig.from(ConfigSource.load(env(variable, value))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key)
        .hasMessageContaining(variable);
  }

  @Test
  void aShortJwtSecretIsRefused() {
    Map<String, String> env = env();
    env.put("TRACEGATE_AUTH_JWT_SECRET", "short");
    assertThatThrownBy(() -> GatewayConfig.from(ConfigSource.load(env)))
        .hasMessageContaining("auth.jwt-secret").hasMessageNotContaining("short");
  }
}
