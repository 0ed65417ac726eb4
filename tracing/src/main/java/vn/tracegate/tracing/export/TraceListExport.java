package vn.tracegate.tracing.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import vn.tracegate.tracing.graph.TraceGraph;
import vn.tracegate.tracing.people.PersonDetails;
import vn.tracegate.tracing.people.Visibility;

/**
 * A trace list as a file for Excel: CSV (UTF-8 with BOM so Excel reads Vietnamese, CRLF,
 * RFC 4180 quoting) or XLSX (bold frozen header, ids and phones as text so leading zeros
 * survive, first exposure as a date). In both, text that a spreadsheet would run as a formula
 * is neutralised. Pure and synchronous: call it off the event loop for big lists.
 */
public final class TraceListExport {

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final double[] WIDTHS = {7, 14, 28, 14, 14, 14, 20, 40, 9, 14};
  private static final int FIRST_EXPOSURE = 6;
  private static final int MINUTES = 8;

  private TraceListExport() {}

  public static byte[] csv(TraceGraph graph, Map<String, PersonDetails> people,
      Map<String, String> checkpointNames, Visibility visibility) {
    StringBuilder out = new StringBuilder();
    line(out, TraceList.HEADER);
    for (TraceListRow r : TraceList.rows(graph, people, checkpointNames, visibility)) {
      line(out, cells(r));
    }
    byte[] text = out.toString().getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[BOM.length + text.length];
    System.arraycopy(BOM, 0, bytes, 0, BOM.length);
    System.arraycopy(text, 0, bytes, BOM.length, text.length);
    return bytes;
  }

  public static byte[] xlsx(TraceGraph graph, Map<String, PersonDetails> people,
      Map<String, String> checkpointNames, Visibility visibility) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Workbook wb = new Workbook(bytes, "TraceGate", "1.0")) {
      Worksheet ws = wb.newWorksheet("Trace list");
      for (int c = 0; c < TraceList.HEADER.size(); c++) {
        ws.value(0, c, TraceList.HEADER.get(c));
        ws.style(0, c).bold().set();
        ws.width(c, WIDTHS[c]);
      }
      ws.freezePane(0, 1);
      int row = 1;
      for (TraceListRow r : TraceList.rows(graph, people, checkpointNames, visibility)) {
        List<String> cells = cells(r);
        for (int c = 0; c < cells.size(); c++) {
          if (c == FIRST_EXPOSURE && r.firstExposureAt() != null) {
            ws.value(row, c, LocalDateTime.ofInstant(r.firstExposureAt(), TraceList.LOCAL));
            ws.style(row, c).format("yyyy-mm-dd hh:mm").set();
          } else if (c == MINUTES && r.minutes() != null) {
            ws.value(row, c, r.minutes());
          } else if (cells.get(c) != null && !cells.get(c).isEmpty()) {
            ws.value(row, c, cells.get(c));
            ws.style(row, c).format("@").set();
          }
        }
        row++;
      }
      wb.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The cells of a row as text, neutralised; numbers and times are ours, so never formulas. */
  private static List<String> cells(TraceListRow r) {
    return List.of(
        r.level(),
        text(r.workerId()),
        text(r.fullName()),
        text(r.phone()),
        text(r.enterpriseId()),
        text(r.team()),
        r.firstExposureAt() == null ? "" : TraceList.LOCAL_MINUTE.format(r.firstExposureAt().atOffset(TraceList.LOCAL)),
        text(String.join("; ", r.places())),
        r.minutes() == null ? "" : Long.toString(r.minutes()),
        text(r.via()));
  }

  private static String text(String value) {
    return value == null ? "" : TraceList.neutralised(value);
  }

  private static void line(StringBuilder out, List<String> cells) {
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) {
        out.append(',');
      }
      String cell = cells.get(c);
      if (cell.indexOf('"') >= 0 || cell.indexOf(',') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
        out.append('"').append(cell.replace("\"", "\"\"")).append('"');
      } else {
        out.append(cell);
      }
    }
    out.append("\r\n");
  }
}
