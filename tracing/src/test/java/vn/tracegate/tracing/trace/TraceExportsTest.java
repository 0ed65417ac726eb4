package vn.tracegate.tracing.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tracegate.tracing.Scans.t;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.tracegate.tracing.SampleTrace;
import vn.tracegate.tracing.graph.TraceRequest;
import vn.tracegate.tracing.people.CheckpointDirectory;
import vn.tracegate.tracing.people.Visibility;
import vn.tracegate.tracing.people.WorkerDirectory;

class TraceExportsTest {

  private final Vertx vertx = Vertx.vertx();
  private final SavedTrace trace = new SavedTrace(UUID.fromString("00000000-0000-0000-0000-000000000042"),
      TraceRequest.of("f0", t("2021-07-14 00:00"), t("2021-07-16 00:00"), 2, null), "health-officer-1",
      "positive test 2021-07-16", Instant.parse("2021-07-16T03:00:00Z"), SampleTrace.GRAPH);
  private final WorkerDirectory workers = ids -> Future.succeededFuture(ids.stream()
      .filter(SampleTrace.PEOPLE::containsKey).collect(Collectors.toMap(id -> id, SampleTrace.PEOPLE::get)));
  private final CheckpointDirectory checkpoints = ids -> Future.succeededFuture(ids.stream()
      .filter(SampleTrace.NAMES::containsKey).collect(Collectors.toMap(id -> id, SampleTrace.NAMES::get)));
  private final TraceExports exports = new TraceExports(vertx, workers, checkpoints);

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void theCsvOfAStoredTraceNamesPeopleAndPlacesAndMasksOtherEnterprises() throws Exception {
    byte[] csv = exports.csv(trace, Visibility.enterprise("ent-A")).toCompletionStage().toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
    String text = new String(csv, StandardCharsets.UTF_8);
    assertThat(text).contains("F0,f0,Nguyễn Thị Lan,0912345678,ent-A,Tổ may 3,,,,\r\n")
        .contains("F1,c,,,ent-B,,2021-07-15 06:30,Nhà ăn số 1,20,f0\r\n");
    assertThat(TraceExports.fileName(trace, "csv")).isEqualTo("trace-00000000-0000-0000-0000-000000000042.csv");
  }

  @Test
  void theGraphViewCarriesTheIdAndMasksOtherEnterprises() throws Exception {
    JsonObject json = exports.graph(trace, Visibility.enterprise("ent-B")).toCompletionStage()
        .toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(json.getString("id")).isEqualTo("00000000-0000-0000-0000-000000000042");
    Map<String, JsonObject> nodes = json.getJsonArray("nodes").stream().map(o -> (JsonObject) o)
        .collect(Collectors.toMap(o -> o.getString("workerId"), o -> o));
    assertThat(nodes.get("f0").containsKey("fullName")).isFalse();
    assertThat(nodes.get("c").getString("fullName")).isEqualTo("Trần Văn Bình");
    assertThat(json.getJsonArray("edges")).hasSize(5);
  }

}
