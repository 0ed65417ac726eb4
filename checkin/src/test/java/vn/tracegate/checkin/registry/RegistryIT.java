package vn.tracegate.checkin.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tracegate.checkin.registry.CassandraFixture.await;
import static vn.tracegate.checkin.registry.CassandraFixture.rejection;
import static vn.tracegate.checkin.registry.CassandraFixture.row;
import static vn.tracegate.checkin.registry.CassandraFixture.rows;

import com.datastax.oss.driver.api.core.cql.Row;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.Rejection;

/** Enterprises, checkpoints and workers against the real Cassandra, keyspace tracegate_test. */
class RegistryIT {

  private static Registry registry;

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void start() throws Exception {
    registry = new Registry(CassandraFixture.vertx(), CassandraFixture.session());
  }

  @Test
  void anEnterpriseIsStoredOnceAndASecondCreateIsAConflict() throws Exception {
    String id = "e-" + run;
    await(registry.createEnterprise(Enterprise.of(id, "Công ty TNHH May Việt Tiến")));
    assertThat(row("SELECT name, created_at FROM enterprises WHERE id = ?", id).getString("name"))
        .isEqualTo("Công ty TNHH May Việt Tiến");
    Rejection again = rejection(registry.createEnterprise(Enterprise.of(id, "Khác")));
    assertThat(again.kind()).isEqualTo(Rejection.Kind.CONFLICT);
    assertThat(again.code()).isEqualTo("ALREADY_EXISTS");
    assertThat(again).hasMessage("enterprise '" + id + "' already exists");
    assertThat(row("SELECT name FROM enterprises WHERE id = ?", id).getString("name"))
        .isEqualTo("Công ty TNHH May Việt Tiến");
    assertThat(await(registry.enterprise(id))).contains(new Enterprise(id, "Công ty TNHH May Việt Tiến"));
    assertThat(await(registry.enterprise("missing-" + run))).isEmpty();
  }

  @Test
  void aCheckpointOfAnUnknownEnterpriseIsUnprocessableAndAParkBusHasNone() throws Exception {
    Rejection unknown = rejection(registry.createCheckpoint(
        Checkpoint.of("ws-" + run, "nobody-" + run, "WORKSHOP", "Xưởng may 1", 200)));
    assertThat(unknown.kind()).isEqualTo(Rejection.Kind.UNPROCESSABLE);
    assertThat(unknown.code()).isEqualTo("UNKNOWN_ENTERPRISE");
    assertThat(unknown).hasMessage("enterpriseId 'nobody-" + run + "' is not a registered enterprise");
    assertThat(rows("SELECT id FROM checkpoints WHERE id = ?", "ws-" + run)).isEmpty();

    String bus = "bus-" + run;
    assertThat(await(registry.checkpoint(bus))).isEmpty();
    await(registry.createCheckpoint(Checkpoint.of(bus, null, "BUS", "Xe đưa đón tuyến Bình Dương", 45)));
    Row stored = row("SELECT enterprise_id, kind, name, capacity FROM checkpoints WHERE id = ?", bus);
    assertThat(stored.getString("enterprise_id")).isNull();
    assertThat(stored.getString("kind")).isEqualTo("BUS");
    assertThat(stored.getString("name")).isEqualTo("Xe đưa đón tuyến Bình Dương");
    assertThat(stored.getInt("capacity")).isEqualTo(45);
    // Created here, so the cached "not found" of a moment ago is forgotten at once.
    assertThat(await(registry.checkpoint(bus)))
        .contains(new Checkpoint(bus, null, CheckpointKind.BUS, "Xe đưa đón tuyến Bình Dương", 45));
    assertThat(rejection(registry.createCheckpoint(Checkpoint.of(bus, null, "BUS", "x", 1))).code())
        .isEqualTo("ALREADY_EXISTS");
  }

  @Test
  void aWorkerKeepsHisVietnameseNameAndIsListedUnderHisEnterprise() throws Exception {
    String enterprise = enterprise();
    String id = "NV-" + run;
    String name = "Nguyễn Thị Ánh Tuyết";
    await(registry.createWorker(Worker.of(id, enterprise, name, "+84 912 345 678", "Tổ may 3")));
    Row stored = row("SELECT enterprise_id, full_name, phone, team FROM workers WHERE id = ?", id);
    assertThat(stored.getString("full_name")).isEqualTo(name).hasSize(20);
    assertThat(stored.getString("phone")).isEqualTo("0912345678");
    assertThat(stored.getString("team")).isEqualTo("Tổ may 3");
    assertThat(rows("SELECT worker_id FROM workers_by_enterprise WHERE enterprise_id = ?", enterprise)).hasSize(1);
    assertThat(await(registry.worker(id)).map(Worker::fullName)).contains(name);

    Rejection again = rejection(registry.createWorker(Worker.of(id, enterprise, "Lê Văn B", "0912345679", null)));
    assertThat(again.kind()).isEqualTo(Rejection.Kind.CONFLICT);
    assertThat(row("SELECT full_name FROM workers WHERE id = ?", id).getString("full_name")).isEqualTo(name);
  }

