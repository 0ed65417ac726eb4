package vn.tracegate.tracing.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.tracegate.tracing.SampleTrace;
import vn.tracegate.tracing.graph.TraceGraph;
import vn.tracegate.tracing.people.PersonDetails;
import vn.tracegate.tracing.people.Visibility;

class TraceListExportTest {

  private static final TraceGraph GRAPH = SampleTrace.GRAPH;
  private static final Map<String, PersonDetails> PEOPLE = SampleTrace.PEOPLE;
  private static final Map<String, String> NAMES = SampleTrace.NAMES;

  @Test
  void theCsvIsUtf8WithBomCrlfAndQuotedCellsSortedByLevelThenTime() {
    byte[] bytes = TraceListExport.csv(GRAPH, PEOPLE, NAMES, Visibility.everyone());
    assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
    String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    assertThat(text).endsWith("\r\n");
    assertThat(text.split("\r\n", -1)).containsExactly(
        "Level,Worker ID,Full name,Phone,Enterprise,Team,First exposure (UTC+7),Places,Minutes,Via",
        "F0,f0,Nguyễn Thị Lan,0912345678,ent-A,Tổ may 3,,,,",
        "F1,c,Trần Văn Bình,0987654321,ent-B,Tổ đóng gói,2021-07-15 06:30,Nhà ăn số 1,20,f0",
        "F1,a,\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",0903000111,ent-A,Tổ cắt,2021-07-15 07:00,"
            + "Xe đưa đón 51B-123.45,40,f0",
        "F2,d,\"Lê Thị Hoa, \"\"Hoa\"\"\",0977000222,ent-A,Tổ may 3,2021-07-15 08:00,Xưởng may 2; Nhà ăn số 1,260,a",
        "");
  }

  @Test
  void aSafetyTeamSeesOtherEnterprisesWorkersAsIdAndEnterpriseOnly() {
    byte[] bytes = TraceListExport.csv(GRAPH, PEOPLE, NAMES, Visibility.enterprise("ent-A"));
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertThat(text).contains("\r\nF1,c,,,ent-B,,2021-07-15 06:30,Nhà ăn số 1,20,f0\r\n")
        .doesNotContain("Trần Văn Bình").doesNotContain("0987654321").doesNotContain("Tổ đóng gói")
        .contains("Nguyễn Thị Lan");
  }

  @Test
  void theXlsxReadsBackWithVietnameseIntactTextIdsAndPhonesAndNoFormula() throws Exception {
    byte[] bytes = TraceListExport.xlsx(GRAPH, PEOPLE, NAMES, Visibility.everyone());
    try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(bytes))) {
      List<Row> rows = wb.getFirstSheet().read();
      assertThat(rows).hasSize(5);
      assertThat(texts(rows.get(0))).isEqualTo(String.join("|", TraceList.HEADER));
      Row f0 = rows.get(1);
      assertThat(f0.getCell(2).asString()).isEqualTo("Nguyễn Thị Lan");
      assertThat(f0.getCell(3).getType()).isEqualTo(CellType.STRING);
      assertThat(f0.getCell(3).asString()).isEqualTo("0912345678");
      Row c = rows.get(2);
      assertThat(c.getCell(1).asString()).isEqualTo("c");
      assertThat(c.getCell(6).asDate()).isEqualTo(LocalDateTime.of(2021, 7, 15, 6, 30));
      assertThat(c.getCell(8).asNumber()).isEqualByComparingTo(new BigDecimal(20));
      Row a = rows.get(3);
      assertThat(a.getCell(2).getType()).isEqualTo(CellType.STRING);
      assertThat(a.getCell(2).asString()).isEqualTo("'=HYPERLINK(\"http://x\",\"click\")");
      assertThat(rows.get(4).getCell(7).asString()).isEqualTo("Xưởng may 2; Nhà ăn số 1");
    }
  }

  @Test
  void theXlsxIsMaskedForASafetyTeamToo() throws Exception {
    byte[] bytes = TraceListExport.xlsx(GRAPH, PEOPLE, NAMES, Visibility.enterprise("ent-A"));
    try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(bytes))) {
      Row c = wb.getFirstSheet().read().get(2);
      assertThat(texts(c)).isEqualTo("F1|c|||ent-B||2021-07-15 06:30|Nhà ăn số 1|20|f0");
    }
  }

  @Test
  void theGraphViewShowsDetailsOnlyForTheViewersOwnEnterprise() {
    JsonObject json = TraceGraphView.toJson(GRAPH, PEOPLE, Visibility.enterprise("ent-A"));
    Map<String, JsonObject> nodes = json.getJsonArray("nodes").stream().map(o -> (JsonObject) o)
        .collect(Collectors.toMap(o -> o.getString("workerId"), o -> o));
    assertThat(nodes.get("c").fieldNames()).containsExactlyInAnyOrder(
        "workerId", "level", "firstExposureAt", "via", "enterpriseId");
    assertThat(nodes.get("c").getString("enterpriseId")).isEqualTo("ent-B");
    assertThat(nodes.get("f0").getString("fullName")).isEqualTo("Nguyễn Thị Lan");
    assertThat(nodes.get("f0").getString("team")).isEqualTo("Tổ may 3");
  }

  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @CsvSource(value = {
      "=1+1|'=1+1", "+84912345678|'+84912345678", "-2|'-2", "@SUM(A1)|'@SUM(A1)",
      "Nguyễn Thị Lan|Nguyễn Thị Lan", "0912345678|0912345678", "a=b|a=b"}, delimiter = '|', quoteCharacter = '"')
  void textThatASpreadsheetWouldRunGetsALeadingApostrophe(String text, String expected) {
    assertThat(TraceList.neutralised(text)).isEqualTo(expected);
  }

  @Test
  void aLeadingTabOrCarriageReturnIsNeutralisedToo() {
    assertThat(TraceList.neutralised("\t=1")).isEqualTo("'\t=1");
    assertThat(TraceList.neutralised("\r=1")).isEqualTo("'\r=1");
  }

  private static String texts(Row row) {
    return row.stream().map(c -> c == null ? "" : c.getColumnIndex() == 6 && c.getType() == CellType.NUMBER
            ? c.asDate().toString().replace('T', ' ') : c.getText())
        .collect(Collectors.joining("|"));
  }
}
