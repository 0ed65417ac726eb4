package vn.tracegate.gateway;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tracegate.checkin.store.RedisLink;
import vn.tracegate.gateway.config.GatewayConfig;

/**
 * Opens the stores once (one Cassandra session, one Redis link), builds the services on them,
 * then deploys one {@link HttpVerticle} per event loop. Stopping it (SIGTERM) undeploys the
 * HTTP verticles first, so in-flight requests finish before the stores close.
 */
public final class MainVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(MainVerticle.class);

  private final GatewayConfig config;
  private final PrometheusMeterRegistry metrics;
  private CqlSession session;
  private RedisLink redis;

  public MainVerticle(GatewayConfig config, PrometheusMeterRegistry metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    redis = new RedisLink(vertx, config.redis().uri(), config.redis().commandTimeout(),
        config.redis().requestQueueSize());
    return Future.fromCompletionStage(config.cassandra().open(true), context)
        .recover(err -> Future.failedFuture(new IllegalStateException(
            "cannot open the Cassandra session at " + config.cassandra().contactPoints() + " keyspace '"
                + config.cassandra().keyspace() + "' (is it up, and was the schema migrated?): "
                + err.getMessage(), err)))
        .compose(s -> {
          session = s;
          return redis.start();
        })
        .compose(v -> {
          AppContext app = new AppContext(config, session, redis, metrics);
          int instances = config.http().effectiveInstances();
          return vertx.deployVerticle(() -> new HttpVerticle(app), new DeploymentOptions().setInstances(instances))
              .onSuccess(id -> LOG.info("TraceGate listening on http://{}:{} ({} event-loop verticles)",
                  config.http().host(), config.http().port(), instances));
        });
  }

  @Override
  public Future<?> stop() {
    if (redis != null) {
      redis.close();
    }
    return session == null ? Future.succeededFuture()
        : Future.fromCompletionStage(session.closeAsync(), context);
  }
}
