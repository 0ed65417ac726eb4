package vn.tracegate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.Rejection;

/** The failure handler on a bare router: what each kind of failure becomes on the wire. */
class FailuresTest {

  static Vertx vertx;
  static HttpServer server;
  static WebClient client;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.get("/rejected").handler(ctx -> {
      throw Rejection.unprocessable("QR_MALFORMED", "not a TraceGate code");
    });
    router.get("/client-fault").handler(ctx -> ctx.fail(400, new IllegalArgumentException("quoting 0912345678")));
    router.get("/bug").handler(ctx -> {
      throw new IllegalStateException("internal detail 0912345678");
    });
    router.route().failureHandler(Failures::handle);
    server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  static HttpResponse<Buffer> get(String path) throws Exception {
    return client.get(server.actualPort(), "127.0.0.1", path).send().toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void aRejectionBecomesItsStatusAndTheErrorShape() throws Exception {
    HttpResponse<Buffer> r = get("/rejected");
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.bodyAsJsonObject()).isEqualTo(Failures.error("QR_MALFORMED", "not a TraceGate code"));
  }

  @Test
  void aFailureWithAClientStatusAndARawCauseStaysThatStatusAndDoesNotQuoteTheCause() throws Exception {
    // Vert.x's form decoder failed this way (400 + IllegalArgumentException): it was a 500.
    HttpResponse<Buffer> r = get("/client-fault");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("BAD_REQUEST");
    assertThat(r.bodyAsString()).doesNotContain("0912345678");
  }

  @Test
  void aBugIsA500ThatShowsNothingOfIt() throws Exception {
    HttpResponse<Buffer> r = get("/bug");
    assertThat(r.statusCode()).isEqualTo(500);
    JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo("INTERNAL");
    assertThat(r.bodyAsString()).doesNotContain("0912345678").doesNotContain("IllegalState");
  }
}
