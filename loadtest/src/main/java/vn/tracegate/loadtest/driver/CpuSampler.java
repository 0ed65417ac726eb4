package vn.tracegate.loadtest.driver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Where the machine's cores go during a run: once a second, the CPU time of each watched process
 * (gateway, Cassandra, Redis, this driver) from {@code /proc/<pid>/stat} and the whole machine's
 * busy time from {@code /proc/stat}, as percent of one core (200% = both cores of a 2-core box).
 * "other" is the machine's busy time not spent in a watched process. "steal" is the time the
 * hypervisor gave this machine's cores to other guests while they had work (the {@code steal}
 * column of {@code /proc/stat}): on a shared host it takes CPU from every process here, and no
 * process's own time shows it, so it is kept apart from "other" and from "machine". For each watched JVM it also
 * samples its JIT compiler threads ({@link JitTicks}): how much of its CPU was still compilation.
 * And it times a fixed job on its own thread ({@link CoreProbe}): how fast a core was that second.
 * Linux only; elsewhere empty.
 */
public final class CpuSampler {

  /**
   * One second: seconds since start, machine busy % (without steal), % stolen by the host, % per
   * watched process, % spent by the JIT compiler threads of each watched JVM (part of its
   * process's %, not beside it), and the {@link CoreProbe}'s µs (-1 if not measured).
   */
  public record Sample(double second, double machine, double steal, Map<String, Double> processes,
      Map<String, Double> jit, double probeMicros) {}

