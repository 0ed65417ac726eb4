package vn.tracegate.loadtest.driver;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * The load driver's own stalls, measured the way jHiccup does: a thread asks to sleep
 * {@link #TICK_NANOS} and records how late it wakes. A late wake-up means nothing in this JVM ran
 * (a GC pause, a safepoint) or the machine gave it no core; requests due then left late too, and
 * their latency, measured from the intended send time, includes the stall. Set against the
 * per-second latency it tells a slow server from a stalled driver or a starved machine.
 */
public final class Stalls {

  public static final long TICK_NANOS = 5_000_000;

  private final Histogram all = new Histogram(60_000_000_000L, 2);
  private final double[] maxPerSecond;
  private final LongToDoubleFunction secondOf;
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param seconds length of the per-second series
   * @param secondOf the series' second at a {@link System#nanoTime()}, NaN outside it (a hold)
   */
  public Stalls(int seconds, LongToDoubleFunction secondOf) {
    this.maxPerSecond = new double[seconds];
    this.secondOf = secondOf;
    this.thread = new Thread(this::run, "stall-meter");
    thread.setDaemon(true);
    thread.setPriority(Thread.MAX_PRIORITY);
  }

  public Stalls start() {
    thread.start();
    return this;
  }

  public void stop() {
    running = false;
    thread.interrupt();
  }

  private void run() {
    while (running) {
      long before = System.nanoTime();
      LockSupport.parkNanos(TICK_NANOS);
      long after = System.nanoTime();
      long late = Math.max(0, after - before - TICK_NANOS);
      record(after, late);
    }
  }

  synchronized void record(long nanos, long lateNanos) {
    all.recordValue(Math.min(lateNanos, all.getHighestTrackableValue()));
    double s = secondOf.applyAsDouble(nanos);
    if (!Double.isNaN(s) && s >= 0 && s < maxPerSecond.length) {
      int i = (int) s;
      maxPerSecond[i] = Math.max(maxPerSecond[i], lateNanos / 1e6);
    }
  }

  /** The longest stall in each second of the series, ms. */
  public synchronized double maxMsIn(int second) {
    return second >= 0 && second < maxPerSecond.length ? maxPerSecond[second] : 0;
  }

  /** The longest stall over the whole run, ms. */
  public synchronized double maxMs() {
    return all.getMaxValue() / 1e6;
  }

  /** The stall at a percentile of all wake-ups, ms. */
  public synchronized double percentileMs(double p) {
    return all.getValueAtPercentile(p) / 1e6;
  }
}
