package vn.tracegate.loadtest.driver;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * How fast a core of this machine is right now: the CPU time one thread spends on a fixed job
 * (SHA-256 over the same 256 KiB), in µs. Lower is faster. The same code on the same machine kind
 * ran at very different speeds from hour to hour (session 14: the bare Vert.x roof 36,000–70,000
 * requests/s, the box 116–175 % busy at 4,000 scans/s), with no steal to show for it: a busy
 * neighbour on the other hyperthread or the memory bus slows every instruction. Thread CPU time
 * leaves out the time the probe waited for a core, so a busy box alone does not raise it; a slower
 * core does. Costs 150–220 µs of one core each time here.
 */
public final class CoreProbe {

  private static final int BYTES = 256 * 1024;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final byte[] data = new byte[BYTES];
  private final MessageDigest sha;
  /** Kept so that the JIT cannot drop the job as unused. */
  private byte last;

  public CoreProbe() {
    for (int i = 0; i < BYTES; i++) {
      data[i] = (byte) (i * 31 + 7);
    }
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Whether this JVM can measure a thread's CPU time (else {@link #micros()} is -1). */
  public static boolean supported() {
    return THREADS.isCurrentThreadCpuTimeSupported();
  }

  /** The CPU time of one run of the job on the calling thread, µs; -1 if it cannot be measured. */
  public double micros() {
    if (!supported()) {
      return -1;
    }
    long before = THREADS.getCurrentThreadCpuTime();
    byte[] digest = sha.digest(data);
    long after = THREADS.getCurrentThreadCpuTime();
    last ^= digest[0];
    return (after - before) / 1e3;
  }

  /** The fastest of {@code runs} (the least disturbed), µs; -1 if it cannot be measured. */
  public double fastestOf(int runs) {
    double best = Double.MAX_VALUE;
    for (int i = 0; i < runs; i++) {
      double us = micros();
      if (us < 0) {
        return -1;
      }
      best = Math.min(best, us);
    }
    return best;
  }

  /** The median of the measured values (negative ones left out), or -1 if there are none. */
  public static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).filter(x -> x >= 0).toArray();
    if (v.length == 0) {
      return -1;
    }
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  @Override
  public String toString() {
    return "CoreProbe(sha-256 of " + BYTES + " bytes, last " + last + ")";
  }
}
