package vn.tracegate.checkin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tracegate.checkin.registry.CassandraFixture.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.checkin.access.Role;
import vn.tracegate.checkin.registry.CassandraFixture;

/**
 * The audit log on the real Cassandra. The chain is shared by every test of the keyspace, so a
 * test checks the range of its own entries, and a test that tampers puts the row back.
 */
class AuditLogIT {

  static CqlSession session;
  static AuditLog nodeA;
  static AuditLog nodeB;

  @BeforeAll
  static void start() throws Exception {
    session = CassandraFixture.session();
    nodeA = new AuditLog(CassandraFixture.vertx(), session, Duration.ofDays(365), Clock.systemUTC());
    nodeB = new AuditLog(CassandraFixture.vertx(), session, Duration.ofDays(365), Clock.systemUTC());
  }

  static AuditEvent event(String worker, String reason) {
    return new AuditEvent("health:" + UUID.randomUUID(), Role.HEALTH, null, AuditAction.TRACE, "trace",
        UUID.randomUUID().toString(), List.of(worker), reason);
  }

  static String worker() {
    return "W-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void twoNodesAppendingAtOnceBuildOneUnbrokenChainAcrossPartitions() throws Exception {
    String w = worker();
    List<Future<AuditEntry>> appends = new ArrayList<>();
    int n = (int) AuditStore.BUCKET + 100;
    for (int i = 0; i < n; i++) {
      appends.add((i % 2 == 0 ? nodeA : nodeB).append(event(w, "điều tra ca " + i)));
    }
    await(Future.all(appends));
    List<Long> seqs = appends.stream().map(f -> f.result().seq()).sorted().toList();

    assertThat(seqs).doesNotHaveDuplicates();
    AuditCheck check = await(nodeA.verify(seqs.get(0), seqs.get(seqs.size() - 1)));
    assertThat(check.ok()).as(String.valueOf(check.problem())).isTrue();
    assertThat(check.checked()).isGreaterThanOrEqualTo(n);
    assertThat(AuditStore.bucket(seqs.get(n - 1))).isGreaterThan(AuditStore.bucket(seqs.get(0)));
    assertThat(await(nodeB.accessTo(w, 500))).hasSize(500);
  }

  @Test
  void aWorkerSeesTheLooksAtTheirDataNewestFirst() throws Exception {
    String w = worker();
    AuditEntry first = await(nodeA.append(event(w, "F0 ở xưởng may")));
    AuditEntry second = await(nodeB.append(new AuditEvent("safety:x", Role.SAFETY, "ent-x", AuditAction.EXPORT,
        "trace", "t-1", List.of(w, worker()), "gửi Sở Y tế")));

    List<WorkerAccess> seen = await(nodeA.accessTo(w, 10));

    assertThat(seen).extracting(WorkerAccess::seq).containsExactly(second.seq(), first.seq());
    assertThat(seen.get(0).actorLabel()).isEqualTo("safety team of ent-x");
    assertThat(seen.get(0).reason()).isEqualTo("gửi Sở Y tế");
    assertThat(seen.get(1).action()).isEqualTo(AuditAction.TRACE);
  }

  @Test
  void aChangedReasonInTheStoreIsFoundAndTheFixedRowChecksOkAgain() throws Exception {
    List<AuditEntry> mine = appendThree();
    AuditEntry middle = mine.get(1);
    long bucket = AuditStore.bucket(middle.seq());
    try {
      session.execute(SimpleStatement.newInstance("UPDATE audit_log SET reason = ? WHERE bucket = ? AND seq = ?",
          "không có gì", bucket, middle.seq()));

      AuditCheck check = await(nodeA.verify(mine.get(0).seq(), mine.get(2).seq()));

      assertThat(check.ok()).isFalse();
      assertThat(check.problem().seq()).isEqualTo(middle.seq());
      assertThat(check.problem().kind()).isEqualTo(AuditCheck.Kind.HASH_MISMATCH);
    } finally {
      session.execute(SimpleStatement.newInstance("UPDATE audit_log SET reason = ? WHERE bucket = ? AND seq = ?",
          middle.event().reason(), bucket, middle.seq()));
    }
    assertThat(await(nodeA.verify(mine.get(0).seq(), mine.get(2).seq())).ok()).isTrue();
  }

  @Test
  void aDeletedEntryInTheStoreIsFound() throws Exception {
    List<AuditEntry> mine = appendThree();
    AuditEntry middle = mine.get(1);
    long bucket = AuditStore.bucket(middle.seq());
    var row = session.execute(SimpleStatement.newInstance("SELECT * FROM audit_log WHERE bucket = ? AND seq = ?",
        bucket, middle.seq())).one();
    try {
      session.execute(SimpleStatement.newInstance("DELETE FROM audit_log WHERE bucket = ? AND seq = ?", bucket,
          middle.seq()));

      AuditCheck check = await(nodeA.verify(mine.get(0).seq(), mine.get(2).seq()));

      assertThat(check.problem().seq()).isEqualTo(middle.seq());
      assertThat(check.problem().kind()).isEqualTo(AuditCheck.Kind.MISSING_SEQ);
    } finally {
      // A DELETE's tombstone shadows older writes: restore with a later write timestamp.
      session.execute(SimpleStatement.newInstance("INSERT INTO audit_log (bucket, seq, at, prev_at, actor, role,"
              + " actor_enterprise, action, object_type, object_id, worker_ids, reason, prev_hash, hash)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          bucket, middle.seq(), row.getInstant("at"), row.getInstant("prev_at"), row.getString("actor"),
          row.getString("role"), row.getString("actor_enterprise"), row.getString("action"),
          row.getString("object_type"), row.getString("object_id"), row.getList("worker_ids", String.class),
          row.getString("reason"), row.getString("prev_hash"), row.getString("hash")));
    }
    assertThat(await(nodeA.verify(mine.get(0).seq(), mine.get(2).seq())).ok()).isTrue();
  }

  @Test
  void anEntryThatCannotBeWrittenFailsClosedWith503() throws Exception {
    CqlSession gone = CassandraFixture.openSession();
    AuditLog log = new AuditLog(CassandraFixture.vertx(), gone, Duration.ofDays(1), Clock.systemUTC());
    gone.close();

    Rejection r = CassandraFixture.rejection(log.append(event(worker(), "không ghi được")));

    assertThat(r.kind()).isEqualTo(Rejection.Kind.UNAVAILABLE);
    assertThat(r.code()).isEqualTo("AUDIT_UNAVAILABLE");
  }

  private static List<AuditEntry> appendThree() throws Exception {
    String w = worker();
    List<AuditEntry> out = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      out.add(await(nodeA.append(event(w, "lý do " + i))));
    }
    return out;
  }
}
