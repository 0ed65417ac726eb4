package vn.tracegate.gateway.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import vn.tracegate.gateway.Api;
import vn.tracegate.gateway.ParkFixture;
import vn.tracegate.gateway.TestGateway;

/**
 * Two enterprises A and B of one park, registered through the API with ids unique to the run: a
 * workshop and a scanner each, a worker each with a name and phone found nowhere else, a shuttle
 * bus they share, and a scanner of A whose key was revoked.
 */
final class TwoEnterprises {

  final TestGateway gw;
  final ParkFixture a;
  final ParkFixture b;
  final Api api;
  final String bus;
  final String workerA;
  final String workerB;
  final String nameA;
  final String nameB;
  final String phoneA;
  final String phoneB;
  final String revokedKey;

  TwoEnterprises(TestGateway gw) {
    this.gw = gw;
    a = new ParkFixture(gw, 50);
    b = new ParkFixture(gw, 50);
    api = a.api;
    bus = "bus-" + a.suffix;
    a.checkpoint(bus, "BUS", 45, null);
    nameA = "Lê Thị " + letters(a.suffix);
    nameB = "Trịnh Văn " + letters(b.suffix);
    phoneA = phone();
    phoneB = phone();
    workerA = worker(a, "A", nameA, phoneA);
    workerB = worker(b, "B", nameB, phoneB);
    String revokedId = "rev-" + a.suffix;
    HttpResponse<Buffer> d = api.post("/v1/devices", a.admin, new JsonObject().put("id", revokedId)
        .put("enterpriseId", a.enterprise).put("checkpointIds", new JsonArray().add(a.workshop)));
    assertThat(d.statusCode()).as(d.bodyAsString()).isEqualTo(201);
    revokedKey = "ApiKey " + d.bodyAsJsonObject().getString("apiKey");
    HttpResponse<Buffer> r = api.post("/v1/devices/" + revokedId + "/revoke", a.admin, new JsonObject());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }

  private String worker(ParkFixture park, String local, String name, String phone) {
    String id = local + "-" + park.suffix;
    HttpResponse<Buffer> r = api.post("/v1/workers", park.admin, new JsonObject().put("id", id)
        .put("enterpriseId", park.enterprise).put("fullName", name).put("phone", phone).put("team", "Tổ 1"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return id;
  }

  /** What a caller scoped to A must never see, and the same for B. */
  List<String> secretsOfA() {
    return List.of(nameA, phoneA);
  }

  List<String> secretsOfB() {
    return List.of(nameB, phoneB);
  }

  /** Hex suffix as letters, so it can be part of a person's name. */
  static String letters(String suffix) {
    StringBuilder out = new StringBuilder();
    for (char c : suffix.toLowerCase(Locale.ROOT).toCharArray()) {
      out.append((char) ('a' + Character.digit(c, 16)));
    }
    return Character.toUpperCase(out.charAt(0)) + out.substring(1);
  }

  static String phone() {
    return "09" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
  }
}