  /** What took CPU from the measured processes over a wait: other processes, and the host (steal). */
  public record Busy(double other, double steal) {
    public double total() {
      return other + steal;
    }
  }

  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux
  private final Map<String, Long> pids;
  private final List<Sample> samples = new ArrayList<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "cpu-sampler");
    t.setDaemon(true);
    return t;
  });
  private long startNanos;
  /** Wall clock at {@link #startNanos}, so that a second of the series can be matched with other logs. */
  private long startEpochMillis;
  private long lastNanos;
  private long[] lastMachine;
  private Map<String, Long> lastTicks;
  private final Map<String, JitTicks> compilers = new LinkedHashMap<>();
  private Map<String, Long> lastJit;
  private final CoreProbe probe = new CoreProbe();

  public CpuSampler(Map<String, Long> pids) {
    this.pids = Collections.synchronizedMap(new LinkedHashMap<>(pids));
  }

  /** Watches one more process from the next sample on (a child started mid-run). */
  public void watch(String name, long pid) {
    pids.put(name, pid);
  }

  public void start(long startNanos) {
    this.startNanos = startNanos;
    this.startEpochMillis = System.currentTimeMillis() - (System.nanoTime() - startNanos) / 1_000_000;
    lastNanos = System.nanoTime();
    lastMachine = machineTicks();
    lastTicks = processTicks();
    lastJit = jitTicks();
    timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
  }

  public void stop() {
    timer.shutdownNow();
  }

  private void sample() {
    long now = System.nanoTime();
    long[] machine = machineTicks();
    Map<String, Long> ticks = processTicks();
    Map<String, Long> jitTicks = jitTicks();
    double seconds = (now - lastNanos) / 1e9;
    Map<String, Double> perProcess = percents(ticks, lastTicks, seconds);
    double watched = perProcess.values().stream().mapToDouble(Double::doubleValue).sum();
    double machinePct = 0;
    double stealPct = 0;
    if (machine != null && lastMachine != null) {
      machinePct = (machine[0] - lastMachine[0]) / TICKS_PER_SECOND / seconds * 100;
      stealPct = (machine[1] - lastMachine[1]) / TICKS_PER_SECOND / seconds * 100;
    }
    perProcess.put("other", Math.max(0, machinePct - watched));
    Map<String, Double> jit = percents(jitTicks, lastJit, seconds);
    // After the readings, so that its own CPU falls in the next second's "driver".
    double probeMicros;
    synchronized (probe) {
      probeMicros = probe.micros();
    }
    synchronized (samples) {
      samples.add(new Sample((now - startNanos) / 1e9, machinePct, stealPct, perProcess, jit, probeMicros));
    }
    lastNanos = now;
    lastMachine = machine;
    lastTicks = ticks;
    lastJit = jitTicks;
  }

  /** % of one core each name used between two tick readings {@code seconds} apart (names in both only). */
  private static Map<String, Double> percents(Map<String, Long> now, Map<String, Long> before, double seconds) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (var e : now.entrySet()) {
      Long then = before.get(e.getKey());
      if (then != null) {
        out.put(e.getKey(), (e.getValue() - then) / TICKS_PER_SECOND / seconds * 100);
      }
    }
    return out;
  }

  /** The watched processes now (a child may join mid-run). */
  private Map<String, Long> watchedPids() {
    synchronized (pids) {
      return new LinkedHashMap<>(pids);
    }
  }

  /** Compiler-thread ticks of each watched JVM since the sampler first saw it (non-JVMs left out). */
  private Map<String, Long> jitTicks() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (var e : watchedPids().entrySet()) {
      JitTicks j = compilers.get(e.getKey());
      if (j == null || j.pid() != e.getValue()) {
        j = new JitTicks(e.getValue());
        compilers.put(e.getKey(), j);
      }
      long ticks = j.ticks();
      if (j.isJvm()) {
        out.put(e.getKey(), ticks);
      }
    }
    return out;
  }

  /**
   * Waits until processes other than the watched ones, together with the host's steal, take less
   * than {@code belowPercent} of one core over two seconds, or {@code maxSeconds} pass; returns
   * the last measured shares. Another session's build or test on a shared 2-core machine, or a
   * busy neighbour on the host, skews every figure, so runs start quiet.
   */
  public Busy awaitQuiet(double belowPercent, double maxSeconds, java.util.function.Consumer<Busy> waiting)
      throws InterruptedException {
    long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
    while (true) {
      long[] m0 = machineTicks();
      Map<String, Long> p0 = processTicks();
      long t0 = System.nanoTime();
      Thread.sleep(2_000);
      long[] m1 = machineTicks();
      Map<String, Long> p1 = processTicks();
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (m0 == null || m1 == null) {
        return new Busy(0, 0);
      }
      double watched = percents(p1, p0, seconds).values().stream().mapToDouble(Double::doubleValue).sum();
      Busy busy = new Busy(Math.max(0, (m1[0] - m0[0]) / TICKS_PER_SECOND / seconds * 100 - watched),
          (m1[1] - m0[1]) / TICKS_PER_SECOND / seconds * 100);
      if (busy.total() < belowPercent || System.nanoTime() >= deadline) {
        return busy;
      }
      waiting.accept(busy);
    }
  }

  /** Ticks of all cores: {busy, steal}, from {@code /proc/stat}. */
  private static long[] machineTicks() {
    try {
      return parseStatLine(Files.readAllLines(Path.of("/proc/stat")).get(0));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The {@code cpu} line of {@code /proc/stat} as {busy, steal}: busy = user + nice + system + irq
   * + softirq (a process's own user and system time exclude steal, so "other" must too); steal is
   * the time the hypervisor ran other guests while this machine had work. Guest time is already
   * inside user.
   */
  static long[] parseStatLine(String line) {
    String[] f = line.trim().split("\\s+");
    if (!f[0].equals("cpu")) {
      throw new IllegalArgumentException("not the all-cores line of /proc/stat: " + f[0]);
    }
    long busy = 0;
    for (int i : new int[] {1, 2, 3, 6, 7}) {
      busy += Long.parseLong(f[i]);
    }
    return new long[] {busy, f.length > 8 ? Long.parseLong(f[8]) : 0};
  }

  private Map<String, Long> processTicks() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (var e : watchedPids().entrySet()) {
      try {
        out.put(e.getKey(), JitTicks.ticksOf(Files.readString(Path.of("/proc", e.getValue().toString(), "stat"))));
      } catch (IOException | RuntimeException gone) {
        // The process is gone or not ours to read: leave it out.
      }
    }
    return out;
  }

  public List<Sample> samples() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }

  /**
   * How fast a core is on a quiet machine: the fastest of a few {@link CoreProbe} runs, µs; -1 if
   * it cannot be measured. For a figure before the measured phases (e.g. after {@link #awaitQuiet}).
   */
  public double probeNow() {
    synchronized (probe) {
      return probe.fastestOf(5);
    }
  }

  /**
   * Mean % per process (and the machine) over samples taken in [fromSecond, toSecond), and the
   * median of their {@link CoreProbe} µs ({@code coreProbeUs}).
   */
  public JsonObject average(double fromSecond, double toSecond) {
    Map<String, Double> sum = new LinkedHashMap<>();
    Map<String, Double> jit = new LinkedHashMap<>();
    double machine = 0;
    double steal = 0;
    int n = 0;
    List<Double> probes = new ArrayList<>();
    for (Sample s : samples()) {
      if (s.second() > fromSecond && s.second() <= toSecond) {
        n++;
        probes.add(s.probeMicros());
        machine += s.machine();
        steal += s.steal();
        s.processes().forEach((k, v) -> sum.merge(k, v, Double::sum));
        s.jit().forEach((k, v) -> jit.merge(k, v, Double::sum));
      }
    }
    JsonObject out = new JsonObject().put("machine", n == 0 ? 0 : Math.round(machine / n))
        .put("steal", n == 0 ? 0 : Math.round(steal / n));
    for (var e : sum.entrySet()) {
      out.put(e.getKey(), Math.round(e.getValue() / n));
    }
    if (!jit.isEmpty()) {
      // One decimal: a JVM past its warm-up compiles a few tenths of a percent of a core.
      JsonObject j = new JsonObject();
      for (var e : jit.entrySet()) {
        j.put(e.getKey(), Math.round(e.getValue() / n * 10) / 10.0);
      }
      out.put("jit", j);
    }
    double probeMedian = CoreProbe.median(probes);
    if (probeMedian >= 0) {
      out.put("coreProbeUs", Math.round(probeMedian));
    }
    return out;
  }

  private JsonObject watchedJson() {
    return new JsonObject(new LinkedHashMap<String, Object>(watchedPids()));
  }

  public JsonObject toJson() {
    JsonArray series = new JsonArray();
    for (Sample s : samples()) {
      JsonObject p = new JsonObject();
      s.processes().forEach((k, v) -> p.put(k, Math.round(v)));
      JsonObject j = new JsonObject();
      s.jit().forEach((k, v) -> j.put(k, Math.round(v)));
      series.add(new JsonObject().put("second", Math.round(s.second() * 10) / 10.0)
          .put("machine", Math.round(s.machine())).put("steal", Math.round(s.steal())).put("processes", p)
          .put("jit", j).put("coreProbeUs", Math.round(s.probeMicros())));
    }
    return new JsonObject().put("unit", "percent of one core; machine = busy without steal")
        .put("startedAt", java.time.Instant.ofEpochMilli(startEpochMillis).toString()).put("watched", watchedJson())
        .put("series", series);
  }
}
