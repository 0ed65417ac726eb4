package vn.tracegate.gateway.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tracegate.gateway.Api;
import vn.tracegate.gateway.ParkFixture;
import vn.tracegate.gateway.TestGateway;

/** Per-client limits with the default config: a device 50/s with a burst of 200, a worker 2/s, burst 20. */
class RateLimitIT {

  static TestGateway gw;

  @BeforeAll
  static void start() throws Exception {
    gw = TestGateway.get();
  }

  @Test
  void aDeviceOverItsRateGets429WithRetryAfterWhileAnotherDevicesScansSucceed() throws Exception {
    ParkFixture a = new ParkFixture(gw, 50);
    ParkFixture b = new ParkFixture(gw, 50);
    String workerA = a.worker("RA", "Nguyễn Văn Nhanh");
    String workerB = b.worker("RB", "Trần Thị Chậm");
    JsonArray burst = new JsonArray();
    for (int i = 0; i < 200; i++) {
      burst.add(new JsonObject());
    }
    String badgeA = a.badge(workerA);
    String badgeB = b.badge(workerB);

    // 200 scans in one request empty A's bucket; ten more a moment later need 200 ms of refill.
    HttpResponse<Buffer> drained = a.api.post("/v1/scans/batch", a.deviceKey, new JsonObject().put("scans", burst));
    HttpResponse<Buffer> over = a.api.post("/v1/scans/batch", a.deviceKey, tenScans(badgeA, a.workshop));
    HttpResponse<Buffer> other = b.api.post("/v1/scans", b.deviceKey, AuthzMatrixIT.scan(badgeB, b.workshop));

    assertThat(drained.statusCode()).as("a batch costs one token per scan").isEqualTo(200);
    assertThat(over.statusCode()).as(over.bodyAsString()).isEqualTo(429);
    assertThat(Api.code(over)).isEqualTo("RATE_LIMITED");
    long retryAfter = Long.parseLong(over.getHeader("Retry-After"));
    assertThat(retryAfter).isEqualTo(1);
    assertThat(other.statusCode()).as(other.bodyAsString()).isEqualTo(201);

    Thread.sleep(retryAfter * 1000);
    HttpResponse<Buffer> later = a.api.post("/v1/scans/batch", a.deviceKey, tenScans(badgeA, a.workshop));
    assertThat(later.statusCode()).as(later.bodyAsString()).isEqualTo(200);
    assertThat(later.bodyAsJsonObject().getJsonArray("results").stream().map(JsonObject.class::cast)
        .map(r -> r.getInteger("status"))).containsOnly(201);
  }

  private static JsonObject tenScans(String badge, String checkpoint) {
    JsonArray scans = new JsonArray();
    for (int i = 0; i < 10; i++) {
      scans.add(AuthzMatrixIT.scan(badge, checkpoint));
    }
    return new JsonObject().put("scans", scans);
  }

  @Test
  void aWorkerAppOverItsBurstGets429AndAnotherWorkerDoesNot() {
    ParkFixture park = new ParkFixture(gw, 50);
    String hasty = park.appToken(park.worker("RC", "Lý Văn Vội"));
    String calm = park.appToken(park.worker("RD", "Mai Thị Từ"));
    for (int i = 0; i < 20; i++) {
      assertThat(park.api.get("/v1/workers/me/access", hasty).statusCode()).as("request " + i).isEqualTo(200);
    }

    HttpResponse<Buffer> over = park.api.get("/v1/workers/me/access", hasty);

    assertThat(over.statusCode()).isEqualTo(429);
    assertThat(over.getHeader("Retry-After")).isEqualTo("1");
    assertThat(park.api.get("/v1/workers/me/access", calm).statusCode()).isEqualTo(200);
  }

  @Test
  void aSingleScanOverTheLimitGets429AndClaimsNothingSoItsResendLaterIsNew() throws Exception {
    ParkFixture park = new ParkFixture(gw, 50);
    String app = park.appToken(park.worker("RE", "Đỗ Văn Đợi"));
    JsonObject scan = AuthzMatrixIT.scan(park.poster(park.workshop), null);

    HttpResponse<Buffer> drained = park.api.post("/v1/scans/batch", app, emptyScans(20));
    HttpResponse<Buffer> over = park.api.post("/v1/scans", app, scan);

    assertThat(drained.statusCode()).as("20 scans in one batch take a worker's whole burst").isEqualTo(200);
    assertThat(over.statusCode()).as(over.bodyAsString()).isEqualTo(429);
    assertThat(Api.code(over)).isEqualTo("RATE_LIMITED");
    long retryAfter = Long.parseLong(over.getHeader("Retry-After"));
    assertThat(retryAfter).isEqualTo(1);

    Thread.sleep(retryAfter * 1000);
    HttpResponse<Buffer> resent = park.api.post("/v1/scans", app, scan);
    Thread.sleep(retryAfter * 1000);
    HttpResponse<Buffer> again = park.api.post("/v1/scans", app, scan);
    assertThat(resent.statusCode()).as("the refused scan was not claimed: " + resent.bodyAsString()).isEqualTo(201);
    assertThat(again.statusCode()).as("and now it is: " + again.bodyAsString()).isEqualTo(200);
  }

  @Test
  void scansRefusedAsInvalidStillCostATokenAndAnEmptyBucketAnswers429WhateverTheBody() {
    ParkFixture park = new ParkFixture(gw, 50);
    String app = park.appToken(park.worker("RF", "Hồ Thị Sai"));
    JsonObject valid = AuthzMatrixIT.scan(park.poster(park.workshop), null);

    HttpResponse<Buffer> drained = park.api.post("/v1/scans/batch", app, emptyScans(19));
    HttpResponse<Buffer> lastToken = park.api.post("/v1/scans", app, new JsonObject());
    HttpResponse<Buffer> invalidOver = park.api.post("/v1/scans", app, new JsonObject());
    HttpResponse<Buffer> validOver = park.api.post("/v1/scans", app, valid);

    assertThat(drained.statusCode()).isEqualTo(200);
    assertThat(lastToken.statusCode()).as(lastToken.bodyAsString()).isEqualTo(400);
    assertThat(invalidOver.statusCode()).as(invalidOver.bodyAsString()).isEqualTo(429);
    assertThat(validOver.statusCode()).as(validOver.bodyAsString()).isEqualTo(429);
    assertThat(validOver.getHeader("Retry-After")).isEqualTo("1");
  }

  private static JsonObject emptyScans(int n) {
    JsonArray scans = new JsonArray();
    for (int i = 0; i < n; i++) {
      scans.add(new JsonObject());
    }
    return new JsonObject().put("scans", scans);
  }
}
