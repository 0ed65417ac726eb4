package vn.tracegate.checkin.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.BadInput;
import vn.tracegate.checkin.JsonGarbage;
import vn.tracegate.checkin.Rejection;

/**
 * Whatever body an admin tool sends, the registry's readers give a valid record or a 400: never a
 * ClassCastException or a NullPointerException, and nothing that Cassandra's UTF-8 text cannot hold.
 */
class RegistryJsonPropertyTest {

  static final JsonObject ENTERPRISE = new JsonObject().put("id", "may-viet").put("name", "Công ty May Việt");
  static final JsonObject CHECKPOINT = new JsonObject().put("id", "ws-1").put("enterpriseId", "may-viet")
      .put("kind", "WORKSHOP").put("name", "Xưởng may 1").put("capacity", 20);
  static final JsonObject WORKER = new JsonObject().put("id", "NV001").put("enterpriseId", "may-viet")
      .put("fullName", "Nguyễn Thị Lan").put("phone", "0912345678").put("team", "Tổ 1");
  static final JsonObject DEVICE = new JsonObject().put("id", "dev-1").put("enterpriseId", "may-viet")
      .put("checkpointIds", new JsonArray().add("ws-1").add("gate-A"));

  @Test
  void aSpoiledEnterpriseIsValidOrA400() {
    check("Enterprise.fromJson", ENTERPRISE, Enterprise::fromJson, e -> e.id() + e.name());
  }

  @Test
  void aSpoiledCheckpointIsValidOrA400() {
    check("Checkpoint.fromJson", CHECKPOINT, Checkpoint::fromJson, c -> c.id() + c.enterpriseId() + c.name());
  }

  @Test
  void aSpoiledWorkerIsValidOrA400() {
    check("Worker.fromJson", WORKER, Worker::fromJson, w -> w.id() + w.enterpriseId() + w.fullName() + w.phone()
        + w.team());
  }

  @Test
  void aSpoiledDeviceIsValidOrA400() {
    check("Device.fromJson", DEVICE, Device::fromJson, d -> d.id() + d.enterpriseId() + d.checkpointIds());
  }

  private static <T> void check(String property, JsonObject valid, Function<JsonObject, T> read,
      Function<T, String> text) {
    BadInput.forAll(property, 20_000, rnd -> JsonGarbage.spoil(rnd, valid), body -> {
      T record;
      try {
        record = read.apply(body);
      } catch (Rejection r) {
        assertThat(r.kind()).isEqualTo(Rejection.Kind.INVALID);
        throw r;
      }
      String stored = text.apply(record);
      assertThat(new String(stored.getBytes(UTF_8), UTF_8)).as("UTF-8 can hold it unchanged")
          .isEqualTo(stored);
    });
  }
}
