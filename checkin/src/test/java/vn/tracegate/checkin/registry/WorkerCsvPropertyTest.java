package vn.tracegate.checkin.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.BadInput;
import vn.tracegate.checkin.Rejection;

/**
 * Whatever file HR uploads, the roster parser reports good and bad lines or refuses the whole file
 * with a 400/413; it never throws anything else, and every worker it passes is already valid.
 */
class WorkerCsvPropertyTest {

  static final String ROSTER = "\uFEFFid,enterpriseId,fullName,phone,team\r\n"
      + "NV001,may-viet,Nguyễn Văn An,0912345678,Tổ may 1\r\n"
      + "NV002,may-viet,\"Trần Thị \"\"Ánh\"\" Tuyết\",+84 38 123 4567,\r\n"
      + "NV003,may-viet,Lê Hoa,0987654321,\"Tổ 3, ca đêm\"\r\n"
      + "NV004,may-viet,Phạm Đức,0371234567,\"dòng\nhai\"\r\n";

  @Test
  void aDamagedRosterIsReadLineByLineOrRefusedAsAWhole() {
    BadInput.forAll("WorkerCsv.parse(damaged)", 20_000, rnd -> damaged(rnd), WorkerCsvPropertyTest::parsesSoundly);
  }

  @Test
  void randomBytesAreRefusedOrReadNeverThrown() {
    BadInput.forAll("WorkerCsv.parse(random)", 5_000, rnd -> rnd.nextBoolean()
        ? BadInput.randomBytes(rnd, 2_000)
        : BadInput.utf8(BadInput.text(rnd, 300)), WorkerCsvPropertyTest::parsesSoundly);
  }

  @Test
  void giantFieldsManyColumnsAndUnbalancedQuotesAreReadOrRefused() {
    BadInput.forAll("WorkerCsv.parse(shapes)", 60, WorkerCsvPropertyTest::oddShape, WorkerCsvPropertyTest::parsesSoundly);
  }

  private static byte[] damaged(Random rnd) {
    if (rnd.nextBoolean()) {
      return BadInput.mutateBytes(rnd, ROSTER.getBytes(UTF_8));
    }
    String text = ROSTER;
    for (int i = rnd.nextInt(3); i >= 0; i--) {
      int at = rnd.nextInt(text.length() + 1);
      String piece = switch (rnd.nextInt(4)) {
        case 0 -> "\"";
        case 1 -> ",";
        case 2 -> rnd.nextBoolean() ? "\r" : "\n";
        default -> BadInput.text(rnd, 4);
      };
      text = text.substring(0, at) + piece + text.substring(at);
    }
    return text.getBytes(UTF_8);
  }

  private static byte[] oddShape(Random rnd) {
    String header = "id,enterpriseId,fullName,phone,team";
    return switch (rnd.nextInt(6)) {
      case 0 -> (header + "\nNV1,e1," + "Ă".repeat(1 + rnd.nextInt(2_000_000)) + ",0912345678,\n").getBytes(UTF_8);
      case 1 -> (header + ",x".repeat(rnd.nextInt(200_000)) + "\n" + "a,".repeat(rnd.nextInt(200_000)) + "\n")
          .getBytes(UTF_8);
      case 2 -> (header + "\n" + "\"".repeat(1 + rnd.nextInt(100_000)) + "\n" + "NV1,e1,An,0912345678,\n")
          .getBytes(UTF_8);
      case 3 -> ("\"" + header + "\n" + "NV1,e1,An,0912345678,\n".repeat(rnd.nextInt(1_000))).getBytes(UTF_8);
      case 4 -> ("id,i" + "_".repeat(rnd.nextInt(1_000_000)) + "d,enterpriseId,fullName,phone\n").getBytes(UTF_8);
      default -> (header + "\n" + "\n".repeat(rnd.nextInt(100_000)) + ",,,,\n".repeat(rnd.nextInt(60_000)))
          .getBytes(UTF_8);
    };
  }

  private static void parsesSoundly(byte[] file) {
    WorkerCsv.Parsed parsed;
    try {
      parsed = WorkerCsv.parse(file);
    } catch (Rejection r) {
      assertThat(r.kind()).isIn(Rejection.Kind.INVALID, Rejection.Kind.TOO_LARGE);
      throw r;
    }
    Set<Integer> lines = new HashSet<>();
    for (WorkerCsv.Row row : parsed.rows()) {
      Worker w = row.worker();
      assertThat(Worker.of(w.id(), w.enterpriseId(), w.fullName(), w.phone(), w.team()))
          .as("a parsed worker is already valid").isEqualTo(w);
      assertThat(lines.add(row.line())).as("line %d once", row.line()).isTrue();
    }
    for (LineError e : parsed.errors()) {
      assertThat(lines.add(e.line())).as("line %d once", e.line()).isTrue();
      assertThat(e.message()).hasSizeLessThan(BadInput.MAX_MESSAGE).doesNotContainPattern("[\\x00-\\x1f]");
    }
    assertThat(lines).allMatch(line -> line >= 2);
    assertThat(ascending(parsed.rows().stream().map(WorkerCsv.Row::line).toList())).isTrue();
    assertThat(ascending(parsed.errors().stream().map(LineError::line).toList())).isTrue();
  }

  private static boolean ascending(List<Integer> lines) {
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i) <= lines.get(i - 1)) {
        return false;
      }
    }
    return true;
  }
}
