package vn.tracegate.tracing.export;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.tracegate.tracing.graph.TraceEdge;
import vn.tracegate.tracing.graph.TraceGraph;
import vn.tracegate.tracing.graph.TraceNode;
import vn.tracegate.tracing.people.PersonDetails;
import vn.tracegate.tracing.people.Visibility;

/**
 * The rows of a trace list as health officers read it: one per exposed worker, by level then
 * first exposure, with the viewer's {@link Visibility} applied. Times are local (UTC+7).
 */
public final class TraceList {

  public static final ZoneOffset LOCAL = ZoneOffset.ofHours(7);
  public static final DateTimeFormatter LOCAL_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  public static final List<String> HEADER = List.of("Level", "Worker ID", "Full name", "Phone", "Enterprise",
      "Team", "First exposure (UTC+7)", "Places", "Minutes", "Via");

  private TraceList() {}

  public static List<TraceListRow> rows(TraceGraph graph, Map<String, PersonDetails> people,
      Map<String, String> checkpointNames, Visibility visibility) {
    List<TraceListRow> rows = new ArrayList<>();
    Map<String, List<TraceEdge>> contacts = graph.edgesByTarget();
    for (TraceNode node : graph.nodes()) {
      PersonDetails p = visibility.apply(people.get(node.workerId()));
      Set<String> places = new LinkedHashSet<>();
      long minutes = 0;
      for (TraceEdge e : contacts.getOrDefault(node.workerId(), List.of())) {
        places.add(checkpointNames.getOrDefault(e.checkpointId(), e.checkpointId()));
        minutes += e.minutes();
      }
      rows.add(new TraceListRow(node.levelName(), node.workerId(),
          p == null ? null : p.fullName(), p == null ? null : p.phone(), p == null ? null : p.enterpriseId(),
          p == null ? null : p.team(), node.firstExposureAt(), List.copyOf(places),
          node.level() == 0 ? null : minutes, node.via()));
    }
    return rows;
  }

  /** A cell a spreadsheet will not run: text starting with = + - @ tab or CR gets a leading '. */
  public static String neutralised(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    char c = text.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + text : text;
  }
}
