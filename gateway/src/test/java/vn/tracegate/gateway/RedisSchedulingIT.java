package vn.tracegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ./tracegate redis start} makes the Redis it starts real-time (SCHED_RR, priority 1), so
 * that on a busy machine a command is served at once instead of after other threads' time slices;
 * {@code TRACEGATE_REDIS_SCHED=normal} leaves it a normal process, and a bad value starts nothing.
 */
class RedisSchedulingIT {

  /** Linux's scheduling policies, as /proc/PID/stat gives them. */
  static final int SCHED_OTHER = 0;
  static final int SCHED_RR = 2;

  @Test
  void redisStartedByTheScriptRunsRealTimeByDefaultAndNormalWhenAsked() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "a real-time policy needs root or CAP_SYS_NICE");
    for (var expected : Map.of("rr", SCHED_RR, "normal", SCHED_OTHER).entrySet()) {
      Path state = Files.createTempDirectory("tracegate-redis-sched");
      ProjectScript script = new ProjectScript(state, Map.of(
          "TRACEGATE_REDIS_PORT", Integer.toString(ProjectScript.freePort()),
          "TRACEGATE_REDIS_SCHED", expected.getKey()));
      String out = script.run("redis", "start");
      try {
        long pid = Long.parseLong(Files.readString(state.resolve("run/redis.pid")).trim());
        assertThat(policy(pid)).as("policy of Redis with TRACEGATE_REDIS_SCHED=" + expected.getKey() + "\n" + out)
            .isEqualTo(expected.getValue());
        assertThat(out.contains("Redis runs real-time")).isEqualTo(expected.getValue() == SCHED_RR);
      } finally {
        script.run("redis", "stop");
      }
    }
  }

  @Test
  void aBadSchedulingValueIsRefusedBeforeRedisStarts() throws Exception {
    Path state = Files.createTempDirectory("tracegate-redis-sched");
    ProjectScript script = new ProjectScript(state, Map.of(
        "TRACEGATE_REDIS_PORT", Integer.toString(ProjectScript.freePort()), "TRACEGATE_REDIS_SCHED", "fifo"));
    assertThatThrownBy(() -> script.run("redis", "start")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("TRACEGATE_REDIS_SCHED must be rr or normal, not 'fifo'");
    assertThat(state.resolve("run/redis.pid")).doesNotExist();
  }

  /** Field 41 of /proc/PID/stat, counted after the command name's closing parenthesis. */
  static int policy(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(after[41 - 3]);
  }
}
