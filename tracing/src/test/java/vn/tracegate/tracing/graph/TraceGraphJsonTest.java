package vn.tracegate.tracing.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import vn.tracegate.tracing.SampleTrace;

class TraceGraphJsonTest {

  @Test
  void theJsonHasTheContractFieldsAndReadsBackToTheSameGraph() {
    JsonObject json = SampleTrace.GRAPH.toJson();
    assertThat(json.getJsonArray("nodes").getJsonObject(0).encode())
        .isEqualTo("{\"workerId\":\"f0\",\"level\":0,\"firstExposureAt\":null,\"via\":null}");
    assertThat(json.getJsonArray("nodes").getJsonObject(1).encode())
        .isEqualTo("{\"workerId\":\"c\",\"level\":1,\"firstExposureAt\":\"2021-07-14T23:30:00Z\",\"via\":\"f0\"}");
    assertThat(json.getJsonArray("edges").getJsonObject(0).encode()).isEqualTo(
        "{\"from\":\"f0\",\"to\":\"c\",\"checkpointId\":\"can-1\",\"kind\":\"CANTEEN\","
            + "\"overlapStart\":\"2021-07-14T23:30:00Z\",\"overlapEnd\":\"2021-07-14T23:50:00Z\",\"minutes\":20}");
    assertThat(TraceGraph.fromJson(new JsonObject(json.encode()))).isEqualTo(SampleTrace.GRAPH);
  }
}
