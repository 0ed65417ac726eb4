package vn.tracegate.loadtest;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.tracegate.loadtest.driver.Schedule;
import vn.tracegate.loadtest.park.Scenario;

/**
 * The load test's command line, parsed and bounded: a run is at most an hour, at most 50,000
 * requests a second, and only against this machine (127.0.0.1), so it always stops by itself and
 * never loads someone else's server.
 */
public record LoadOptions(
    double rate,
    double durationSeconds,
    double chunkSeconds,
    List<Double> ramp,
    double stepSeconds,
    double warmupSeconds,
    double cassandraWarmupSeconds,
    Scenario scenario,
    int workers,
    long seed,
    Path out,
    URI baseUrl,
    int connections,
    int maxInFlight,
    double roofSeconds,
    double saturationSeconds,
    double kneeP99Ms,
    String gatewayHeap,
    int barePort,
    double quietBelow,
    double quietWaitSeconds,
    Map<String, Long> watch) {

  static final double MAX_RATE = 50_000;
  static final double MAX_SECONDS = 3_600;

  public static final String USAGE = """
      usage: LoadMain [--rate R] [--duration S [--chunk S]] | [--ramp R1,R2,... [--step S]]
                      [--warmup S] [--cassandra-warmup S] [--scenario shift-change|steady] [--workers N] [--seed N]
                      [--out DIR] [--base-url http://127.0.0.1:18080] [--connections 128]
                      [--max-in-flight 1024] [--roof-seconds 10] [--saturation-seconds 10]
                      [--knee-p99-ms 50] [--gateway-heap 512m] [--bare-port 18090]
                      [--quiet-below 30] [--quiet-wait 300] [--watch name=pid,...]
        --rate/--duration  a constant arrival rate (scans/s) for S seconds (default 2000/s, 60 s)
        --chunk            cut a constant-rate run into chunks of S seconds (held for a quiet machine between)
        --ramp/--step      rising steps of S seconds each (default 30) to find the knee
        --warmup           seconds at half the first rate, sent but not counted (default 120: on two
                           cores a fresh gateway JVM compiles its scan path for minutes; after 30 s
                           p99 at 250/s was 102-355 ms, after 120 s 11-41 ms)
        --cassandra-warmup seconds of writes into a keyspace of its own before the open model (default 30;
                           0 skips it), until Cassandra has flushed and compacted, then emptied: a fresh
                           Cassandra JVM compiles its flush and compaction code during the measured steps
        --roof-seconds     seconds per roof measurement (Cassandra, bare Vert.x); 0 skips them
        --saturation-seconds  closed-loop TraceGate at --connections; 0 skips it
        --quiet-below/--quiet-wait  before each measured phase, wait up to this many seconds until
                           processes not watched use less than this % of one core (shared machines)
        --watch            processes whose CPU to sample, e.g. gateway=123,cassandra=456
      """;

  /**
   * The arrival schedule these options describe: the ramp's steps, or the constant rate as one
   * step, or cut into chunks of {@code --chunk} seconds (so that a long run can hold for a quiet
   * machine between chunks).
   */
  public Schedule schedule() {
    if (!ramp.isEmpty()) {
      return Schedule.ramp(ramp, stepSeconds, warmupSeconds);
    }
    if (chunkSeconds > 0 && chunkSeconds < durationSeconds) {
      int chunks = (int) Math.ceil(durationSeconds / chunkSeconds);
      return Schedule.ramp(Collections.nCopies(chunks, rate), durationSeconds / chunks, warmupSeconds);
    }
    return Schedule.ramp(List.of(rate), durationSeconds, warmupSeconds);
  }

  public boolean isRamp() {
    return !ramp.isEmpty();
  }

  public static LoadOptions parse(String[] args) {
    Reader r = Reader.of(args, Set.of());
    LoadOptions o = new LoadOptions(
        r.number("rate", 2000, 1, MAX_RATE),
        r.number("duration", 60, 1, MAX_SECONDS),
        r.number("chunk", 0, 0, MAX_SECONDS),
        r.rates("ramp"),
        r.number("step", 30, 1, MAX_SECONDS),
        r.number("warmup", 120, 0, 600),
        r.number("cassandra-warmup", 30, 0, 600),
        Scenario.parse(r.text("scenario", "shift-change")),
        (int) r.number("workers", 20_000, 10, 200_000),
        (long) r.number("seed", 1, 0, Integer.MAX_VALUE),
        Path.of(r.text("out", ".tracegate/load/manual")),
        localUrl(r.text("base-url", "http://127.0.0.1:18080")),
        (int) r.number("connections", 128, 1, 1024),
        (int) r.number("max-in-flight", 1024, 1, 100_000),
        r.number("roof-seconds", 10, 0, 600),
        r.number("saturation-seconds", 10, 0, 600),
        r.number("knee-p99-ms", 50, 1, 10_000),
        r.text("gateway-heap", "512m"),
        (int) r.number("bare-port", 18090, 1024, 65535),
        r.number("quiet-below", 30, 1, 200),
        r.number("quiet-wait", 300, 0, 3_600),
        r.pids("watch"));
    r.refuseUnknown();
    double total = o.schedule().durationMicros() / 1e6;
    if (total > MAX_SECONDS) {
      throw new IllegalArgumentException("the run would take " + Math.round(total) + " s; at most "
          + (long) MAX_SECONDS + " s");
    }
    return o;
  }

  /** Refuses any address but this machine's: load stays on 127.0.0.1. */
  public static URI localUrl(String text) {
    URI uri = URI.create(text);
    if (!"http".equals(uri.getScheme()) || !("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()))
        || uri.getPort() < 1) {
      throw new IllegalArgumentException("--base-url must be http://127.0.0.1:PORT (load stays on this machine), got '"
          + text + "'");
    }
    return uri;
  }

  /** Reads named values once each, so that a misspelt option is refused. */
  public static final class Reader {
    private final Map<String, String> given;

    public Reader(Map<String, String> given) {
      this.given = new LinkedHashMap<>(given);
    }

    /** {@code --name value} pairs; the names in {@code flags} stand alone and read as "true". */
    public static Reader of(String[] args, Set<String> flags) {
      Map<String, String> given = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        if (name.startsWith("--") && flags.contains(name.substring(2))) {
          given.put(name.substring(2), "true");
          continue;
        }
        if (!name.startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException("expected --option value, got '" + name + "'");
        }
        given.put(name.substring(2), args[++i]);
      }
      return new Reader(given);
    }

    /** True when the flag was given. */
    public boolean flag(String name) {
      return given.remove(name) != null;
    }

    public String text(String name, String fallback) {
      String v = given.remove(name);
      return v == null ? fallback : v;
    }

    public double number(String name, double fallback, double min, double max) {
      String v = given.remove(name);
      if (v == null) {
        return fallback;
      }
      double d;
      try {
        d = Double.parseDouble(v.replace("_", ""));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--" + name + " must be a number, got '" + v + "'");
      }
      if (!(d >= min && d <= max)) {
        throw new IllegalArgumentException("--" + name + " must be from " + fmt(min) + " to " + fmt(max) + ", got " + v);
      }
      return d;
    }

    public List<Double> rates(String name) {
      String v = given.remove(name);
      List<Double> out = new ArrayList<>();
      if (v == null || v.isBlank()) {
        return out;
      }
      for (String part : v.split(",")) {
        try {
          double d = Double.parseDouble(part.trim());
          if (!(d >= 1 && d <= MAX_RATE)) {
            throw new NumberFormatException();
          }
          out.add(d);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--" + name + " takes rates from 1 to " + fmt(MAX_RATE)
              + " separated by commas, got '" + v + "'");
        }
      }
      return List.copyOf(out);
    }

    public Map<String, Long> pids(String name) {
      String v = given.remove(name);
      Map<String, Long> out = new LinkedHashMap<>();
      if (v == null || v.isBlank()) {
        return out;
      }
      for (String pair : v.split(",")) {
        String[] kv = pair.split("=", 2);
        try {
          out.put(kv[0].trim(), Long.parseLong(kv[1].trim()));
        } catch (RuntimeException e) {
          throw new IllegalArgumentException("--" + name + " takes name=pid pairs, got '" + pair + "'");
        }
      }
      return out;
    }

    public void refuseUnknown() {
      if (!given.isEmpty()) {
        throw new IllegalArgumentException("unknown option --" + given.keySet().iterator().next());
      }
    }

    private static String fmt(double d) {
      return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
  }
}
