package vn.tracegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ./tracegate cassandra start} gives the node's G1 collector a fixed young generation of
 * {@code TRACEGATE_CASSANDRA_YOUNG} and promotes survivors at their first collection, so a young
 * pause copies only the rows written since the last one, once; {@code auto} leaves the sizing to
 * G1 (survivors copied twice, as Cassandra ships); a value that is neither starts nothing. The
 * flags are read back from the running JVM ({@code jcmd PID VM.flags}), not from its command line.
 */
class CassandraYoungGenIT {

  @Test
  void theNodeRunsWithTheYoungGenerationAskedForAndPromotesAtTheFirstCollection() throws Exception {
    Path state = Files.createTempDirectory("tracegate-young");
    int cqlPort = ProjectScript.freePort();
    ProjectScript script = new ProjectScript(state, Map.of(
        "TRACEGATE_CASSANDRA_YOUNG", "96m",
        "TRACEGATE_CASSANDRA_PORT", Integer.toString(cqlPort),
        "TRACEGATE_CASSANDRA_STORAGE_PORT", Integer.toString(ProjectScript.freePort()),
        "TRACEGATE_CASSANDRA_JMX_PORT", Integer.toString(ProjectScript.freePort()),
        "TRACEGATE_CASSANDRA_HEAP", "512m"));
    script.run("cassandra", "start");
    try {
      try (CqlSession session = CqlSession.builder().addContactPoint(new InetSocketAddress("127.0.0.1", cqlPort))
          .withLocalDatacenter("datacenter1").build()) {
        assertThat(session.execute("SELECT release_version FROM system.local").one()).isNotNull();
      }
      String pid = Files.readString(state.resolve("run/cassandra-node1.pid")).trim();
      String flags = jcmd(pid, "VM.flags");

      assertThat(flags).as(flags).contains("-XX:+UseG1GC", "-XX:NewSize=" + 96 * 1024 * 1024,
          "-XX:MaxNewSize=" + 96 * 1024 * 1024, "-XX:MaxTenuringThreshold=0");
    } finally {
      script.run("cassandra", "stop");
    }
  }

  @Test
  void aBadYoungGenerationIsRefusedBeforeTheNodeStarts() throws Exception {
    Path state = Files.createTempDirectory("tracegate-young");
    ProjectScript script = new ProjectScript(state, Map.of(
        "TRACEGATE_CASSANDRA_YOUNG", "lots",
        "TRACEGATE_CASSANDRA_PORT", Integer.toString(ProjectScript.freePort()),
        "TRACEGATE_CASSANDRA_STORAGE_PORT", Integer.toString(ProjectScript.freePort()),
        "TRACEGATE_CASSANDRA_JMX_PORT", Integer.toString(ProjectScript.freePort())));
    assertThatThrownBy(() -> script.run("cassandra", "start")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("TRACEGATE_CASSANDRA_YOUNG must be a size such as 128m, or auto, not 'lots'");
    assertThat(state.resolve("run/cassandra-node1.pid")).doesNotExist();
  }

  /** Runs the JDK's jcmd (beside this test's java) against a JVM; its output. */
  static String jcmd(String pid, String command) throws Exception {
    Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
    Path tool = java.resolveSibling("jcmd");
    Process p = new ProcessBuilder(tool.toString(), pid, command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("jcmd finished").isTrue();
    assertThat(p.exitValue()).as("jcmd " + pid + " " + command + ":\n" + out).isZero();
    return out;
  }
}
