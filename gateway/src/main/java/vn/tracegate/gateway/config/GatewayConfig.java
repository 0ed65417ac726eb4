package vn.tracegate.gateway.config;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import vn.tracegate.checkin.schema.Replication;
import vn.tracegate.checkin.store.CassandraSettings;
import vn.tracegate.checkin.store.NetTransport;
import vn.tracegate.checkin.visits.VisitLog;

/**
 * Everything the gateway is configured with, loaded once and validated before anything starts.
 * The keys, their defaults and their environment variables are listed in
 * {@code tracegate.properties}.
 */
public record GatewayConfig(
    Http http,
    NetTransport transport,
    Redis redis,
    CassandraSettings cassandra,
    boolean loopSessions,
    Duration retention,
    String jwtSecret,
    Duration badgeValidity,
    Duration clockSkew,
    Duration maxFutureSkew,
    Duration dedupeTtl,
    VisitLog.Grouping writes,
    Guards guards,
    TraceIndexSettings traceIndex) {

  /**
   * The in-memory visit index traces read: UTC days held (0 = none: traces read Cassandra) and
   * how many entries the Redis stream that keeps every instance's index current retains.
   */
  public record TraceIndexSettings(int days, long feedMaxLength, long maxScans) {
    /** About 150 bytes a scan held (143 measured): by default the index may take a quarter of the heap. */
    public long effectiveMaxScans() {
      return maxScans > 0 ? maxScans : Runtime.getRuntime().maxMemory() / 4 / 150;
    }
  }

  /** The HTTP listener and its body limits. */
  public record Http(String host, int port, int instances, int maxBodyBytes, int maxImageBytes, int maxCsvBytes,
      int maxInFlight) {
    /** Verticle instances to deploy: the configured number, or one per core. */
    public int effectiveInstances() {
      return instances > 0 ? instances : Runtime.getRuntime().availableProcessors();
    }
  }

  /** The presence cache. */
  public record Redis(String uri, Duration commandTimeout, int requestQueueSize, boolean consolidateFlushes) {}

  public static GatewayConfig from(ConfigSource c) {
    Http http = new Http(
        c.nonBlank("http.host"),
        c.integer("http.port", 0, 65535),
        c.integer("http.instances", 0, 64),
        c.integer("http.max-body-bytes", 1024, 64 << 20),
        c.integer("http.max-image-bytes", 1024, 64 << 20),
        c.integer("http.max-csv-bytes", 1024, 256 << 20),
        c.integer("http.max-in-flight", 1, 1_000_000));
    Redis redis = new Redis(
        c.parsed("redis.uri", v -> {
          if (!v.startsWith("redis://") && !v.startsWith("rediss://")) {
            throw new IllegalArgumentException("expected redis://host:port");
          }
          io.lettuce.core.RedisURI.create(v);
          return v;
        }),
        c.duration("redis.command-timeout", Duration.ofMillis(10), Duration.ofSeconds(30)),
        c.integer("redis.request-queue-size", 1, 1_000_000),
        c.parsed("redis.consolidate-flushes", GatewayConfig::bool));
    CassandraSettings cassandra = new CassandraSettings(
        c.parsed("cassandra.contact-points", v -> {
          var points = CassandraSettings.parseContactPoints(v);
          if (points.isEmpty()) {
            throw new IllegalArgumentException("expected host:port[,host:port]");
          }
          return points;
        }),
        c.nonBlank("cassandra.datacenter"),
        c.parsed("cassandra.keyspace", v -> {
          if (!v.matches("[a-z][a-z0-9_]{0,47}")) {
            throw new IllegalArgumentException("expected [a-z][a-z0-9_]{0,47}");
          }
          return v;
        }),
        c.parsed("cassandra.replication", Replication::parse),
        c.parsed("cassandra.consistency", DefaultConsistencyLevel::valueOf),
        c.duration("cassandra.request-timeout", Duration.ofMillis(100), Duration.ofMinutes(1)));
    int retentionDays = c.integer("retention.days", 1, 3650);
    return new GatewayConfig(
        http,
        c.parsed("net.transport", NetTransport::parse),
        redis,
        cassandra,
        c.parsed("cassandra.loop-sessions", GatewayConfig::bool),
        Duration.ofDays(retentionDays),
        jwtSecret(c),
        c.duration("qr.badge-validity", Duration.ofMinutes(1), Duration.ofDays(31)),
        c.duration("qr.clock-skew", Duration.ZERO, Duration.ofHours(1)),
        c.duration("scans.max-future-skew", Duration.ZERO, Duration.ofHours(1)),
        c.duration("scans.dedupe-ttl", Duration.ofMinutes(1), Duration.ofDays(retentionDays)),
        new VisitLog.Grouping(c.integer("scans.write-requests", 1, 4096), c.integer("scans.write-group", 1, 5),
            c.integer("scans.write-linger-ms", 0, 100)),
        Guards.from(c),
        // More days than are retained would only hold nothing: at most the retention.
        new TraceIndexSettings(Math.min(retentionDays, c.integer("trace.index-days", 0, 3650)),
            c.integer("trace.feed-max-length", 1_000, 100_000_000),
            c.integer("trace.index-max-scans", 0, Integer.MAX_VALUE)));
  }

  private static boolean bool(String v) {
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("expected true or false");
    };
  }

  private static String jwtSecret(ConfigSource c) {
    String secret = c.string("auth.jwt-secret");
    if (secret.isBlank()) {
      String file = c.nonBlank("auth.jwt-secret-file");
      try {
        secret = Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        throw new ConfigException("config key 'auth.jwt-secret-file' (TRACEGATE_AUTH_JWT_SECRET_FILE): cannot read '"
            + file + "' (" + e.getClass().getSimpleName() + "); run ./tracegate token once to create it,"
            + " or set TRACEGATE_AUTH_JWT_SECRET");
      }
    }
    if (secret.length() < 32) {
      throw new ConfigException("config key 'auth.jwt-secret' (TRACEGATE_AUTH_JWT_SECRET): the HS256 secret must be"
          + " at least 32 characters, got " + secret.length());
    }
    return secret;
  }

  @Override
  public String toString() {
    return "GatewayConfig[http=" + http + ", transport=" + transport.wireName() + ", redis=" + redis.uri() + ", cassandra=" + cassandra.contactPoints()
        + "/" + cassandra.keyspace() + ", retention=" + retention + ", jwtSecret=<hidden>]";
  }
}
