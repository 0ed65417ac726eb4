package vn.tracegate.loadtest.driver;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM's unified GC log ({@code -Xlog:gc:file=…:time,uptime}), as the load test's processes write
 * it: the stop-the-world pauses (young, mixed, remark, cleanup, full) and the concurrent marking
 * cycles, each at the wall-clock time its line was written (a pause's end). On JDK 17 the JVM's
 * management beans report no Remark or Cleanup pause, so {@code /metrics} cannot show them; the
 * log does. A step's window then says how often and how long a process stopped in it.
 */
public final class GcLog {

  /** One event: a pause or the end of a concurrent cycle, with its length. */
  public record Event(Instant at, boolean pause, String kind, double ms) {}

  /** The events whose line falls in a window. */
  public record Window(int pauses, double pauseMs, double maxPauseMs, String maxPauseKind, int concurrentCycles,
      double concurrentMs) {

    public JsonObject toJson() {
      JsonObject o = new JsonObject()
          .put("pauses", pauses)
          .put("pauseMs", round(pauseMs))
          .put("maxPauseMs", round(maxPauseMs))
          .put("concurrentCycles", concurrentCycles)
          .put("concurrentMs", round(concurrentMs));
      if (maxPauseKind != null) {
        o.put("maxPauseKind", maxPauseKind);
      }
      return o;
    }

    private static double round(double v) {
      return Math.round(v * 10) / 10.0;
    }
  }

  // [2026-12-02T13:16:04.423+0000][293.448s] GC(155) Pause Remark 156M->155M(262M) 94.803ms
  // [2026-12-02T13:16:04.459+0000][293.484s] GC(155) Concurrent Mark Cycle 293.704ms
  private static final Pattern LINE = Pattern.compile(
      "^\\[([^\\]]+)\\](?:\\[[^\\]]*\\])*\\s+GC\\(\\d+\\)\\s+(Pause .+?|Concurrent \\w+ Cycle)(?:\\s+\\S+)?\\s+(\\d+(?:\\.\\d+)?)ms\\s*$");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  private final List<Event> events;

  private GcLog(List<Event> events) {
    this.events = events;
  }

  /** The log at {@code file}; empty if it does not exist or cannot be read. */
  public static GcLog read(Path file) {
    try {
      return parse(Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of());
    } catch (IOException | RuntimeException e) {
      return new GcLog(List.of());
    }
  }

  public static GcLog parse(List<String> lines) {
    List<Event> events = new ArrayList<>();
    for (String line : lines) {
      Event e = event(line);
      if (e != null) {
        events.add(e);
      }
    }
    return new GcLog(events);
  }

  /** The event on one line, or null for any other line (safepoints, heap sizes, start-up). */
  static Event event(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      return null;
    }
    Instant at;
    try {
      at = OffsetDateTime.parse(m.group(1), TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
    String what = m.group(2);
    boolean pause = what.startsWith("Pause ");
    String kind = pause ? kind(what.substring("Pause ".length())) : what;
    return new Event(at, pause, kind, Double.parseDouble(m.group(3)));
  }

  /** "Young (Normal) (G1 Evacuation Pause) 215M->130M(256M)" → "Young"; "Remark 156M->155M(262M)" → "Remark". */
  private static String kind(String rest) {
    int end = 0;
    while (end < rest.length() && Character.isLetter(rest.charAt(end))) {
      end++;
    }
    String first = rest.substring(0, end);
    return rest.startsWith("Young (Mixed)") ? "Mixed" : first;
  }

  public List<Event> events() {
    return events;
  }

  /** The events whose line was written at or after {@code from} and before {@code to}. */
  public Window window(Instant from, Instant to) {
    int pauses = 0;
    int cycles = 0;
    double pauseMs = 0;
    double concurrentMs = 0;
    double max = 0;
    String maxKind = null;
    for (Event e : events) {
      if (e.at().isBefore(from) || !e.at().isBefore(to)) {
        continue;
      }
      if (e.pause()) {
        pauses++;
        pauseMs += e.ms();
        if (e.ms() > max) {
          max = e.ms();
          maxKind = e.kind();
        }
      } else {
        cycles++;
        concurrentMs += e.ms();
      }
    }
    return new Window(pauses, pauseMs, max, maxKind, cycles, concurrentMs);
  }
}
