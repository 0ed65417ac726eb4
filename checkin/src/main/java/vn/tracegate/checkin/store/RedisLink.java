package vn.tracegate.checkin.store;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.EventLoopGroupProvider;
import io.lettuce.core.resource.NettyCustomizer;
import io.lettuce.core.resource.Transports;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tracegate.checkin.Rejection;

/**
 * The gateway's long-lived Redis connections (Lettuce, async API). Redis is a cache: the gateway
 * starts and keeps accepting scans without it, and this link keeps trying to (re)connect in the
 * background. While it is down, commands fail at once instead of queueing.
 *
 * <p>Each Vert.x event loop has a connection of its own whose socket that event loop serves
 * ({@link #commands()} picks it by the calling thread): a command sent from a request handler is
 * written, answered and completed on the handler's own thread, with no hand-over to Lettuce's I/O
 * threads and back. On this machine kind a hand-over between threads costs tens of microseconds of
 * CPU, four Redis commands a scan made it several hand-overs, and the I/O thread a fifth of a core
 * at 500 scans/s. Other threads (workers, Lettuce's own) use one shared connection on Lettuce's
 * threads.
 */
public final class RedisLink implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);

  private final Vertx vertx;
  private final ClientResources resources;
  private final RedisClient client;
  private final RedisURI uri;
  private final ClientOptions options;
  private volatile StatefulRedisConnection<String, String> connection;
  /** Vert.x's event loops, and per loop a client whose connection that loop serves (empty if unsupported). */
  private final EventLoop[] loops;
  private final RedisClient[] loopClients;
  /** Each loop client's resources: the shared ones with that loop (shut down after the client). */
  private final ClientResources[] loopResources;
  private final StatefulRedisConnection<String, String>[] loopConnections;
  private volatile boolean closed;
  private long retryTimer = -1;

  public RedisLink(Vertx vertx, String uri, Duration commandTimeout, int requestQueueSize) {
    this(vertx, uri, commandTimeout, requestQueueSize, true);
  }

  /**
   * @param consolidateFlushes on each event loop's connection, the commands sent in one turn of
   *     the loop leave in one socket write at the turn's end, not one write each: under load the
   *     presence updates of the scans whose Cassandra writes were answered together share a write
   *     (and Redis one read)
   */
  public RedisLink(Vertx vertx, String uri, Duration commandTimeout, int requestQueueSize,
      boolean consolidateFlushes) {
    this.vertx = vertx;
    // No per-command latency histograms: the gateway's own metrics time what matters.
    this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
        .commandLatencyRecorder(CommandLatencyRecorder.disabled()).build();
    this.uri = RedisURI.create(uri);
    this.options = ClientOptions.builder()
        .autoReconnect(true)
        // Fail fast while disconnected; the reconnect queue is bounded (no unbounded buffering).
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .requestQueueSize(requestQueueSize)
        .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
        .build();
    this.client = RedisClient.create(resources, this.uri);
    client.setOptions(options);
    this.loops = eventLoops(vertx);
    this.loopClients = new RedisClient[loops.length];
    this.loopResources = new ClientResources[loops.length];
    @SuppressWarnings("unchecked")
    StatefulRedisConnection<String, String>[] perLoop = new StatefulRedisConnection[loops.length];
    this.loopConnections = perLoop;
    for (int i = 0; i < loops.length; i++) {
      // Every component given, so shared: this client's resources own nothing but the flag that
      // they were shut down (mutate() would hand them the link's executor and timer to shut down).
      ClientResources.Builder builder = DefaultClientResources.builder()
          .eventLoopGroupProvider(new OneLoop(loops[i]))
          .eventExecutorGroup(resources.eventExecutorGroup())
          .timer(resources.timer())
          .eventBus(resources.eventBus())
          .commandLatencyRecorder(CommandLatencyRecorder.disabled());
      if (consolidateFlushes) {
        builder.nettyCustomizer(CONSOLIDATE_FLUSHES);
      }
      loopResources[i] = builder.build();
      loopClients[i] = RedisClient.create(loopResources[i], this.uri);
      loopClients[i].setOptions(options);
    }
  }

  /**
   * Defers a flush asked outside a read to a task at the end of the loop's turn, and one asked while
   * the channel reads to the read's end: one write for every command of the turn.
   */
  private static final NettyCustomizer CONSOLIDATE_FLUSHES = new NettyCustomizer() {
    @Override
    public void afterChannelInitialized(Channel channel) {
      channel.pipeline().addFirst(new FlushConsolidationHandler(
          FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
    }
  };

  /** Vert.x's event loops when Lettuce's channels can run on them (the same transport on both sides), else none. */
  private static EventLoop[] eventLoops(Vertx vertx) {
    return EventLoops.serving(vertx, Transports.socketChannelClass());
  }

  /** Gives Lettuce one Vert.x event loop to run a client's channel on; never shuts it down (Vert.x owns it). */
  private record OneLoop(EventLoop loop) implements EventLoopGroupProvider {
    @Override
    @SuppressWarnings("unchecked")
    public <T extends EventLoopGroup> T allocate(Class<T> type) {
      return (T) loop;
    }

    @Override
    public int threadPoolSize() {
      return 1;
    }

    @Override
    public io.netty.util.concurrent.Future<Boolean> release(EventExecutorGroup group, long quietPeriod, long timeout,
        TimeUnit unit) {
      return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
    }

    @Override
    public io.netty.util.concurrent.Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit unit) {
      return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
    }
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
        .compose(conn -> {
          connection = conn;
          LOG.info("Redis connected");
          return connectLoops();
        });
  }

  /** Connects each event loop's own connection; one that fails leaves that loop on the shared connection. */
  private Future<Void> connectLoops() {
    List<Future<?>> all = new ArrayList<>(loops.length);
    for (int i = 0; i < loops.length; i++) {
      if (loopConnections[i] != null || closed) {
        continue;
      }
      int n = i;
      all.add(Future.fromCompletionStage(loopClients[n].connectAsync(StringCodec.UTF8, uri), vertx.getOrCreateContext())
          .onSuccess(conn -> loopConnections[n] = conn)
          .onFailure(err -> LOG.warn("Redis: event loop {} uses the shared connection ({})", n, err.getMessage())));
    }
    return Future.join(all).otherwiseEmpty().mapEmpty();
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

  /**
   * The async commands, or a 503 rejection when Redis is down. On a Vert.x event loop, the
   * connection that loop serves: answers complete on the calling thread.
   */
  public RedisAsyncCommands<String, String> commands() {
    int i = EventLoops.current(loops);
    if (i >= 0) {
      StatefulRedisConnection<String, String> own = loopConnections[i];
      if (own != null && own.isOpen()) {
        return own.async();
      }
    }
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
    for (int i = 0; i < loops.length; i++) {
      if (loopConnections[i] != null) {
        loopConnections[i].closeAsync();
      }
      ClientResources own = loopResources[i];
      loopClients[i].shutdownAsync(0, 2, TimeUnit.SECONDS)
          .whenComplete((v, e) -> own.shutdown(0, 2, TimeUnit.SECONDS));
    }
    client.shutdownAsync(0, 2, TimeUnit.SECONDS)
        .whenComplete((v, e) -> resources.shutdown(0, 2, TimeUnit.SECONDS));
  }
}
