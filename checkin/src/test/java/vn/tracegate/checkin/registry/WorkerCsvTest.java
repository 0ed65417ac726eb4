package vn.tracegate.checkin.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.checkin.registry.WorkerCsv.Parsed;
import vn.tracegate.checkin.registry.WorkerCsv.Row;

class WorkerCsvTest {

  private static final String HEADER = "id,enterpriseId,fullName,phone,team\n";

  @Test
  void aRosterSavedByExcelWithBomAndCrlfIsReadWithVietnameseNamesIntact() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    String text = "id,enterpriseId,fullName,phone,team\r\n"
        + "NV001,may-viet,Nguyễn Văn An,0912345678,Tổ may 1\r\n"
        + "NV002,may-viet,Trần Thị Ánh Tuyết,+84 38 123 4567,\r\n";
    Parsed parsed = WorkerCsv.parse(concat(bom, text.getBytes(UTF_8)));
    assertThat(parsed.errors()).isEmpty();
    assertThat(parsed.rows()).containsExactly(
        new Row(2, new Worker("NV001", "may-viet", "Nguyễn Văn An", "0912345678", "Tổ may 1")),
        new Row(3, new Worker("NV002", "may-viet", "Trần Thị Ánh Tuyết", "0381234567", null)));
  }

  @Test
  void aRosterWithoutBomAndWithLfReadsTheSame() {
    Parsed parsed = parse(HEADER + "NV001,may-viet,Nguyễn Văn An,0912345678,Tổ may 1\n");
    assertThat(parsed.rows()).extracting(r -> r.worker().fullName()).containsExactly("Nguyễn Văn An");
  }

  @Test
  void quotedFieldsMayHoldCommasAndEscapedQuotes() {
    Parsed parsed = parse(HEADER
        + "NV001,e1,\"Nguyễn Văn An\",\"0912 345 678\",\"Tổ 1, ca sáng\"\n"
        + "NV002,e1,\"O'Neil\",0912345679,\"Tổ \"\"Hoa Sen\"\"\"\n"
        + "NV004,e1,Phạm Bình,0912345671,\n");
    assertThat(parsed.errors()).isEmpty();
    assertThat(parsed.rows()).extracting(r -> r.worker().team())
        .containsExactly("Tổ 1, ca sáng", "Tổ \"Hoa Sen\"", null);
  }

  @Test
  void aQuotedFieldMayHoldALineBreak() {
    assertThat(CsvRecords.read("a,\"Tổ 2\r\nca đêm\",c\r\nd,e,f\r\n"))
        .containsExactly(
            new CsvRecords.CsvRecord(1, List.of("a", "Tổ 2\r\nca đêm", "c"), null),
            new CsvRecords.CsvRecord(2, List.of("d", "e", "f"), null));
  }

  @Test
  void aLineBreakInsideQuotesKeepsLineNumbersAsASpreadsheetShowsThem() {
    Parsed parsed = parse(HEADER
        + "NV001,e1,Lê Hoa,0912345670,\"Tổ 2\r\nca đêm\"\r\n"
        + "NV002,e1,Lê Hoa,12345,\r\n");
    assertThat(parsed.errors()).containsExactly(
        new LineError(2, "team must not contain control characters"),
        new LineError(3, "phone must be a Vietnamese mobile number:"
        + " 10 digits starting with 03, 05, 07, 08 or 09, or +84 and 9 digits"));
  }

  @Test
  void columnsMayComeInAnyOrderAndCaseAndExtraColumnsAreIgnored() {
    Parsed parsed = parse("Phone,FULLNAME,Ghi chú,EnterpriseId,ID,Team\n"
        + "0912345678,Nguyễn Văn An,bất kỳ,e1,NV001,T1\n");
    assertThat(parsed.rows()).containsExactly(
        new Row(2, new Worker("NV001", "e1", "Nguyễn Văn An", "0912345678", "T1")));
  }

  @Test
  void theTeamColumnMayBeLeftOut() {
    Parsed parsed = parse("id,enterpriseId,fullName,phone\nNV001,e1,An,0912345678\n");
    assertThat(parsed.rows()).extracting(r -> r.worker().team()).containsExactly((String) null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"id", "enterpriseId", "fullName", "phone"})
  void aMissingColumnRefusesTheWholeFileNamingIt(String missing) {
    String header = String.join(",", WorkerCsv.COLUMNS.stream().filter(c -> !c.equals(missing)).toList());
    assertThatThrownBy(() -> parse(header + "\n"))
        .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("INVALID_CSV"))
        .hasMessage("the header has no column '" + missing
            + "'; expected the columns id,enterpriseId,fullName,phone,team");
  }

  @Test
  void aColumnNamedTwiceIsRefusedNamingItAsTheContractSpellsIt() {
    // Found by WorkerCsvPropertyTest: the header's own spelling was echoed, 800 KB of it.
    String header = "id,enterpriseId,fullName,phone,Full_" + "_".repeat(100_000) + "Name\n";
    assertThatThrownBy(() -> parse(header))
        .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("INVALID_CSV"))
        .hasMessage("the header names the column 'fullName' twice");
  }

  @Test
  void anUnknownColumnNamedTwiceIsIgnoredLikeAnyExtraColumn() {
    Parsed parsed = parse("id,enterpriseId,fullName,phone,note,note\nNV001,e1,Lê Hoa,0912345678,a,b\n");
    assertThat(parsed.rows()).hasSize(1);
  }

  @Test
  void anEmptyFileIsRefused() {
    assertThatThrownBy(() -> parse(""))
        .hasMessage("the file is empty; the first line must be the header id,enterpriseId,fullName,phone,team");
  }

  @Test
  void oneBadLineDoesNotStopTheOthers() {
    Parsed parsed = parse(HEADER
        + "NV001,e1,Nguyễn Văn An,0912345678,T1\n"
        + "NV002,e1,Nguyễn Văn 2,0912345679,T1\n"
        + "NV003,e1,Lê Hoa,0912345670,T1\n");
    assertThat(parsed.rows()).extracting(Row::line).containsExactly(2, 4);
    assertThat(parsed.errors()).containsExactly(new LineError(3, "fullName may contain only letters, spaces and . ' -"));
  }

  @Test
  void anUnterminatedQuoteFailsOnlyItsLine() {
    Parsed parsed = parse(HEADER
        + "NV001,e1,\"Nguyễn Văn An,0912345678,T1\n"
        + "NV002,e1,Lê Hoa,0912345670,T1\n"
        + "NV003,e1,\"Trần Bình\",0912345671,T1\n");
    assertThat(parsed.errors()).containsExactly(new LineError(2, "a quoted field is not closed (a \" is missing)"));
    assertThat(parsed.rows()).extracting(Row::line).containsExactly(3, 4);
  }

  @Test
  void textAfterAClosingQuoteFailsOnlyItsLine() {
    Parsed parsed = parse(HEADER
        + "NV001,e1,\"Nguyễn\" Văn An,0912345678,T1\n"
        + "NV002,e1,Lê Hoa,0912345670,T1\n");
    assertThat(parsed.errors()).containsExactly(new LineError(2,
        "field 3 has text after its closing quote (write a quote inside a quoted field as \"\")"));
    assertThat(parsed.rows()).extracting(Row::line).containsExactly(3);
  }

  @Test
  void anUnquotedCommaInANameIsCaughtByTheFieldCount() {
    Parsed parsed = parse(HEADER + "NV001,e1,Nguyễn, Văn An,0912345678,T1\n");
    assertThat(parsed.errors()).containsExactly(new LineError(2,
        "the line has 6 fields but the header has 5 (put a name that contains a comma in quotes)"));
  }

  @Test
  void blankLinesAreSkippedButStillCounted() {
    Parsed parsed = parse(HEADER + "\n,,,,\nNV001,e1,An,0912345678,T1\n\n");
    assertThat(parsed.errors()).isEmpty();
    assertThat(parsed.rows()).extracting(Row::line).containsExactly(4);
  }

  @Test
  void aRepeatedIdIsReportedOnItsLaterLine() {
    Parsed parsed = parse(HEADER + "NV001,e1,An,0912345678,\nNV001,e1,Bình,0912345679,\n");
    assertThat(parsed.rows()).extracting(Row::line).containsExactly(2);
    assertThat(parsed.errors()).containsExactly(new LineError(3, "id 'NV001' is already on line 2"));
  }

  @Test
  void aMissingFieldIsAnErrorOnItsLine() {
    Parsed parsed = parse(HEADER + "NV001,e1,,0912345678,\nNV002,e1,Bình\n");
    assertThat(parsed.errors()).containsExactly(
        new LineError(2, "fullName is required"), new LineError(3, "phone is required"));
  }

  @Test
  void aFileThatIsNotUtf8IsRefusedNamingTheByteAndLine() {
    // A roster saved by an old Excel as "CSV (Comma delimited)" in a Western code page.
    byte[] windows1252 = (HEADER + "NV001,e1,Nguyên Thi,0912345678,\n").getBytes(Charset.forName("windows-1252"));
    int offset = (HEADER + "NV001,e1,Nguy").length();
    assertThatThrownBy(() -> WorkerCsv.parse(windows1252))
        .isInstanceOfSatisfying(Rejection.class, r -> {
          assertThat(r.kind()).isEqualTo(Rejection.Kind.INVALID);
          assertThat(r.code()).isEqualTo("INVALID_ENCODING");
        })
        .hasMessage("the file is not UTF-8: byte " + offset + " (line 2) is not a UTF-8 character;"
            + " save it as \"CSV UTF-8\"");
  }

  @Test
  void aTruncatedUtf8CharacterAtTheEndIsRefused() {
    byte[] text = (HEADER + "NV001,e1,Nguy").getBytes(UTF_8);
    byte[] cut = concat(text, new byte[] {(byte) 0xE1, (byte) 0xBB});
    assertThatThrownBy(() -> WorkerCsv.parse(cut))
        .hasMessageStartingWith("the file is not UTF-8: byte " + text.length + " (line 2)");
  }

  @Test
  void fiftyThousandLinesAreAcceptedAndOneMoreIsTooLarge() {
    StringBuilder text = new StringBuilder(HEADER);
    for (int i = 0; i < WorkerCsv.MAX_LINES; i++) {
      text.append("NV").append(i).append(",e1,Nguyễn Văn An,09").append(String.format("%08d", i)).append(",\n");
    }
    assertThat(parse(text.toString()).rows()).hasSize(WorkerCsv.MAX_LINES);
    text.append("NVX,e1,Lê Hoa,0912345678,\n");
    assertThatThrownBy(() -> parse(text.toString()))
        .isInstanceOfSatisfying(Rejection.class, r -> {
          assertThat(r.kind()).isEqualTo(Rejection.Kind.TOO_LARGE);
          assertThat(r.code()).isEqualTo("TOO_LARGE");
        })
        .hasMessage("the file has 50001 worker lines; at most 50000 per import, split it");
  }

  @Test
  void csvRecordsSplitCrLfLfAndCrAlike() {
    assertThat(CsvRecords.read("a,b\r\nc,d\ne,f\rg,")).extracting(CsvRecords.CsvRecord::fields)
        .containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e", "f"), List.of("g", ""));
  }

  private static Parsed parse(String text) {
    return WorkerCsv.parse(text.getBytes(UTF_8));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}
