package vn.tracegate.checkin.store;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tracegate.checkin.Rejection;

/**
 * The one long-lived Redis connection (Lettuce, async API) shared by every verticle. Redis is a
 * cache: the gateway starts and keeps accepting scans without it, and this link keeps trying to
 * (re)connect in the background. While it is down, commands fail at once instead of queueing.
 */
public final class RedisLink implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);

  private final Vertx vertx;
  private final ClientResources resources;
  private final RedisClient client;
  private final RedisURI uri;
  private volatile StatefulRedisConnection<String, String> connection;
  private volatile boolean closed;
  private long retryTimer = -1;

  public RedisLink(Vertx vertx, String uri, Duration commandTimeout, int requestQueueSize) {
    this.vertx = vertx;
    this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
    this.uri = RedisURI.create(uri);
    this.client = RedisClient.create(resources, this.uri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        // Fail fast while disconnected; the reconnect queue is bounded (no unbounded buffering).
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .requestQueueSize(requestQueueSize)
        .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
        .build());
  }

  /** Connects once; on failure completes anyway and retries every second until connected. */
  public Future<Void> start() {
    return connect().recover(err -> {
      LOG.warn("Redis not reachable ({}); presence is degraded until it is", err.getMessage());
      retryTimer = vertx.setPeriodic(1000, id -> {
        if (connection == null && !closed) {
          connect().onSuccess(v -> vertx.cancelTimer(id));
        }
      });
      return Future.succeededFuture();
    });
  }

  private Future<Void> connect() {
    return Future.fromCompletionStage(client.connectAsync(StringCodec.UTF8, uri), vertx.getOrCreateContext())
        .map(conn -> {
          connection = conn;
          LOG.info("Redis connected");
          return null;
        });
  }

  /**
   * A client of its own for one long blocking reader (a stream follower), on this link's threads
   * and address, with {@code timeout} per command; the caller shuts it down.
   */
  public RedisClient dedicatedClient(Duration timeout) {
    RedisClient own = RedisClient.create(resources, uri);
    own.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(timeout))
        .build());
    return own;
  }

  /** The address this link connects to. */
  public RedisURI uri() {
    return uri;
  }

  /** True when commands can be sent now. */
  public boolean isUp() {
    StatefulRedisConnection<String, String> c = connection;
    return c != null && c.isOpen();
  }

  /** The async commands, or a 503 rejection when Redis is down. */
  public RedisAsyncCommands<String, String> commands() {
    StatefulRedisConnection<String, String> c = connection;
    if (c == null || !c.isOpen()) {
      throw Rejection.unavailable("REDIS_UNAVAILABLE", "the presence cache is unavailable");
    }
    return c.async();
  }

  /** PING through the shared connection. */
  public Future<String> ping() {
    try {
      return Future.fromCompletionStage(commands().ping(), vertx.getOrCreateContext());
    } catch (Rejection r) {
      return Future.failedFuture(r);
    }
  }

  @Override
  public void close() {
    closed = true;
    if (retryTimer >= 0) {
      vertx.cancelTimer(retryTimer);
    }
    StatefulRedisConnection<String, String> c = connection;
    if (c != null) {
      c.closeAsync();
    }
    client.shutdownAsync(0, 2, TimeUnit.SECONDS)
        .whenComplete((v, e) -> resources.shutdown(0, 2, TimeUnit.SECONDS));
  }
}
