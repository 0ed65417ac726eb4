package vn.tracegate.checkin.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.tracegate.checkin.registry.CassandraFixture.await;
import static vn.tracegate.checkin.registry.CassandraFixture.rejection;
import static vn.tracegate.checkin.registry.CassandraFixture.row;
import static vn.tracegate.checkin.registry.CassandraFixture.rows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.Rejection;

/** The HR roster import against the real Cassandra: stored rows, per-line errors, upserts. */
class WorkerImportIT {

  private static Registry registry;

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void start() throws Exception {
    registry = new Registry(CassandraFixture.vertx(), CassandraFixture.session());
  }

  @Test
  void anImportStoresTheGoodLinesAndSaysWhichLineFailedAndWhy() throws Exception {
    String enterprise = enterprise();
    String csv = "\uFEFFid,enterpriseId,fullName,phone,team\r\n"
        + "A1-" + run + "," + enterprise + ",Nguyễn Văn An,0912345678,Tổ 1\r\n"
        + "A2-" + run + "," + enterprise + ",Phạm Thị Bích,12345,Tổ 1\r\n"
        + "A3-" + run + "," + enterprise + ",\"Đỗ Hữu Phước\",+84381234567,\"Tổ 2, ca đêm\"\r\n"
        + "A4-" + run + ",ghost-" + run + ",Lê Hoa,0912345670,\r\n";
    ImportReport report = await(registry.importWorkers(csv.getBytes(UTF_8), null));
    assertThat(report.imported()).isEqualTo(2);
    assertThat(report.failed()).isEqualTo(2);
    assertThat(report.errors()).containsExactly(
        new LineError(3, "phone must be a Vietnamese mobile number: 10 digits starting with 03, 05, 07, 08 or 09,"
            + " or +84 and 9 digits"),
        new LineError(5, "enterpriseId 'ghost-" + run + "' is not a registered enterprise"));
    assertThat(row("SELECT full_name, phone, team FROM workers WHERE id = ?", "A3-" + run).getFormattedContents())
        .contains("Đỗ Hữu Phước", "0381234567", "Tổ 2, ca đêm");
    assertThat(rows("SELECT id FROM workers WHERE id = ?", "A2-" + run)).isEmpty();
    assertThat(rows("SELECT worker_id FROM workers_by_enterprise WHERE enterprise_id = ?", enterprise))
        .extracting(r -> r.getString(0)).containsExactlyInAnyOrder("A1-" + run, "A3-" + run);
  }

  @Test
  void reImportingTheRosterUpdatesWorkersAndMovesThemBetweenEnterprises() throws Exception {
    String from = enterprise();
    String to = enterprise();
    String header = "id,enterpriseId,fullName,phone,team\n";
    await(registry.importWorkers((header + "B1-" + run + "," + from + ",Võ Văn Kiệt,0912345678,Tổ 1\n").getBytes(UTF_8), null));
    ImportReport again = await(registry.importWorkers(
        (header + "B1-" + run + "," + to + ",Võ Văn Kiệt,0912345678,Tổ 9\n").getBytes(UTF_8), null));
    assertThat(again).isEqualTo(new ImportReport(1, 0, List.of()));
    assertThat(row("SELECT enterprise_id, team FROM workers WHERE id = ?", "B1-" + run).getFormattedContents())
        .contains(to, "Tổ 9");
    assertThat(await(registry.workersOfEnterprise(from))).isEmpty();
    assertThat(await(registry.workersOfEnterprise(to))).extracting(Worker::team).containsExactly("Tổ 9");
    assertThat(rows("SELECT worker_id FROM workers_by_enterprise WHERE enterprise_id = ?", from)).isEmpty();
  }

  @Test
  void aSafetyUserImportsOnlyTheirOwnWorkersAndCannotTakeOverAnother() throws Exception {
    String mine = enterprise();
    String other = enterprise();
    await(registry.createWorker(Worker.of("C9-" + run, other, "Hồ Thị Lan", "0912345600", null)));
    String csv = "id,enterpriseId,fullName,phone,team\n"
        + "C1-" + run + "," + mine + ",Lý Thường Kiệt,0912345601,\n"
        + "C2-" + run + "," + other + ",Trần Hưng Đạo,0912345602,\n"
        + "C9-" + run + "," + mine + ",Hồ Thị Lan,0912345600,\n";
    ImportReport report = await(registry.importWorkers(csv.getBytes(UTF_8), mine));
    assertThat(report.imported()).isEqualTo(1);
    assertThat(report.errors()).containsExactly(
        new LineError(3, "enterpriseId '" + other + "' is not yours; you may import only workers of '" + mine + "'"),
        new LineError(4, "worker 'C9-" + run + "' is registered with another enterprise"));
    assertThat(row("SELECT enterprise_id FROM workers WHERE id = ?", "C9-" + run).getString(0)).isEqualTo(other);
    assertThat(rows("SELECT id FROM workers WHERE id = ?", "C2-" + run)).isEmpty();
  }

  @Test
  void aFileThatIsNotUtf8IsRefusedWhole() throws Exception {
    byte[] latin1 = "id,enterpriseId,fullName,phone,team\nD1,e,Nguyên,0912345678,\n".getBytes(StandardCharsets.ISO_8859_1);
    Rejection refused = rejection(registry.importWorkers(latin1, null));
    assertThat(refused.code()).isEqualTo("INVALID_ENCODING");
    assertThat(refused).hasMessageContaining("(line 2)");
  }

  @Test
  void aLargeRosterIsImportedWithBoundedConcurrency() throws Exception {
    String enterprise = enterprise();
    StringBuilder csv = new StringBuilder("id,enterpriseId,fullName,phone,team\n");
    int lines = Integer.getInteger("tracegate.it.import-lines", 3_000);
    for (int i = 0; i < lines; i++) {
      csv.append("L").append(i).append('-').append(run).append(',').append(enterprise)
          .append(",Nguyễn Văn Thành,09").append(String.format("%08d", i)).append(",Tổ ").append(i % 20).append('\n');
    }
    long started = System.nanoTime();
    ImportReport report = await(registry.importWorkers(csv.toString().getBytes(UTF_8), null));
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("imported %d workers in %d ms%n", report.imported(), millis);
    assertThat(report).isEqualTo(new ImportReport(lines, 0, List.of()));
    assertThat(rows("SELECT worker_id FROM workers_by_enterprise WHERE enterprise_id = ?", enterprise)).hasSize(lines);
    Map<String, Worker> some = await(registry.workers(List.of("L0-" + run, "L" + (lines - 1) + "-" + run, "nope-" + run)));
    assertThat(some).containsOnlyKeys("L0-" + run, "L" + (lines - 1) + "-" + run);
    assertThat(await(registry.workersOfEnterprise(enterprise))).hasSize(lines);
  }

  private String enterprise() throws Exception {
    return CassandraFixture.enterprise(registry);
  }
}
