package vn.tracegate.checkin.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tracegate.checkin.registry.RegistryRulesTest.assertInvalid;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryJsonTest {

  @Test
  void anEnterpriseRoundTripsThroughJson() {
    JsonObject json = new JsonObject().put("id", "may-viet").put("name", "Công ty May Việt");
    Enterprise enterprise = Enterprise.fromJson(json);
    assertThat(enterprise).isEqualTo(new Enterprise("may-viet", "Công ty May Việt"));
    assertThat(enterprise.toJson()).isEqualTo(json);
  }

  @Test
  void aParkSharedBusHasNoEnterprise() {
    Checkpoint bus = Checkpoint.fromJson(new JsonObject()
        .put("id", "bus-07").put("kind", "BUS").put("name", "Xe đưa đón số 7").put("capacity", 45));
    assertThat(bus).isEqualTo(new Checkpoint("bus-07", null, CheckpointKind.BUS, "Xe đưa đón số 7", 45));
    assertThat(bus.shared()).isTrue();
    assertThat(bus.toJson().encode())
        .isEqualTo("{\"id\":\"bus-07\",\"enterpriseId\":null,\"kind\":\"BUS\",\"name\":\"Xe đưa đón số 7\",\"capacity\":45}");
  }

  @Test
  void anEmptyEnterpriseIdMeansAParkSharedCheckpoint() {
    Checkpoint dorm = Checkpoint.fromJson(new JsonObject().put("id", "ktx-a").put("enterpriseId", "")
        .put("kind", "DORMITORY").put("name", "Ký túc xá A").put("capacity", 300));
    assertThat(dorm.enterpriseId()).isNull();
  }

  @Test
  void aDecodedJsonBodyWithANumberAsCapacityIsAccepted() {
    Checkpoint canteen = Checkpoint.fromJson(new JsonObject(
        "{\"id\":\"c1\",\"enterpriseId\":\"e1\",\"kind\":\"CANTEEN\",\"name\":\"Nhà ăn\",\"capacity\":20}"));
    assertThat(canteen.capacity()).isEqualTo(20);
    assertThat(canteen.enterpriseId()).isEqualTo("e1");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"id\":1,\"name\":\"A\"}|id must be a string",
      "{\"id\":\"e1\",\"name\":[\"A\"]}|name must be a string",
      "{\"id\":\"e1\"}|name is required",
      "{\"name\":\"A\"}|id is required",
  })
  void anEnterpriseWithAFieldOfTheWrongTypeIsA400NamingIt(String body, String message) {
    assertInvalid(() -> Enterprise.fromJson(new JsonObject(body)), message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"id\":\"c1\",\"kind\":\"BUS\",\"name\":\"x\",\"capacity\":\"20\"}|capacity must be an integer from 1 to 100000",
      "{\"id\":\"c1\",\"kind\":\"BUS\",\"name\":\"x\"}|capacity must be an integer from 1 to 100000",
      "{\"id\":\"c1\",\"kind\":5,\"name\":\"x\",\"capacity\":2}|kind must be a string",
      "{\"id\":\"c1\",\"kind\":\"BUS\",\"name\":\"x\",\"capacity\":2,\"enterpriseId\":{}}|enterpriseId must be a string",
      "{\"id\":\"c1\",\"kind\":\"LIFT\",\"name\":\"x\",\"capacity\":2}|kind must be one of GATE, WORKSHOP, CANTEEN, DORMITORY, BUS, OTHER",
  })
  void aCheckpointWithABadFieldIsA400NamingIt(String body, String message) {
    assertInvalid(() -> Checkpoint.fromJson(new JsonObject(body)), message);
  }

  @Test
  void aWorkerKeepsHisVietnameseNameAndGetsANormalisedPhone() {
    Worker worker = Worker.fromJson(new JsonObject()
        .put("id", "NV001").put("enterpriseId", "e1").put("fullName", "Nguyễn Thị Hằng")
        .put("phone", "+84 912 345 678").put("team", "Tổ 3"));
    assertThat(worker).isEqualTo(new Worker("NV001", "e1", "Nguyễn Thị Hằng", "0912345678", "Tổ 3"));
  }

  @Test
  void aWorkersPhoneIsMaskedUnlessAskedForAndNeverPrinted() {
    Worker worker = new Worker("NV001", "e1", "Nguyễn Thị Hằng", "0912345678", null);
    assertThat(worker.toJson().getString("phone")).isEqualTo("*******678");
    assertThat(worker.toJson(false).getString("phone")).isEqualTo("0912345678");
    assertThat(worker.toString()).doesNotContain("0912345678").contains("*******678");
    assertThat(worker.toJson().containsKey("team")).isTrue();
  }

  @Test
  void aWorkerWithANumberAsPhoneIsA400NotAClassCast() {
    assertInvalid(() -> Worker.fromJson(new JsonObject()
            .put("id", "NV001").put("enterpriseId", "e1").put("fullName", "An").put("phone", 912345678)),
        "phone must be a string");
  }

  @Test
  void aDeviceListsItsCheckpointsAndHasNoKeyInItsJson() {
    Device device = Device.fromJson(new JsonObject().put("id", "scanner-1").put("enterpriseId", "e1")
        .put("checkpointIds", new JsonArray().add("ws-2").add("gate-1")));
    assertThat(device.checkpointIds()).isEqualTo(Set.of("gate-1", "ws-2"));
    assertThat(device.revoked()).isFalse();
    assertThat(device.scansFor("gate-1")).isTrue();
    assertThat(device.scansFor("canteen")).isFalse();
    assertThat(device.toJson().getJsonArray("checkpointIds").getList()).isEqualTo(List.of("gate-1", "ws-2"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"id\":\"d1\",\"enterpriseId\":\"e1\",\"checkpointIds\":\"gate-1\"}|checkpointIds must be an array of strings",
      "{\"id\":\"d1\",\"enterpriseId\":\"e1\",\"checkpointIds\":[1]}|checkpointIds must be an array of strings",
      "{\"id\":\"d1\",\"enterpriseId\":\"e1\",\"checkpointIds\":[]}|checkpointIds must list 1 to 64 checkpoints",
      "{\"id\":\"d1\",\"enterpriseId\":\"e1\"}|checkpointIds must list 1 to 64 checkpoints",
  })
  void aDeviceWithBadCheckpointIdsIsA400(String body, String message) {
    assertInvalid(() -> Device.fromJson(new JsonObject(body)), message);
  }

  @Test
  void aMissingBodyIsA400() {
    assertInvalid(() -> Worker.fromJson(null), "the body must be a JSON object");
  }

  @Test
  void aCreatedDeviceShowsItsKeyInJsonButNeverInItsString() {
    DeviceCreated created = new DeviceCreated(new Device("d1", "e1", Set.of("g"), false), "tgd_secret");
    assertThat(created.toJson().getString("apiKey")).isEqualTo("tgd_secret");
    assertThat(created.toString()).doesNotContain("tgd_secret");
  }

  @Test
  void anImportReportListsItsLineErrors() {
    ImportReport report = new ImportReport(2, 1, List.of(new LineError(3, "phone is required")));
    assertThat(report.toJson().encode())
        .isEqualTo("{\"imported\":2,\"failed\":1,\"errors\":[{\"line\":3,\"message\":\"phone is required\"}]}");
  }
}
