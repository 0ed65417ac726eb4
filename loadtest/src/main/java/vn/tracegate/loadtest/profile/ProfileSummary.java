package vn.tracegate.loadtest.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a gateway's JFR recording and names where its CPU went: samples by layer (the first
 * frame from the top of each stack that belongs to a known library), the hottest methods by own
 * time, the methods that allocate most, CPU by thread, and GC pauses. Prints Markdown.
 * {@code java -cp loadtest.jar vn.tracegate.loadtest.profile.ProfileSummary gateway.jfr [from to]}
 * where from/to (ISO instants) limit it to the loaded part of the recording.
 */
public final class ProfileSummary {

  /** Library layers by package prefix, most specific first. */
  private static final Map<String, String> LAYERS = new LinkedHashMap<>();

  static {
    LAYERS.put("vn.tracegate.", "TraceGate code");
    LAYERS.put("io.vertx.micrometer.", "metrics (Micrometer, Vert.x metrics)");
    LAYERS.put("io.micrometer.", "metrics (Micrometer, Vert.x metrics)");
    LAYERS.put("io.vertx.ext.web.", "vertx-web (router, body handler)");
    LAYERS.put("io.vertx.ext.auth.", "vertx-auth");
    LAYERS.put("io.vertx.core.json.", "JSON (Vert.x + Jackson)");
    LAYERS.put("com.fasterxml.jackson.", "JSON (Vert.x + Jackson)");
    LAYERS.put("io.vertx.core.http.", "Vert.x HTTP server");
    LAYERS.put("io.vertx.", "Vert.x core (futures, contexts)");
    LAYERS.put("com.datastax.", "Cassandra driver");
    LAYERS.put("io.lettuce.", "Lettuce (Redis client)");
    LAYERS.put("reactor.", "Lettuce (Redis client)");
    LAYERS.put("io.netty.", "Netty (I/O, buffers, codecs)");
    LAYERS.put("org.bouncycastle.", "crypto (Bouncy Castle)");
    LAYERS.put("sun.security.", "crypto (JDK)");
    LAYERS.put("java.security.", "crypto (JDK)");
    LAYERS.put("sun.nio.", "JDK NIO");
    LAYERS.put("java.", "JDK");
    LAYERS.put("jdk.", "JDK");
  }

  private ProfileSummary() {}

  public static void main(String[] args) throws IOException {
    Instant from = args.length > 1 ? Instant.parse(args[1]) : Instant.MIN;
    Instant to = args.length > 2 ? Instant.parse(args[2]) : Instant.MAX;
    Map<String, Long> layers = new HashMap<>();
    Map<String, Long> selfMethods = new HashMap<>();
    Map<String, Long> tracegateInclusive = new HashMap<>();
    Map<String, Double> allocations = new HashMap<>();
    Map<String, double[]> threads = new HashMap<>();
    long samples = 0;
    long gcCount = 0;
    Duration gcPause = Duration.ZERO;
    Duration gcLongest = Duration.ZERO;
    for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
      if (e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
        continue;
      }
      switch (e.getEventType().getName()) {
        case "jdk.ExecutionSample" -> {
          RecordedStackTrace st = e.getStackTrace();
          if (st == null || st.getFrames().isEmpty()) {
            continue;
          }
          samples++;
          List<RecordedFrame> frames = st.getFrames();
          selfMethods.merge(name(frames.get(0)), 1L, Long::sum);
          layers.merge(layer(frames), 1L, Long::sum);
          frames.stream().map(ProfileSummary::name).filter(n -> n.startsWith("vn.tracegate.")).distinct()
              .forEach(n -> tracegateInclusive.merge(n, 1L, Long::sum));
        }
        case "jdk.ObjectAllocationSample" -> {
          RecordedStackTrace st = e.getStackTrace();
          String where = st == null || st.getFrames().isEmpty() ? "?" : firstOwnFrame(st.getFrames());
          allocations.merge(where, (double) e.getLong("weight"), Double::sum);
        }
        case "jdk.ThreadCPULoad" -> {
          String thread = e.getThread("eventThread") == null ? "?" : e.getThread("eventThread").getJavaName();
          double[] acc = threads.computeIfAbsent(thread, k -> new double[2]);
          acc[0] += e.getFloat("user") + e.getFloat("system");
          acc[1]++;
        }
        case "jdk.GarbageCollection" -> {
          gcCount++;
          gcPause = gcPause.plus(e.getDuration("sumOfPauses"));
          if (e.getDuration("longestPause").compareTo(gcLongest) > 0) {
            gcLongest = e.getDuration("longestPause");
          }
        }
        default -> { }
      }
    }
    StringBuilder md = new StringBuilder("# Gateway profile (JFR)\n\n");
    md.append(samples).append(" execution samples (Java code on CPU; native time in syscalls is not sampled).\n\n");
    table(md, "Where the samples are, by layer (first known library from the top of the stack)",
        "layer", layers, samples, 20);
    table(md, "Hottest methods by own time", "method", selfMethods, samples, 25);
    table(md, "TraceGate methods by inclusive time (on the stack)", "method", tracegateInclusive, samples, 20);
    Map<String, Long> alloc = new HashMap<>();
    allocations.forEach((k, v) -> alloc.put(k, Math.round(v / (1024 * 1024))));
    long allocTotal = alloc.values().stream().mapToLong(Long::longValue).sum();
    table(md, "Allocation by first application-level frame (MB, sampled weight)", "where", alloc, allocTotal, 15);
    // Each thread's mean load over the recording, summed per group of like-named threads.
    Map<String, Double> groups = new HashMap<>();
    threads.forEach((thread, acc) -> groups.merge(group(thread), acc[0] / acc[1], Double::sum));
    md.append("## CPU by thread group (JFR ThreadCPULoad: share of the whole machine's CPU, mean over the window)\n\n")
        .append("| threads | share |\n|---|---|\n");
    groups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(12)
        .forEach(g -> md.append("| `").append(g.getKey()).append("` | ")
            .append(String.format("%.1f%%", g.getValue() * 100)).append(" |\n"));
    md.append("\n## GC\n\n").append(gcCount).append(" collections, ").append(gcPause.toMillis())
        .append(" ms of pauses in all, longest ").append(gcLongest.toMillis()).append(" ms.\n");
    System.out.print(md);
  }

  private static void table(StringBuilder md, String title, String what, Map<String, Long> counts, long total,
      int limit) {
    md.append("## ").append(title).append("\n\n| ").append(what).append(" | share | count |\n|---|---|---|\n");
    counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
        .forEach(e -> md.append("| `").append(e.getKey()).append("` | ")
            .append(String.format("%.1f%%", total == 0 ? 0 : 100.0 * e.getValue() / total)).append(" | ")
            .append(e.getValue()).append(" |\n"));
    md.append('\n');
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static String layer(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      String type = f.getMethod().getType().getName();
      for (var l : LAYERS.entrySet()) {
        if (type.startsWith(l.getKey()) && !l.getKey().equals("java.") && !l.getKey().equals("jdk.")) {
          return l.getValue();
        }
      }
    }
    return "JDK";
  }

  /** The first frame outside java.*, jdk.* and sun.*: who asked for the memory. */
  private static String firstOwnFrame(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      String type = f.getMethod().getType().getName();
      if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
        return name(f);
      }
    }
    return name(frames.get(0));
  }

  /** Thread names without their number: "vert.x-eventloop-thread-1" → "vert.x-eventloop-thread-N". */
  private static String group(String thread) {
    return thread == null ? "?" : thread.replaceAll("\\d+", "N");
  }
}
