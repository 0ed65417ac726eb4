package vn.tracegate.tracing;

import static vn.tracegate.checkin.registry.CheckpointKind.BUS;
import static vn.tracegate.checkin.registry.CheckpointKind.CANTEEN;
import static vn.tracegate.checkin.registry.CheckpointKind.WORKSHOP;
import static vn.tracegate.tracing.Scans.t;

import java.util.List;
import java.util.Map;
import vn.tracegate.tracing.graph.TraceEdge;
import vn.tracegate.tracing.graph.TraceGraph;
import vn.tracegate.tracing.graph.TraceNode;
import vn.tracegate.tracing.people.PersonDetails;

/**
 * A small trace written by hand (F0, two F1s, one F2 reached by two F1s) with Vietnamese names,
 * a name that is a formula, and workers of two enterprises.
 */
public final class SampleTrace {

  private SampleTrace() {}

  public static final TraceGraph GRAPH = new TraceGraph(
      List.of(
          new TraceNode("d", 2, t("2021-07-15 08:00"), "a"),
          new TraceNode("a", 1, t("2021-07-15 07:00"), "f0"),
          new TraceNode("f0", 0, null, null),
          new TraceNode("c", 1, t("2021-07-15 06:30"), "f0")),
      List.of(
          new TraceEdge("f0", "c", "can-1", CANTEEN, t("2021-07-15 06:30"), t("2021-07-15 06:50"), 20),
          new TraceEdge("f0", "a", "bus-1", BUS, t("2021-07-15 07:00"), t("2021-07-15 07:30"), 30),
          new TraceEdge("f0", "a", "bus-1", BUS, t("2021-07-15 17:00"), t("2021-07-15 17:10"), 10),
          new TraceEdge("a", "d", "ws-1", WORKSHOP, t("2021-07-15 08:00"), t("2021-07-15 12:00"), 240),
          new TraceEdge("c", "d", "can-1", CANTEEN, t("2021-07-15 12:00"), t("2021-07-15 12:20"), 20)));

  public static final Map<String, PersonDetails> PEOPLE = Map.of(
      "f0", new PersonDetails("f0", "Nguyễn Thị Lan", "0912345678", "ent-A", "Tổ may 3"),
      "a", new PersonDetails("a", "=HYPERLINK(\"http://x\",\"click\")", "0903000111", "ent-A", "Tổ cắt"),
      "c", new PersonDetails("c", "Trần Văn Bình", "0987654321", "ent-B", "Tổ đóng gói"),
      "d", new PersonDetails("d", "Lê Thị Hoa, \"Hoa\"", "0977000222", "ent-A", "Tổ may 3"));

  public static final Map<String, String> NAMES = Map.of(
      "can-1", "Nhà ăn số 1", "bus-1", "Xe đưa đón 51B-123.45", "ws-1", "Xưởng may 2");
}
