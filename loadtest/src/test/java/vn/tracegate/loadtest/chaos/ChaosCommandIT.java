package vn.tracegate.loadtest.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ./tracegate chaos --quick} as an operator runs it, with a state folder and ports of its own
 * (its own Redis, Cassandra node and gateway, which it kills and restarts): Redis killed, the
 * gateway killed with -9, Cassandra stopped, each healed; the report shows every fault injected
 * and recovered, scans acknowledged, none lost and none stored twice.
 */
class ChaosCommandIT {

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void aQuickChaosRunRecoversFromEveryFaultAndLosesOrDuplicatesNothingAcknowledged() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    Path state = Files.createTempDirectory("tracegate-chaos");
    Path out = state.resolve("report");
    Path log = state.resolve("chaos.log");
    Map<String, String> env = new HashMap<>();
    env.put("TRACEGATE_STATE", state.toString());
    env.put("TRACEGATE_CHAOS_STATE", state.resolve("chaos-state").toString());
    env.put("TRACEGATE_CHAOS_PORT", Integer.toString(freePort()));
    env.put("TRACEGATE_CHAOS_REDIS_PORT", Integer.toString(freePort()));
    env.put("TRACEGATE_CHAOS_CASSANDRA_PORT", Integer.toString(freePort()));
    env.put("TRACEGATE_CHAOS_CASSANDRA_STORAGE_PORT", Integer.toString(freePort()));
    env.put("TRACEGATE_CHAOS_CASSANDRA_JMX_PORT", Integer.toString(freePort()));
    ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("tracegate").toString(), "chaos", "--quick",
        "--no-build", "--out", out.toString()).directory(root.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    // About 2 minutes on a quiet machine; 6 on this one's 2 cores shared with other builds.
    boolean finished = p.waitFor(900, TimeUnit.SECONDS);
    if (!finished) {
      p.destroy(); // SIGTERM: the script stops its driver, gateway, Cassandra and Redis
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished).as("chaos --quick finished within 900 s:\n" + output).isTrue();
    assertThat(p.exitValue()).as("exit status of ./tracegate chaos --quick:\n" + output).isZero();
    assertThat(output).contains(out + "/report.json").contains("Stopping the chaos run's own gateway and services");

    JsonObject report = new JsonObject(Files.readString(out.resolve("report.json"), StandardCharsets.UTF_8));
    JsonObject total = report.getJsonObject("total");
    assertThat(total.getLong("acknowledged")).isGreaterThan(500);
    assertThat(total.getLong("lost")).isZero();
    assertThat(total.getLong("duplicates")).isZero();
    assertThat(total.getLong("storedInVisitsByWorker")).isGreaterThanOrEqualTo(total.getLong("acknowledged"));
    assertThat(total.getLong("storedInVisitsByCheckpoint")).isGreaterThanOrEqualTo(total.getLong("acknowledged"));

    JsonArray timeline = report.getJsonArray("timeline");
    assertThat(timeline.stream().map(e -> ((JsonObject) e).getString("fault")).toList())
        .isEqualTo(List.of("redis", "gateway", "cassandra"));
    for (Object e : timeline) {
      JsonObject event = (JsonObject) e;
      assertThat(event.getBoolean("injected")).as(event.encode()).isTrue();
      assertThat(event.getBoolean("recovered")).as(event.encode()).isTrue();
    }

    JsonObject redis = phase(report, "redis");
    JsonObject gateway = phase(report, "gateway");
    JsonObject cassandra = phase(report, "cassandra");
    assertThat(redis.getJsonObject("answers").getLong("presenceStaleWarnings")).as(redis.encode()).isPositive();
    assertThat(gateway.getJsonObject("answers").getLong("clientErrors")).as(gateway.encode()).isPositive();
    assertThat(gateway.getLong("retriedScans")).as(gateway.encode()).isPositive();
    assertThat(total.getLong("abandoned")).as(total.encode()).isZero();
    assertThat(cassandra.getJsonObject("answers").getJsonObject("refusedByStatus").fieldNames()).as(cassandra.encode())
        .anyMatch(s -> s.startsWith("503 "))
        .noneMatch(s -> s.contains("without Retry-After") || s.startsWith("500"));
  }

  private static JsonObject phase(JsonObject report, String name) {
    return report.getJsonArray("phases").stream().map(JsonObject.class::cast)
        .filter(p -> name.equals(p.getString("phase"))).findFirst().orElseThrow();
  }
}
