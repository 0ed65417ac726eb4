package vn.tracegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input below the JSON: credentials that are no credentials, a URI or headers too long for the
 * HTTP decoder, requests that are not HTTP. Each gets the error shape, nothing else, and nothing
 * is created.
 */
class BadHttpIT {

  static TestGateway gw;
  static ParkFixture park;
  static Refusals http;

  @BeforeAll
  static void start() throws Exception {
    gw = TestGateway.get();
    park = new ParkFixture(gw, 20);
    http = new Refusals(gw.client());
  }

  @Test
  void credentialsThatAreNoCredentialsAreA401() {
    String noneJwt = "Bearer eyJhbGciOiJub25lIn0.eyJyb2xlIjoiYWRtaW4iLCJleHAiOjk5OTk5OTk5OTl9.";
    for (String auth : new String[] {null, "", "Bearer", "Bearer x", "Bearer a.b.c", noneJwt, "Basic YTpi", "ApiKey",
        "ApiKey x", "ApiKey tgd_" + "A".repeat(5_000), "Bearer " + "A".repeat(15_000), "bearer  ",
        "Bearer " + gw.expiredToken("admin")}) {
      byte[] body = BadBodies.utf8(new JsonObject().put("id", "bh-" + park.suffix).put("name", "X").encode());
      String what = "Authorization " + (auth == null ? "absent" : BadBodies.preview(auth));
      HttpResponse<Buffer> r = http.post("/v1/enterprises", auth, "application/json", body);
      Refusals.assertRefused(what, body, r);
      assertThat(r.statusCode()).as(what).isEqualTo(401);
    }
    assertThat(rows("SELECT id FROM enterprises WHERE id = ?", "bh-" + park.suffix)).isZero();
    http.assertLogClean(List.of("AAAAAAAAAAAAAAAA"));
  }

  @Test
  void aUriOrHeadersTooLongForTheDecoderGetTheErrorShape() {
    byte[] body = BadBodies.utf8("{}");
    HttpResponse<Buffer> longUri = http.post("/v1/enterprises?x=" + "a".repeat(5_000), park.admin, "application/json", body);
    assertErrorShape("a 5 KB URI", longUri.statusCode(), longUri.bodyAsString(), 414, "URI_TOO_LONG");
    HttpResponse<Buffer> longHeader = http.post("/v1/enterprises", "Bearer " + "A".repeat(17_000), "application/json", body);
    assertErrorShape("a 17 KB header", longHeader.statusCode(), longHeader.bodyAsString(), 431, "HEADERS_TOO_LARGE");
    http.assertLogClean(List.of("AAAAAAAAAAAAAAAA", "aaaaaaaaaaaaaaaa"));
  }

  @Test
  void anIdInThePathIsNeverEchoedBeyond64PrintableCharacters() {
    // Found by probing: a 3 KB path segment came back whole in the 404, control characters and all.
    String health = gw.bearer("health");
    for (String id : new String[] {"x".repeat(3_000), "%00", "a%0Ab", "%1B%5B2J", "%ff", "%ED%A0%80", "%2F"}) {
      byte[] none = new byte[0];
      for (String path : new String[] {"/v1/workers/" + id + "/tokens", "/v1/keys/" + id + "/revoke",
          "/v1/devices/" + id + "/revoke"}) {
        HttpResponse<Buffer> r = http.post(path, park.admin, "application/json", BadBodies.utf8("{}"));
        Refusals.assertRefused("POST " + BadBodies.preview(path), none, r);
        assertThat(r.bodyAsString()).as(path).doesNotContain("x".repeat(65));
      }
      for (String path : new String[] {"/v1/checkpoints/" + id + "/qr.json", "/v1/workers/" + id + "/badge.json",
          "/v1/presence/checkpoints/" + id, "/v1/traces/" + id + "/export.csv?reason=audit"}) {
        HttpResponse<Buffer> r = park.api.get(path, path.contains("presence") || path.contains("traces") ? health : park.admin);
        Refusals.assertRefused("GET " + BadBodies.preview(path), none, r);
        assertThat(r.bodyAsString()).as(path).doesNotContain("x".repeat(65))
            .doesNotContainPattern("\\\\u00[01]");
      }
    }
    http.assertLogClean(List.of());
  }

  /** (An unknown HTTP version, "HTTP/9.9", is answered 501 by Vert.x itself before any hook: not covered.) */
  @Test
  void aRequestThatIsNotHttpGetsA400InTheErrorShape() throws Exception {
    String head = "POST /v1/enterprises HTTP/1.1\r\nHost: x\r\nAuthorization: " + park.admin + "\r\n";
    String body = "{\"id\":\"bh2-" + park.suffix + "\",\"name\":\"X\"}";
    for (String raw : new String[] {
        "GARBAGE\r\n\r\n",
        head + "Content-Length: 5\r\nContent-Length: " + body.length() + "\r\n\r\n" + body,
        head + "X-Bad: a\u0001b\r\nContent-Length: " + body.length() + "\r\n\r\n" + body,
        head + "Content-Length: 99999999999999999999\r\n\r\n" + body,
        head + "Content-Length: -1\r\n\r\n" + body}) {
      String response = exchange(raw);
      String what = BadBodies.preview(raw.replace("\r\n", "|"));
      int status = Integer.parseInt(response.substring(9, 12));
      assertErrorShape(what, status, response.substring(response.indexOf("\r\n\r\n") + 4), 400, null);
    }
    assertThat(rows("SELECT id FROM enterprises WHERE id = ?", "bh2-" + park.suffix)).isZero();
    http.assertLogClean(List.of());
  }

  static int rows(String cql, Object... values) {
    return gw.session.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(cql, values)).all().size();
  }

  private static void assertErrorShape(String what, int status, String body, int expected, String code) {
    assertThat(status).as(what + ": " + body).isEqualTo(expected);
    JsonObject error = new JsonObject(body).getJsonObject("error");
    assertThat(error.getString("code")).as(what).matches(code == null ? "[A-Z_]+" : code);
    assertThat(error.getString("message")).as(what).isNotBlank();
  }

  /** Writes raw bytes on a new connection and reads until the server closes it or 3 s pass. */
  private static String exchange(String raw) throws Exception {
    NetClient net = gw.vertx.createNetClient();
    NetSocket socket = net.connect(gw.port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    Buffer received = Buffer.buffer();
    CompletableFuture<String> done = new CompletableFuture<>();
    socket.handler(chunk -> {
      received.appendBuffer(chunk);
      String text = received.toString();
      int end = text.indexOf("\r\n\r\n");
      int length = text.toLowerCase().indexOf("content-length: ");
      if (end > 0 && length > 0) {
        int n = Integer.parseInt(text.substring(length + 16, text.indexOf("\r\n", length)).trim());
        if (text.length() >= end + 4 + n) {
          done.complete(text);
        }
      }
    });
    socket.closeHandler(v -> done.complete(received.toString()));
    socket.write(Buffer.buffer(raw));
    try {
      return done.get(3, TimeUnit.SECONDS);
    } finally {
      socket.close();
      net.close();
    }
  }
}
