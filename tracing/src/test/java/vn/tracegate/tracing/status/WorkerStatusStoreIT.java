package vn.tracegate.tracing.status;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tracegate.tracing.Scans.t;
import static vn.tracegate.tracing.TestCassandra.await;

import io.vertx.core.Future;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tracegate.tracing.TestCassandra;

class WorkerStatusStoreIT {

  private static WorkerStatusStore store;

  @BeforeAll
  static void connect() throws Exception {
    TestCassandra c = TestCassandra.get();
    store = await(WorkerStatusStore.create(c.vertx, c.session));
  }

  @Test
  void aWorkerNoTraceRaisedIsNormal() throws Exception {
    String w = TestCassandra.run() + "w";
    assertThat(await(store.find(w))).isEqualTo(ExposureStatus.normal(w));
  }

  @Test
  void aStatusIsRaisedButNeverLoweredNorMovedByALaterTrace() throws Exception {
    String w = TestCassandra.run() + "w";
    ExposureStatus f2 = new ExposureStatus(w, ExposureLevel.F2, t("2021-07-15 08:00"), UUID.randomUUID());
    ExposureStatus f1 = new ExposureStatus(w, ExposureLevel.F1, t("2021-07-15 10:00"), UUID.randomUUID());
    ExposureStatus laterF1 = new ExposureStatus(w, ExposureLevel.F1, t("2021-07-16 10:00"), UUID.randomUUID());
    ExposureStatus f3 = new ExposureStatus(w, ExposureLevel.F3, t("2021-07-17 10:00"), UUID.randomUUID());

    assertThat(await(store.raise(List.of(f2)))).isEqualTo(1);
    assertThat(await(store.find(w))).isEqualTo(f2);
    assertThat(await(store.raise(List.of(f1)))).isEqualTo(1);
    assertThat(await(store.raise(List.of(laterF1, f3)))).isZero();
    assertThat(await(store.find(w))).isEqualTo(f1);
  }

  @Test
  void aBigTraceRaisesEveryWorkerAcrossGroupsAndCountsOnlyThoseRaised() throws Exception {
    String run = TestCassandra.run();
    UUID first = UUID.randomUUID();
    List<ExposureStatus> f2s = new java.util.ArrayList<>();
    for (int i = 0; i < 2 * WorkerStatusStore.GROUP + 17; i++) {
      f2s.add(new ExposureStatus(run + "w" + i, ExposureLevel.F2, t("2021-07-15 08:00"), first));
    }
    assertThat(await(store.raise(f2s))).isEqualTo(f2s.size());

    UUID second = UUID.randomUUID();
    List<ExposureStatus> mixed = new java.util.ArrayList<>();
    for (int i = 0; i < f2s.size(); i++) {
      // Every third worker becomes F1; the others are proposed F2 again, which changes nothing.
      ExposureLevel level = i % 3 == 0 ? ExposureLevel.F1 : ExposureLevel.F2;
      mixed.add(new ExposureStatus(run + "w" + i, level, t("2021-07-15 09:00"), second));
    }
    assertThat(await(store.raise(mixed))).isEqualTo((f2s.size() + 2) / 3);
    for (int i = 0; i < f2s.size(); i++) {
      assertThat(await(store.find(run + "w" + i))).isEqualTo(i % 3 == 0 ? mixed.get(i) : f2s.get(i));
    }
  }

  @Test
  void concurrentTracesRaisingOneWorkerLeaveTheMostSevereLevel() throws Exception {
    for (int round = 0; round < 5; round++) {
      String w = TestCassandra.run() + "w";
      UUID id = UUID.randomUUID();
      List<Future<Integer>> raises = List.of(
          store.raise(List.of(new ExposureStatus(w, ExposureLevel.F3, t("2021-07-15 08:00"), id))),
          store.raise(List.of(new ExposureStatus(w, ExposureLevel.F1, t("2021-07-15 09:00"), id))),
          store.raise(List.of(new ExposureStatus(w, ExposureLevel.F2, t("2021-07-15 10:00"), id))));
      await(Future.all(raises));
      assertThat(await(store.find(w)).level()).isEqualTo(ExposureLevel.F1);
    }
  }
}
