package vn.tracegate.loadtest.tracebench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used so far by this JVM and, when its process id is given, by the local Cassandra
 * (Linux {@code /proc/<pid>/stat}, in clock ticks of 10 ms): on a two-core box where both run,
 * it tells whether a trace waits on the database or on its own computation.
 */
final class CpuClock {

  private final long cassandraPid;

  CpuClock(long cassandraPid) {
    this.cassandraPid = cassandraPid;
  }

  long benchNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Cassandra's user + system CPU in nanoseconds, or 0 when no pid was given or it cannot be read. */
  long cassandraNanos() {
    if (cassandraPid <= 0) {
      return 0;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + cassandraPid + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
