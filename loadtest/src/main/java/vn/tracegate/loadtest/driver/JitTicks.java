package vn.tracegate.loadtest.driver;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time a JVM's JIT compiler threads have used since this counter was made, from
 * {@code /proc/<pid>/task/<tid>/stat}. On two slow cores a JVM compiles its hot paths for minutes,
 * and that work runs beside the requests being measured; this says how much of it a step still
 * carried. Only the compiler threads' files are read each time; the thread list is read again every
 * {@link #RESCAN_NANOS} (HotSpot starts and stops compiler threads as its queue grows and shrinks).
 * A thread that ends between two reads loses its last interval. Linux only; elsewhere 0.
 */
final class JitTicks {

  static final long RESCAN_NANOS = 10_000_000_000L;

  private final long pid;
  /** Compiler threads known, with their ticks at the last read. */
  private final Map<Long, Long> last = new HashMap<>();
  private long total;
  private long scannedAt;
  private boolean seen;

  /** Starts counting from now: the compiler threads' ticks so far are the baseline. */
  JitTicks(long pid) {
    this.pid = pid;
    rescan(true);
  }

  long pid() {
    return pid;
  }

  /** Whether the process has had compiler threads at all (a JVM, not e.g. Redis). */
  boolean isJvm() {
    return seen;
  }

  /** Ticks (USER_HZ) the compiler threads used since this counter was made. */
  long ticks() {
    if (System.nanoTime() - scannedAt >= RESCAN_NANOS) {
      rescan(false);
    }
    for (var e : last.entrySet()) {
      long now = read(e.getKey());
      if (now >= 0) {
        total += Math.max(0, now - e.getValue());
        e.setValue(now);
      }
    }
    return total;
  }

  /**
   * Finds the compiler threads. A thread found after the first scan started after this counter
   * (or in the last interval), so all its ticks count; at the first scan they are the baseline.
   */
  private void rescan(boolean first) {
    scannedAt = System.nanoTime();
    Map<Long, Long> found = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          if (isCompilerThread(threadName(stat))) {
            found.put(Long.parseLong(task.getFileName().toString()), ticksOf(stat));
          }
        } catch (IOException | RuntimeException gone) {
          // the thread ended while we listed them
        }
      }
    } catch (IOException | RuntimeException notLinux) {
      return;
    }
    last.keySet().retainAll(found.keySet());
    for (var e : found.entrySet()) {
      if (!last.containsKey(e.getKey())) {
        if (!first) {
          total += e.getValue();
        }
        last.put(e.getKey(), e.getValue());
      }
    }
    seen |= !found.isEmpty();
  }

  private long read(long tid) {
    try {
      return ticksOf(Files.readString(Path.of("/proc", Long.toString(pid), "task", Long.toString(tid), "stat")));
    } catch (IOException | RuntimeException gone) {
      return -1;
    }
  }

  /** The thread name in a stat line: between the first '(' and the last ')' (a name may hold either). */
  static String threadName(String stat) {
    return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  }

  /** utime + stime of a stat line, in ticks. */
  static long ticksOf(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /** HotSpot's C1 and C2 compiler threads ("C2 CompilerThread0", cut to 15 characters by the kernel). */
  static boolean isCompilerThread(String name) {
    return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
  }
}