  @Test
  void aSecondEnterpriseCannotTakeAWorkerIdAndLeavesNoIndexRowBehind() throws Exception {
    String first = enterprise();
    String second = enterprise();
    String id = "NV-" + run;
    await(registry.createWorker(Worker.of(id, first, "Trần Văn An", "0912345678", null)));
    assertThat(rejection(registry.createWorker(Worker.of(id, second, "Trần Văn An", "0912345678", null))).code())
        .isEqualTo("ALREADY_EXISTS");
    assertThat(rows("SELECT worker_id FROM workers_by_enterprise WHERE enterprise_id = ?", second)).isEmpty();
    assertThat(await(registry.workersOfEnterprise(first))).extracting(Worker::id).containsExactly(id);
  }

  @Test
  void aSafetyUserMayAddWorkersOnlyToTheirOwnEnterprise() throws Exception {
    String mine = enterprise();
    Rejection refused = rejection(registry.createWorker(
        Worker.of("NV-" + run, enterprise(), "Lê Hoa", "0912345678", null), mine));
    assertThat(refused.kind()).isEqualTo(Rejection.Kind.FORBIDDEN);
    assertThat(rows("SELECT id FROM workers WHERE id = ?", "NV-" + run)).isEmpty();
  }

  @Test
  void aWorkerOfAnUnknownEnterpriseIsUnprocessable() throws Exception {
    Rejection unknown = rejection(registry.createWorker(Worker.of("NV-" + run, "none-" + run, "Lê Hoa", "0912345678", null)));
    assertThat(unknown.code()).isEqualTo("UNKNOWN_ENTERPRISE");
    assertThat(rows("SELECT id FROM workers WHERE id = ?", "NV-" + run)).isEmpty();
  }

  @Test
  void allCheckpointsAreReadAcrossPages() throws Exception {
    // More than one page (1000 rows); written directly and removed after, so other tests see few.
    var session = CassandraFixture.session();
    var insert = session.prepare("INSERT INTO checkpoints (id, enterprise_id, kind, name, capacity) VALUES (?, null, 'OTHER', ?, 10)");
    List<String> ids = IntStream.range(0, 1_050).mapToObj(i -> "p" + i + "-" + run).toList();
    try {
      CompletableFuture.allOf(ids.stream()
          .map(id -> session.executeAsync(insert.bind(id, "Điểm " + id)).toCompletableFuture())
          .toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      List<Checkpoint> all = await(registry.checkpoints());
      assertThat(all).extracting(Checkpoint::id).containsAll(ids).doesNotHaveDuplicates();
      assertThat(all).filteredOn(c -> c.id().equals(ids.get(7)))
          .containsExactly(new Checkpoint(ids.get(7), null, CheckpointKind.OTHER, "Điểm " + ids.get(7), 10));
    } finally {
      var delete = session.prepare("DELETE FROM checkpoints WHERE id = ?");
      ids.forEach(id -> session.execute(delete.bind(id)));
    }
  }

  @Test
  void workersAreFetchedByIdsSkippingUnknownOnes() throws Exception {
    String enterprise = enterprise();
    for (int i = 0; i < 5; i++) {
      await(registry.createWorker(Worker.of("W" + i + "-" + run, enterprise, "Bùi Thị Xuân", "091234567" + i, null)));
    }
    Map<String, Worker> found = await(registry.workers(List.of("W3-" + run, "W0-" + run, "zz-" + run, "bad id")));
    assertThat(found.keySet()).containsExactly("W3-" + run, "W0-" + run);
    assertThat(found.get("W0-" + run).fullName()).isEqualTo("Bùi Thị Xuân");
    assertThat(await(registry.workersOfEnterprise(enterprise))).extracting(Worker::id)
        .containsExactly("W0-" + run, "W1-" + run, "W2-" + run, "W3-" + run, "W4-" + run);
  }

  private String enterprise() throws Exception {
    return CassandraFixture.enterprise(registry);
  }
}
