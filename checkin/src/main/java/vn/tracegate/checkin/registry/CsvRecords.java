package vn.tracegate.checkin.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits RFC 4180 text into records: fields separated by commas, quoted fields with {@code ""}
 * for a quote and commas or line breaks inside, records ending in CRLF, LF or CR. A broken record
 * (a quote never closed, text after a closing quote) becomes an error for that record only, and
 * reading resumes on the next physical line, so one bad line does not lose the others.
 */
final class CsvRecords {

  /**
   * One record.
   *
   * @param row its number as a spreadsheet shows it (1 for the first record)
   * @param error why the record could not be read, or null
   */
  record CsvRecord(int row, List<String> fields, String error) {

    boolean blank() {
      return error == null && fields.stream().allMatch(String::isBlank);
    }
  }

  private final String text;
  private int pos;

  private CsvRecords(String text) {
    this.text = text;
  }

  /** Every record of the text; a final line break does not start an empty record. */
  static List<CsvRecord> read(String text) {
    CsvRecords reader = new CsvRecords(text);
    List<CsvRecord> records = new ArrayList<>();
    int row = 0;
    while (reader.pos < text.length()) {
      records.add(reader.record(++row));
    }
    return records;
  }

  private CsvRecord record(int row) {
    List<String> fields = new ArrayList<>();
    while (true) {
      if (pos < text.length() && text.charAt(pos) == '"') {
        int open = pos;
        StringBuilder field = new StringBuilder();
        boolean closed = quoted(field);
        boolean textAfterQuote = closed && pos < text.length() && text.charAt(pos) != ',' && !atLineBreak();
        boolean spansLines = field.indexOf("\n") >= 0 || field.indexOf("\r") >= 0;
        if (!closed || (textAfterQuote && spansLines)) {
          // Most likely a quote opened by mistake that swallowed the following lines: give them back.
          skipPastLineOf(open);
          return new CsvRecord(row, fields, "a quoted field is not closed (a \" is missing)");
        }
        fields.add(field.toString());
        if (textAfterQuote) {
          String error = "field " + fields.size() + " has text after its closing quote"
              + " (write a quote inside a quoted field as \"\")";
          skipPastLineOf(pos);
          return new CsvRecord(row, fields, error);
        }
      } else {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != ',' && !atLineBreak()) {
          pos++;
        }
        fields.add(text.substring(start, pos));
      }
      if (pos >= text.length()) {
        return new CsvRecord(row, fields, null);
      }
      if (text.charAt(pos) == ',') {
        pos++;
        continue;
      }
      skipLineBreak();
      return new CsvRecord(row, fields, null);
    }
  }

  /** Reads a quoted field from its opening quote; false when the text ends before it closes. */
  private boolean quoted(StringBuilder field) {
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != '"') {
        field.append(c);
        pos++;
      } else if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
        field.append('"');
        pos += 2;
      } else {
        pos++;
        return true;
      }
    }
    return false;
  }

  private boolean atLineBreak() {
    char c = text.charAt(pos);
    return c == '\n' || c == '\r';
  }

  private void skipLineBreak() {
    if (text.charAt(pos) == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
      pos += 2;
    } else {
      pos++;
    }
  }

  /** Moves past the end of the physical line that holds {@code index}. */
  private void skipPastLineOf(int index) {
    pos = index;
    while (pos < text.length() && !atLineBreak()) {
      pos++;
    }
    if (pos < text.length()) {
      skipLineBreak();
    }
  }
}
