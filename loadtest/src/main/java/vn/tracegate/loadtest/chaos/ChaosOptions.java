package vn.tracegate.loadtest.chaos;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import vn.tracegate.loadtest.LoadOptions;

/**
 * The chaos run's command line, parsed and bounded: a constant open-model rate for about
 * {@code duration} seconds, cut into a baseline and one phase per fault, each fault held for
 * {@code down} seconds; only against this machine. {@code --quick} is the short run of the test
 * suite (50 scans/s, 5 s phases, 2 s outages, a small park).
 *
 * @param retryForSeconds a scan not acknowledged this long after its first send is given up
 * @param recoverWithinSeconds how long after a heal the gateway may take to answer 2xx again
 */
public record ChaosOptions(
    double rate,
    double durationSeconds,
    List<Fault> faults,
    boolean cluster,
    double downSeconds,
    int workers,
    long seed,
    Path out,
    URI baseUrl,
    Path script,
    int connections,
    int maxInFlight,
    double retryForSeconds,
    double recoverWithinSeconds,
    boolean quick) {

  public static final String USAGE = """
      usage: ChaosMain [--quick] [--rate R] [--duration S] [--faults redis,gateway,cassandra] [--cluster]
                       [--down S] [--workers N] [--seed N] [--retry-for S] [--recover-within S]
                       [--connections 64] [--max-in-flight 1024] --out DIR --base-url http://127.0.0.1:PORT
                       --script PATH/tracegate
        --rate/--duration  scans/s (default 300; --quick 50) for about S seconds (default 240; --quick 20),
                           a baseline then one phase per fault; a phase lasts until its fault has recovered
        --faults           which faults, in this order (default all three)
        --cluster          the Cassandra fault kills -9 one node of three (RF 3, LOCAL_QUORUM) instead of
                           stopping the single node
        --down             seconds each fault is held before it is healed (default 10; --quick 2)
        --retry-for        a scan unacknowledged this long after its first send is given up (default 600)
        --recover-within   seconds a healed fault may take to give a 2xx again (default 120)
      """;

  static final double MAX_SECONDS = 3_600;

  /** Length of each phase (the baseline and each fault's), before any wait for a recovery. */
  public double phaseSeconds() {
    return durationSeconds / (faults.size() + 1);
  }

  public static ChaosOptions parse(String[] args) {
    LoadOptions.Reader r = LoadOptions.Reader.of(args, Set.of("quick", "cluster"));
    boolean quick = r.flag("quick");
    ChaosOptions o = new ChaosOptions(
        r.number("rate", quick ? 50 : 300, 1, 20_000),
        r.number("duration", quick ? 20 : 240, 4, MAX_SECONDS),
        faults(r.text("faults", "redis,gateway,cassandra")),
        r.flag("cluster"),
        r.number("down", quick ? 2 : 10, 1, 600),
        (int) r.number("workers", quick ? 200 : 2_000, 10, 200_000),
        (long) r.number("seed", 1, 0, Integer.MAX_VALUE),
        Path.of(r.text("out", ".tracegate/chaos/manual")),
        LoadOptions.localUrl(r.text("base-url", "http://127.0.0.1:18180")),
        Path.of(r.text("script", "tracegate")),
        (int) r.number("connections", 64, 1, 1024),
        (int) r.number("max-in-flight", 1024, 1, 100_000),
        r.number("retry-for", 600, 5, MAX_SECONDS),
        r.number("recover-within", 120, 5, 1_800),
        quick);
    r.refuseUnknown();
    if (o.downSeconds() >= o.phaseSeconds()) {
      throw new IllegalArgumentException("--down " + fmt(o.downSeconds()) + " s leaves nothing of a "
          + fmt(o.phaseSeconds()) + " s phase (--duration " + fmt(o.durationSeconds()) + " s over "
          + (o.faults().size() + 1) + " phases): give a longer --duration or a shorter --down");
    }
    return o;
  }

  static List<Fault> faults(String text) {
    List<Fault> out = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      Fault f = Fault.parse(part.trim());
      if (out.contains(f)) {
        throw new IllegalArgumentException("--faults names " + f.cliName() + " twice");
      }
      out.add(f);
    }
    return List.copyOf(out);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : String.format("%.1f", d);
  }
}
