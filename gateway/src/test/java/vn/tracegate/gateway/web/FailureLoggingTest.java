package vn.tracegate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The one failure handler never writes a request's body (names, phones) into the log. */
class FailureLoggingTest {

  static final String PHONE = "0912345678";
  static final String NAME = "Nguyễn Thị Lan";
  static Vertx vertx;
  static HttpServer server;
  static WebClient client;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    // A handler bug whose exception quotes the body, with a cause that does too: the worst case.
    router.post("/v1/workers").handler(BodyHandler.create()).handler(ctx -> {
      String body = ctx.body().asString();
      throw new IllegalStateException("could not store " + body, new IllegalArgumentException("bad phone " + PHONE));
    });
    router.route().failureHandler(Failures::handle);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  @Test
  void anUnexpectedFailureIsLoggedWithItsPathAndStackButWithoutTheBody() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(Failures.class);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    logger.addAppender(captured);
    try {
      HttpResponse<Buffer> r = client.post(server.actualPort(), "127.0.0.1", "/v1/workers?phone=" + PHONE)
          .sendJsonObject(new io.vertx.core.json.JsonObject().put("fullName", NAME).put("phone", PHONE))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.bodyAsString()).doesNotContain(PHONE).doesNotContain(NAME);
    } finally {
      logger.detachAppender(captured);
    }
    assertThat(captured.list).hasSize(1);
    String logged = everything(captured.list.get(0));
    assertThat(logged).contains("/v1/workers").contains("IllegalStateException").contains("IllegalArgumentException")
        .contains("FailureLoggingTest");
    assertThat(logged).doesNotContain(PHONE).doesNotContain(NAME).doesNotContain("fullName");
  }

  /** The message and every message, class and frame of the logged throwable and its causes. */
  private static String everything(ILoggingEvent event) {
    StringBuilder out = new StringBuilder(event.getFormattedMessage());
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      out.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
      for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
        out.append('\n').append(frame.getSTEAsString());
      }
    }
    return out.toString();
  }
}
