package vn.tracegate.checkin.registry;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.checkin.registry.CsvRecords.CsvRecord;

/**
 * Reads the HR roster a safety team uploads: strict UTF-8 (with or without a BOM), RFC 4180, a
 * header row naming the columns in any order. Each line becomes a validated {@link Worker} or a
 * {@link LineError}; only a problem with the whole file (encoding, header, size) is a Rejection.
 * Line numbers are those a spreadsheet shows, the header being line 1. Pure: no I/O.
 */
public final class WorkerCsv {

  public static final int MAX_LINES = 50_000;
  /** The columns of the header row, as the API contract names them. {@code team} may be left out. */
  public static final List<String> COLUMNS = List.of("id", "enterpriseId", "fullName", "phone", "team");

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final String EXPECTED = String.join(",", COLUMNS);

  /** A line that passed the field rules. */
  public record Row(int line, Worker worker) {
  }

  /** The lines that passed and the lines that did not, each in file order. */
  public record Parsed(List<Row> rows, List<LineError> errors) {
  }

  private WorkerCsv() {
  }

  /** Parses the upload; fails with a Rejection only when the file as a whole is unusable. */
  public static Parsed parse(byte[] body) {
    List<CsvRecord> records = CsvRecords.read(decode(body));
    if (records.isEmpty() || records.get(0).blank()) {
      throw Rejection.invalid("INVALID_CSV", "the file is empty; the first line must be the header " + EXPECTED);
    }
    CsvRecord header = records.get(0);
    if (header.error() != null) {
      throw Rejection.invalid("INVALID_CSV", "the header line cannot be read: " + header.error());
    }
    Map<String, Integer> columns = columns(header.fields());
    long lines = records.stream().skip(1).filter(r -> !r.blank()).count();
    if (lines > MAX_LINES) {
      throw new Rejection(Rejection.Kind.TOO_LARGE, "TOO_LARGE",
          "the file has " + lines + " worker lines; at most " + MAX_LINES + " per import, split it");
    }
    List<Row> rows = new ArrayList<>();
    List<LineError> errors = new ArrayList<>();
    Map<String, Integer> lineOfId = new HashMap<>();
    for (CsvRecord record : records.subList(1, records.size())) {
      if (record.blank()) {
        continue;
      }
      int line = record.row();
      if (record.error() != null) {
        errors.add(new LineError(line, record.error()));
        continue;
      }
      if (record.fields().size() > header.fields().size()) {
        errors.add(new LineError(line, "the line has " + record.fields().size() + " fields but the header has "
            + header.fields().size() + " (put a name that contains a comma in quotes)"));
        continue;
      }
      try {
        Worker worker = Worker.of(
            value(record, columns, "id"),
            value(record, columns, "enterpriseId"),
            value(record, columns, "fullName"),
            value(record, columns, "phone"),
            value(record, columns, "team"));
        Integer first = lineOfId.putIfAbsent(worker.id(), line);
        if (first != null) {
          errors.add(new LineError(line, "id '" + worker.id() + "' is already on line " + first));
        } else {
          rows.add(new Row(line, worker));
        }
      } catch (Rejection e) {
        errors.add(new LineError(line, e.getMessage()));
      }
    }
    return new Parsed(List.copyOf(rows), List.copyOf(errors));
  }

  /** Strict UTF-8 without its BOM; a byte that is not UTF-8 is named by offset and line. */
  static String decode(byte[] body) {
    int start = startsWithBom(body) ? BOM.length : 0;
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(body, start, body.length - start);
    CharBuffer out = CharBuffer.allocate(body.length - start);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      throw Rejection.invalid("INVALID_ENCODING", "the file is not UTF-8: byte " + offset + " (line "
          + lineAt(body, offset) + ") is not a UTF-8 character; save it as \"CSV UTF-8\"");
    }
    return out.flip().toString();
  }

  /** Header name to field index; names match case-insensitively and ignore spaces, _ and -. */
  private static Map<String, Integer> columns(List<String> header) {
    Map<String, Integer> byKey = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String name = key(header.get(i));
      if (byKey.putIfAbsent(name, i) != null) {
        // Named by the contract's spelling: the header's own may be any length.
        COLUMNS.stream().filter(c -> key(c).equals(name)).findFirst().ifPresent(column -> {
          throw Rejection.invalid("INVALID_CSV", "the header names the column '" + column + "' twice");
        });
      }
    }
    Map<String, Integer> columns = new HashMap<>();
    for (String column : COLUMNS) {
      Integer index = byKey.get(key(column));
      if (index == null && !column.equals("team")) {
        throw Rejection.invalid("INVALID_CSV",
            "the header has no column '" + column + "'; expected the columns " + EXPECTED);
      }
      if (index != null) {
        columns.put(column, index);
      }
    }
    return columns;
  }

  private static String key(String column) {
    return column.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
  }

  /** The trimmed value of a column, or null when the column or the field is missing or blank. */
  private static String value(CsvRecord record, Map<String, Integer> columns, String column) {
    Integer index = columns.get(column);
    if (index == null || index >= record.fields().size()) {
      return null;
    }
    String value = record.fields().get(index).strip();
    return value.isEmpty() ? null : value;
  }

  private static boolean startsWithBom(byte[] body) {
    return body.length >= 3 && body[0] == BOM[0] && body[1] == BOM[1] && body[2] == BOM[2];
  }

  private static int lineAt(byte[] body, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (body[i] == '\n') {
        line++;
      }
    }
    return line;
  }
}
