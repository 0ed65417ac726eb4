package vn.tracegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.datastax.oss.driver.api.core.CqlSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code TRACEGATE_CASSANDRA_BACKGROUND=idle}, the node {@code ./tracegate} starts runs its
 * flush and compaction threads in a CPU group of their own marked idle, so a memtable flush (about
 * a second of a core) takes only the CPU the other groups leave, and keeps every other thread,
 * request workers included, in the node's own group. Needs a writable cgroup v1 cpu controller;
 * without one the script says so and starts the node as before, and this test is skipped.
 */
class CassandraBackgroundIT {

  static final List<String> BACKGROUND = List.of("PerDiskMemtable", "MemtableFlushWr", "MemtablePostFlu",
      "MemtableReclaim", "NativePoolClean", "CompactionExec");
  static final List<String> REQUESTS = List.of("Native-Transpor", "MutationStage");

  /** The end of the group's path, as the script names it. */
  static final String GROUP = "/tracegate-background";

  record Task(String tid, String name, String cpuGroup) {
    boolean inBackground() {
      return cpuGroup.endsWith(GROUP);
    }
  }

  static Optional<Path> mount;
  static ProjectScript script;
  static String pid;


  @BeforeAll
  static void start() throws Exception {
    mount = cpuControllerMount();
    assumeThat(mount).as("a cgroup v1 cpu controller").isPresent();
    assumeThat(Files.isWritable(mount.get())).as("a writable cpu controller (root)").isTrue();
    Path state = Files.createTempDirectory("tracegate-background");
    int cqlPort = ProjectScript.freePort();
    script = new ProjectScript(state, Map.of(
        "TRACEGATE_CASSANDRA_BACKGROUND", "idle",
        "TRACEGATE_CASSANDRA_PORT", Integer.toString(cqlPort),
        "TRACEGATE_CASSANDRA_STORAGE_PORT", Integer.toString(ProjectScript.freePort()),
        "TRACEGATE_CASSANDRA_JMX_PORT", Integer.toString(ProjectScript.freePort()),
        "TRACEGATE_CASSANDRA_HEAP", "512m"));
    assertThat(script.run("cassandra", "start")).contains("flush and compaction threads run in the idle CPU group");
    pid = Files.readString(state.resolve("run/cassandra-node1.pid")).trim();
    // Requests, so that the node starts its request workers.
    try (CqlSession session = CqlSession.builder().addContactPoint(new InetSocketAddress("127.0.0.1", cqlPort))
        .withLocalDatacenter("datacenter1").build()) {
      for (int i = 0; i < 20; i++) {
        assertThat(session.execute("SELECT release_version FROM system.local").one()).isNotNull();
      }
    }
  }

  @AfterAll
  static void stop() {
    if (script != null) {
      script.run("cassandra", "stop");
    }
  }

  @Test
  void flushAndCompactionThreadsRunInTheIdleGroupAndRequestThreadsDoNot() throws Exception {
    // The script's mover looks for new threads every 0.2 s: give it a few rounds.
    List<Task> background = List.of();
    List<Task> requests = List.of();
    long deadline = System.currentTimeMillis() + 5_000;
    do {
      List<Task> tasks = tasks(pid);
      background = tasks.stream().filter(t -> BACKGROUND.stream().anyMatch(t.name()::startsWith)).toList();
      requests = tasks.stream().filter(t -> REQUESTS.stream().anyMatch(t.name()::startsWith)).toList();
      if (!background.isEmpty() && background.stream().allMatch(Task::inBackground)
          && requests.stream().noneMatch(Task::inBackground)) {
        break;
      }
      Thread.sleep(200);
    } while (System.currentTimeMillis() < deadline);

    assertThat(background).as("Cassandra's flush and compaction threads").isNotEmpty()
        .allSatisfy(t -> assertThat(t.cpuGroup()).as(t.name() + " (task " + t.tid() + ")")
            .endsWith(GROUP));
    assertThat(requests).as("Cassandra's request threads").isNotEmpty()
        .allSatisfy(t -> assertThat(t.cpuGroup()).as(t.name() + " (task " + t.tid() + ")")
            .doesNotEndWith(GROUP));
    Path group = mount.get().resolve(background.get(0).cpuGroup().substring(1));
    Path idle = group.resolve("cpu.idle");
    if (Files.exists(idle)) {
      assertThat(Files.readString(idle).trim()).as(idle.toString()).isEqualTo("1");
    } else {
      assertThat(Files.readString(group.resolve("cpu.shares")).trim()).isEqualTo("2");
    }
  }

  /** Where the cgroup v1 cpu controller is mounted, from /proc/mounts. */
  static Optional<Path> cpuControllerMount() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
      String[] f = line.split(" ");
      if (f.length > 3 && f[2].equals("cgroup") && List.of(f[3].split(",")).contains("cpu")) {
        return Optional.of(Path.of(f[1]));
      }
    }
    return Optional.empty();
  }

  /** The process's threads: task id, the name the JVM gave the task, its cpu cgroup. */
  static List<Task> tasks(String pid) throws IOException {
    List<Task> tasks = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(Path.of("/proc", pid, "task"))) {
      for (Path dir : dirs.toList()) {
        try {
          String name = Files.readString(dir.resolve("comm")).trim();
          tasks.add(new Task(dir.getFileName().toString(), name, cpuGroup(Files.readAllLines(dir.resolve("cgroup")))));
        } catch (IOException gone) {
          // the thread ended while we looked
        }
      }
    }
    return tasks;
  }

  /** The path of the cpu controller's line of /proc/.../cgroup ("4:cpu,cpuacct:/path"). */
  static String cpuGroup(List<String> lines) {
    return lines.stream().map(l -> l.split(":", 3)).filter(f -> f.length == 3)
        .filter(f -> List.of(f[1].split(",")).contains("cpu")).map(f -> f[2]).findFirst().orElse("");
  }
}
