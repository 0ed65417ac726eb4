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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code TRACEGATE_CASSANDRA_BACKGROUND=idle}, the node {@code ./tracegate} starts runs its
 * flush and compaction threads in a CPU group of their own marked idle, so a memtable flush (about
 * a second of a core) takes only the CPU the other groups leave, and keeps every other thread,
 * request workers included, in the node's own group. With {@code low} they run in a group of
 * their own at a quarter of a normal thread's weight (not idle: never starved, so a GC never waits
 * long for one of them to reach a safepoint). Needs a writable cgroup v1 cpu controller; without
 * one the script says so and starts the node as before, and this test is skipped.
 */
class CassandraBackgroundIT {

  static final List<String> BACKGROUND = List.of("PerDiskMemtable", "MemtableFlushWr", "MemtablePostFlu",
      "MemtableReclaim", "NativePoolClean", "CompactionExec");
  static final List<String> REQUESTS = List.of("Native-Transpor", "MutationStage");

  /** The end of the group's path, as the script names it for idle; low adds "-low". */
  static final String GROUP = "/tracegate-background";

  record Task(String tid, String name, String cpuGroup) {}

  static Optional<Path> mount;

  @BeforeAll
  static void needsACpuController() throws Exception {
    mount = cpuControllerMount();
    assumeThat(mount).as("a cgroup v1 cpu controller").isPresent();
    assumeThat(Files.isWritable(mount.get())).as("a writable cpu controller (root)").isTrue();
  }

  @Test
  void idleFlushAndCompactionThreadsRunInTheIdleGroupAndRequestThreadsDoNot() throws Exception {
    Path group = backgroundGroupOfANode("idle", GROUP);
    Path idle = group.resolve("cpu.idle");
    if (Files.exists(idle)) {
      assertThat(Files.readString(idle).trim()).as(idle.toString()).isEqualTo("1");
    } else {
      assertThat(Files.readString(group.resolve("cpu.shares")).trim()).isEqualTo("2");
    }
  }

  @Test
  void lowFlushAndCompactionThreadsRunAtAQuarterWeightNotIdle() throws Exception {
    Path group = backgroundGroupOfANode("low", GROUP + "-low");
    assertThat(Files.readString(group.resolve("cpu.shares")).trim()).isEqualTo("256");
    Path idle = group.resolve("cpu.idle");
    if (Files.exists(idle)) {
      assertThat(Files.readString(idle).trim()).as(idle.toString()).isEqualTo("0");
    }
  }

  /**
   * Starts a node with {@code TRACEGATE_CASSANDRA_BACKGROUND=mode}, checks that its flush and
   * compaction threads, and only they, end up in the group ending in {@code groupSuffix}, stops it;
   * that group's directory.
   */
  static Path backgroundGroupOfANode(String mode, String groupSuffix) throws Exception {
    Path state = Files.createTempDirectory("tracegate-background");
    int cqlPort = ProjectScript.freePort();
    ProjectScript script = new ProjectScript(state, Map.of(
        "TRACEGATE_CASSANDRA_BACKGROUND", mode,
        "TRACEGATE_CASSANDRA_PORT", Integer.toString(cqlPort),
        "TRACEGATE_CASSANDRA_STORAGE_PORT", Integer.toString(ProjectScript.freePort()),
        "TRACEGATE_CASSANDRA_JMX_PORT", Integer.toString(ProjectScript.freePort()),
        "TRACEGATE_CASSANDRA_HEAP", "512m"));
    try {
      assertThat(script.run("cassandra", "start"))
          .contains("flush and compaction threads run in the " + mode + " CPU group");
      String pid = Files.readString(state.resolve("run/cassandra-node1.pid")).trim();
      // Requests, so that the node starts its request workers.
      try (CqlSession session = CqlSession.builder().addContactPoint(new InetSocketAddress("127.0.0.1", cqlPort))
          .withLocalDatacenter("datacenter1").build()) {
        for (int i = 0; i < 20; i++) {
          assertThat(session.execute("SELECT release_version FROM system.local").one()).isNotNull();
        }
      }
      // The script's mover looks for new threads every 0.2 s: give it a few rounds.
      List<Task> background = List.of();
      List<Task> requests = List.of();
      long deadline = System.currentTimeMillis() + 5_000;
      do {
        List<Task> tasks = tasks(pid);
        background = tasks.stream().filter(t -> BACKGROUND.stream().anyMatch(t.name()::startsWith)).toList();
        requests = tasks.stream().filter(t -> REQUESTS.stream().anyMatch(t.name()::startsWith)).toList();
        if (!background.isEmpty() && background.stream().allMatch(t -> t.cpuGroup().endsWith(groupSuffix))
            && requests.stream().noneMatch(t -> t.cpuGroup().contains(GROUP))) {
          break;
        }
        Thread.sleep(200);
      } while (System.currentTimeMillis() < deadline);

      assertThat(background).as("Cassandra's flush and compaction threads").isNotEmpty()
          .allSatisfy(t -> assertThat(t.cpuGroup()).as(t.name() + " (task " + t.tid() + ")").endsWith(groupSuffix));
      assertThat(requests).as("Cassandra's request threads").isNotEmpty()
          .allSatisfy(t -> assertThat(t.cpuGroup()).as(t.name() + " (task " + t.tid() + ")")
              .doesNotContain(GROUP));
      return mount.get().resolve(background.get(0).cpuGroup().substring(1));
    } finally {
      script.run("cassandra", "stop");
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
