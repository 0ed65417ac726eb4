package vn.tracegate.gateway.web;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import vn.tracegate.checkin.presence.PresenceCache;
import vn.tracegate.checkin.store.RedisLink;

/**
 * Liveness, readiness and metrics for operators and load balancers. Readiness reports each store
 * by name: Cassandra down is 503 (nothing can be kept); Redis down is 200 "DEGRADED", because
 * scans are still written to the visit log and only live presence suffers.
 */
public final class HealthRoutes {

  private static final SimpleStatement PROBE = SimpleStatement
      .newInstance("SELECT release_version FROM system.local")
      .setTimeout(Duration.ofSeconds(1));

  private final Vertx vertx;
  private final CqlSession session;
  private final RedisLink redis;
  private final PrometheusMeterRegistry metrics;
  private final PresenceCache presence;

  public HealthRoutes(Vertx vertx, CqlSession session, RedisLink redis, PrometheusMeterRegistry metrics,
      PresenceCache presence) {
    this.presence = presence;
    this.vertx = vertx;
    this.session = session;
    this.redis = redis;
    this.metrics = metrics;
  }

  public void mount(Router router) {
    router.get("/health").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/ready").handler(this::ready);
    router.get("/metrics").handler(this::metrics);
  }

  private void ready(RoutingContext ctx) {
    Future<JsonObject> cassandra = check(Future.fromCompletionStage(session.executeAsync(PROBE),
        vertx.getOrCreateContext()));
    Future<JsonObject> presence = check(redis.ping());
    Future.join(cassandra, presence).onComplete(done -> {
      boolean cassandraUp = "UP".equals(cassandra.result().getString("status"));
      boolean redisUp = "UP".equals(presence.result().getString("status"));
      // Presence is current only when Redis answers and is not being rebuilt from the visit log.
      boolean current = redisUp && !this.presence.rebuilding();
      presence.result().put("presence", current ? "CURRENT" : redisUp ? "REBUILDING" : "STALE");
      String status = cassandraUp ? (current ? "UP" : "DEGRADED") : "DOWN";
      if (!cassandraUp) {
        ctx.response().putHeader("Retry-After", "2");
      }
      json(ctx, cassandraUp ? 200 : 503, new JsonObject()
          .put("status", status)
          .put("checks", new JsonObject().put("cassandra", cassandra.result()).put("redis", presence.result())));
    });
  }

  private static Future<JsonObject> check(Future<?> probe) {
    long start = System.nanoTime();
    return probe
        .map(x -> new JsonObject().put("status", "UP")
            .put("latencyMs", (System.nanoTime() - start) / 1_000_000))
        .otherwise(err -> new JsonObject().put("status", "DOWN")
            .put("error", err.getClass().getSimpleName()));
  }

  private void metrics(RoutingContext ctx) {
    vertx.executeBlocking(metrics::scrape, false).onSuccess(text -> ctx.response()
            .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
            .end(text))
        .onFailure(ctx::fail);
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.encode());
  }
}
