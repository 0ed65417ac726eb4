package vn.tracegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tracegate.gateway.BadBodies.Case;
import vn.tracegate.gateway.BadBodies.Template;
import vn.tracegate.gateway.FuzzPark.Endpoint;

/**
 * Bad input through the real gateway, on every POST that takes a JSON body: text that is not
 * JSON, cut short, nested 10,000 deep, invalid UTF-8, control characters, duplicate keys, every
 * field missing or of a wrong type, bodies over the limit. Each must be a 4xx of the contract in
 * the JSON error shape, echo nothing, log nothing of the body, and write nothing.
 */
class BadInputIT {

  /** The seed of the random cuts; change it with -Dtracegate.fuzz.seed. */
  static final long SEED = Long.getLong("tracegate.fuzz.seed", 20_261_122L);
  static FuzzPark fz;

  @BeforeAll
  static void start() throws Exception {
    fz = new FuzzPark(TestGateway.unlimited(), "Đỗ Thị Hằng");
  }

  @AfterAll
  static void stop() {
    fz.close();
  }

  @Test
  void aBodyThatIsNotAJsonObjectIsA400OnEveryJsonEndpoint() {
    Random rnd = new Random(SEED);
    for (Endpoint e : fz.jsonEndpoints()) {
      for (Case c : BadBodies.notAnObject(e.fresh().get().bytes(), rnd)) {
        String code = fz.refused(e.path() + " " + c.name(), e.path(), e.auth(), "application/json", c.body());
        assertThat(code).as(e.path() + " " + c.name()).isNotEqualTo("ALREADY_EXISTS");
      }
    }
    fz.assertNothingWritten();
  }

  @Test
  void everyFieldMissingOrOfAWrongTypeOrValueIsRefusedOnEveryJsonEndpoint() {
    for (Endpoint e : fz.jsonEndpoints()) {
      for (Case c : BadBodies.eachFieldWrong(e.fresh(), e.wrong())) {
        fz.refused(e.path() + " " + c.name(), e.path(), e.auth(), "application/json", c.body());
      }
    }
    fz.assertNothingWritten();
  }

  @Test
  void aDuplicateKeyIsRefusedRatherThanOneOfItsValuesChosen() {
    for (Endpoint e : fz.jsonEndpoints()) {
      Template t = e.fresh().get();
      String first = t.fields.keySet().iterator().next();
      Case c = BadBodies.duplicateKey(t, first, t.fields.get(first));
      String code = fz.refused(e.path() + " " + c.name(), e.path(), e.auth(), "application/json", c.body());
      assertThat(code).isEqualTo("INVALID_JSON");
    }
    fz.assertNothingWritten();
  }

  @Test
  void aBodyOverTheLimitIs413AndAnyFormIsA400() throws IOException {
    byte[] big = BadBodies.utf8("{\"a\":\"" + BadBodies.MARK.repeat(fz.gw.config.http().maxBodyBytes() / 4) + "\"}");
    String multipart = "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.json\"\r\n"
        + "Content-Type: application/json\r\n\r\n{\"id\":\"" + BadBodies.MARK + "\"}\r\n--b--\r\n";
    for (Endpoint e : fz.jsonEndpoints()) {
      HttpResponse<Buffer> tooLarge = fz.http.post(e.path(), e.auth(), "application/json", big);
      Refusals.assertRefused(e.path() + " over the limit", big, tooLarge);
      assertThat(tooLarge.statusCode()).as(e.path()).isEqualTo(413);
      fz.refused(e.path() + " without auth, over the limit", e.path(), null, null, big);
      // Vert.x's form decoder answered a malformed or long field with a 500 that logged the field.
      for (String form : List.of("id=x&name=y", "%zz=1&a=%", "a=0398765432%zz", "a=" + BadBodies.MARK.repeat(5_000))) {
        String code = fz.refused(e.path() + " as a form " + BadBodies.preview(form), e.path(), e.auth(),
            "application/x-www-form-urlencoded", BadBodies.utf8(form));
        assertThat(code).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
      }
      for (String part : List.of(multipart, multipart.replace("\"f\"", "\"" + BadBodies.MARK.repeat(5_000) + "\""),
          multipart.replace("{\"id\"", BadBodies.MARK.repeat(5_000) + "{\"id\""), "garbage")) {
        String code = fz.refused(e.path() + " as multipart " + BadBodies.preview(part), e.path(), e.auth(),
            "multipart/form-data; boundary=b", BadBodies.utf8(part));
        assertThat(code).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
      }
    }
    Path uploads = Path.of("file-uploads");
    if (Files.exists(uploads)) {
      try (var files = Files.list(uploads)) {
        assertThat(files.count()).as("files the gateway wrote to " + uploads.toAbsolutePath()).isZero();
      }
    }
    fz.assertNothingWritten();
  }

  @Test
  void aTraceWindowAtTheEdgesOfTimeIsA400AndStoresNoTraceOrStatus() {
    for (String[] window : new String[][] {{"-999999999-01-01T00:00:00Z", "-999999999-01-02T00:00:00Z"},
        {"+999999999-01-01T00:00:00Z", "+999999999-01-02T00:00:00Z"}, {"0000-01-01T00:00:00Z", "0000-01-02T00:00:00Z"},
        {"1900-01-01T00:00:00Z", "1900-01-02T00:00:00Z"}, {"+10000-01-01T00:00:00Z", "+10000-01-02T00:00:00Z"},
        {"1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00.001Z"}}) {
      byte[] body = fz.trace().string("from", window[0]).string("to", window[1]).bytes();
      String code = fz.refused("trace from " + window[0], "/v1/traces", fz.health, "application/json", body);
      assertThat(code).isEqualTo("WINDOW_OUT_OF_RANGE");
    }
    fz.assertNothingWritten();
  }

  @Test
  void aBatchOfGarbageScansAnswersEachWithA4xxAndStoresNone() {
    JsonArray items = new JsonArray();
    for (Case c : BadBodies.eachFieldWrong(fz::scan, fz.byPath().get("/v1/scans").wrong())) {
      if (c.body().length < 50_000) {
        items.add(new JsonObject(Buffer.buffer(c.body())));
      }
    }
    items.add(42).add("scan").addNull().add(new JsonArray()).add(new JsonObject());
    byte[] body = BadBodies.utf8(new JsonObject().put("scans", items).encode());
    HttpResponse<Buffer> r = fz.http.post("/v1/scans/batch", fz.park.deviceKey, "application/json", body);

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonArray results = r.bodyAsJsonObject().getJsonArray("results");
    assertThat(results).hasSize(items.size());
    for (int i = 0; i < results.size(); i++) {
      JsonObject result = results.getJsonObject(i);
      assertThat(result.getInteger("status")).as("item %d: %s", i, result).isIn(Refusals.CONTRACT);
      assertThat(result.getJsonObject("error").getString("code")).as("item %d", i).matches("[A-Z][A-Z0-9_]*");
    }
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 501; i++) {
      tooMany.add(new JsonObject(Buffer.buffer(fz.scan().bytes())));
    }
    for (Object scans : List.of(42, "x", new JsonObject(), tooMany)) {
      byte[] b = BadBodies.utf8(new JsonObject().put("scans", scans).encode());
      fz.refused("batch of " + scans.getClass().getSimpleName(), "/v1/scans/batch", fz.park.deviceKey,
          "application/json", b);
    }
    fz.assertNothingWritten();
  }
}
