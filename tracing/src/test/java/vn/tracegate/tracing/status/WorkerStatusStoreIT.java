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
