package vn.tracegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Raw requests for bad-input tests and the one check every refusal must pass: a 4xx of the public
 * contract, the JSON error shape, no stack trace, and no stretch of the request echoed back.
 * Also watches the gateway's log, which must stay free of request bodies and of 500s.
 */
final class Refusals {

  /** The statuses DESIGN.md allows for bad input. */
  static final Set<Integer> CONTRACT = Set.of(400, 401, 403, 404, 409, 413, 422);
  /** An echo of the request longer than this (an id is at most 64) is a leak. */
  static final int ECHO = 65;
  static final int MAX_BODY = 2_000;

  private final WebClient client;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  int sent;

  Refusals(WebClient client) {
    this.client = client;
    log.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
  }

  /** POSTs exactly these bytes; {@code contentType} null sends none. */
  HttpResponse<Buffer> post(String path, String authorization, String contentType, byte[] body) {
    HttpRequest<Buffer> request = client.post(path);
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    sent++;
    try {
      return request.sendBuffer(Buffer.buffer(body)).toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(path + ": request failed: " + e, e);
    }
  }

  /** Asserts {@code r} is a clean refusal of {@code body}, and returns its error code. */
  static String assertRefused(String what, byte[] body, HttpResponse<Buffer> r) {
    String text = r.bodyAsString();
    String as = what + " -> " + r.statusCode() + " " + (text == null ? "" : text.substring(0, Math.min(300, text.length())));
    assertThat(r.statusCode()).as(as).isIn(CONTRACT);
    assertThat(r.getHeader("Content-Type")).as(as).startsWith("application/json");
    assertThat(text).as(as).isNotNull().hasSizeLessThan(MAX_BODY)
        .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("vn.tracegate.");
    JsonObject json = new JsonObject(text);
    assertThat(json.fieldNames()).as(as).containsExactly("error");
    JsonObject error = json.getJsonObject("error");
    assertThat(error.fieldNames()).as(as).containsExactlyInAnyOrder("code", "message");
    assertThat(error.getString("code")).as(as).matches("[A-Z][A-Z0-9_]*");
    assertThat(error.getString("message")).as(as).isNotBlank();
    assertNoEcho(as, body, text);
    return error.getString("code");
  }

  /** No {@value #ECHO}-character stretch of the request appears in the response. */
  static void assertNoEcho(String as, byte[] body, String response) {
    String request = new String(body, StandardCharsets.UTF_8);
    if (request.length() < ECHO || response.length() < ECHO) {
      return;
    }
    Set<String> windows = new HashSet<>();
    for (int i = 0; i + ECHO <= response.length(); i++) {
      windows.add(response.substring(i, i + ECHO));
    }
    for (int i = 0; i + ECHO <= request.length(); i++) {
      String window = request.substring(i, i + ECHO);
      assertThat(windows.contains(window)).as(as + ": echoes \"" + window + "\"").isFalse();
    }
  }

  /** What the gateway logged since the last call: no ERROR (a 500), and none of {@code secrets}. */
  void assertLogClean(List<String> secrets) {
    List<ILoggingEvent> events = List.copyOf(log.list);
    log.list.clear();
    for (ILoggingEvent e : events) {
      String line = e.getFormattedMessage()
          + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()));
      assertThat(e.getLevel().toString()).as("logged: " + line).isNotEqualTo("ERROR");
      for (String secret : secrets) {
        assertThat(line).as("the log repeats a request").doesNotContain(secret);
      }
    }
  }
}
