package vn.tracegate.checkin.store;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import com.datastax.oss.driver.api.core.context.DriverContext;
import com.datastax.oss.driver.api.core.session.ProgrammaticArguments;
import com.datastax.oss.driver.internal.core.context.DefaultDriverContext;
import com.datastax.oss.driver.internal.core.context.DefaultNettyOptions;
import com.datastax.oss.driver.internal.core.context.NettyOptions;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import vn.tracegate.checkin.schema.Replication;

/**
 * How to reach the Cassandra cluster that holds the visit log and the registry.
 *
 * @param consistency LOCAL_QUORUM in a cluster; on one node with RF 1 that is the one replica
 * @param requestTimeout a request that takes longer fails, so callers answer 503 instead of hanging
 */
public record CassandraSettings(
    List<InetSocketAddress> contactPoints,
    String datacenter,
    String keyspace,
    Replication replication,
    ConsistencyLevel consistency,
    Duration requestTimeout) {

  /** Opens a session; with {@code withKeyspace} false it is not bound to the keyspace (for migration). */
  public CompletionStage<CqlSession> open(boolean withKeyspace) {
    CqlSessionBuilder builder = CqlSession.builder().withConfigLoader(config().build());
    return connect(builder, withKeyspace).buildAsync();
  }

  /**
   * Opens a session bound to the keyspace whose connections {@code loop} serves (see
   * {@link LoopSessions}), through sockets of {@code channel}'s class (the loop's transport); named
   * {@code name} in its threads and metrics. It must never be waited on from that loop.
   */
  public CompletionStage<CqlSession> openOn(EventLoop loop, Class<? extends Channel> channel, String name) {
    CqlSessionBuilder builder = new OnLoop(loop, channel).withConfigLoader(config()
        .withString(DefaultDriverOption.SESSION_NAME, name)
        // The driver's own I/O group stays unused: one thread at most, never started.
        .withInt(DefaultDriverOption.NETTY_IO_SIZE, 1)
        .withStringList(DefaultDriverOption.METADATA_SCHEMA_REFRESHED_KEYSPACES, List.of(keyspace))
        .build());
    return connect(builder, true).buildAsync();
  }

  private CqlSessionBuilder connect(CqlSessionBuilder builder, boolean withKeyspace) {
    builder.addContactPoints(contactPoints).withLocalDatacenter(datacenter);
    return withKeyspace ? builder.withKeyspace(keyspace) : builder;
  }

  private ProgrammaticDriverConfigLoaderBuilder config() {
    return DriverConfigLoader.programmaticBuilder()
        .withString(DefaultDriverOption.REQUEST_CONSISTENCY, consistency.name())
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, requestTimeout)
        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5))
        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(5))
        .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(30))
        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
        // Keep reconnecting forever, quickly: the gateway must recover without a restart.
        .withString(DefaultDriverOption.RECONNECTION_POLICY_CLASS, "ExponentialReconnectionPolicy")
        .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(200))
        .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(2))
        .withBoolean(DefaultDriverOption.RECONNECT_ON_INIT, false)
        // An idempotent request slower than 300 ms is also sent to a second coordinator: a node
        // that just died must not hold a scan until the request timeout.
        .withString(DefaultDriverOption.SPECULATIVE_EXECUTION_POLICY_CLASS, "ConstantSpeculativeExecutionPolicy")
        .withInt(DefaultDriverOption.SPECULATIVE_EXECUTION_MAX, 2)
        .withDuration(DefaultDriverOption.SPECULATIVE_EXECUTION_DELAY, Duration.ofMillis(300))
        // Bounded in-flight requests per connection; beyond it the driver fails fast (overload → 503).
        .withInt(DefaultDriverOption.CONNECTION_MAX_REQUESTS, 2048);
  }

  /** A session builder whose connections run on one given event loop instead of the driver's threads. */
  private static final class OnLoop extends CqlSessionBuilder {
    private final EventLoop loop;
    private final Class<? extends Channel> channel;

    OnLoop(EventLoop loop, Class<? extends Channel> channel) {
      this.loop = loop;
      this.channel = channel;
    }

    @Override
    protected DriverContext buildContext(DriverConfigLoader configLoader, ProgrammaticArguments arguments) {
      return new DefaultDriverContext(configLoader, arguments) {
        @Override
        protected NettyOptions buildNettyOptions() {
          // The loop belongs to Vert.x: the driver's onClose shuts down only its own groups.
          return new DefaultNettyOptions(this) {
            @Override
            public EventLoopGroup ioEventLoopGroup() {
              return loop;
            }

            @Override
            public Class<? extends Channel> channelClass() {
              return channel;
            }
          };
        }
      };
    }
  }

  /** Parses {@code host:port[,host:port...]}; a missing port means 9042. */
  public static List<InetSocketAddress> parseContactPoints(String text) {
    return java.util.Arrays.stream(text.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(s -> {
          int colon = s.lastIndexOf(':');
          if (colon < 0) {
            return new InetSocketAddress(s, 9042);
          }
          int port = Integer.parseInt(s.substring(colon + 1));
          if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range in '" + s + "'");
          }
          return new InetSocketAddress(s.substring(0, colon), port);
        })
        .toList();
  }
}
