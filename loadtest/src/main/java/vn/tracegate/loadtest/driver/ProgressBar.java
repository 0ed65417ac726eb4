package vn.tracegate.loadtest.driver;

import java.io.PrintStream;
import java.util.function.DoubleSupplier;

/**
 * A one-line progress bar on stderr, redrawn in place on a terminal, printed every ten seconds
 * otherwise (logs, CI): elapsed time, the current step, counts so far, in-flight requests, the
 * last second's p99 and the gateway's heap.
 */
public final class ProgressBar {

  private static final int WIDTH = 24;

  private final PrintStream out;
  private final boolean terminal;
  private final DoubleSupplier heapMb;
  private long printed;

  public ProgressBar(PrintStream out, boolean terminal, DoubleSupplier heapMb) {
    this.out = out;
    this.terminal = terminal;
    this.heapMb = heapMb;
  }

  public void show(OpenLoadDriver.Snapshot s) {
    double fraction = Math.min(1, s.elapsedMicros() / (double) s.totalMicros());
    int filled = (int) Math.round(fraction * WIDTH);
    String line = String.format("[%s%s] %3.0f%% %4.0f/%.0f s  step %d/%d @ %,.0f/s  sent %,d  2xx %,d  err %,d"
            + "  not sent %,d  in flight %d  p99(1s) %.1f ms  heap %.0f MB",
        "#".repeat(filled), ".".repeat(WIDTH - filled), fraction * 100, s.elapsedMicros() / 1e6,
        s.totalMicros() / 1e6, s.step() + 1, s.steps(), s.rate(), s.sent(), s.ok(), s.errors(), s.unsent(),
        s.inFlight(), s.lastSecondP99Ms(), heapMb.getAsDouble());
    long second = s.elapsedMicros() / 1_000_000;
    if (terminal) {
      out.print("\r" + line + "\u001b[K");
      out.flush();
    } else if (second - printed >= 10 || fraction >= 1) {
      out.println(line);
      printed = second;
    }
  }

  /** Ends the in-place line. */
  public void done() {
    if (terminal) {
      out.println();
    }
  }
}
