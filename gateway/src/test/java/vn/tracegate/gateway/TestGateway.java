package vn.tracegate.gateway;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import vn.tracegate.checkin.schema.SchemaMigrator;
import vn.tracegate.gateway.config.ConfigSource;
import vn.tracegate.gateway.config.GatewayConfig;

/**
 * One real gateway for the whole integration-test JVM: the Redis and Cassandra that
 * {@code ./tracegate test} started (addresses from the same TRACEGATE_* variables), the schema
 * migrated into keyspace {@code tracegate_test}, a free port on 127.0.0.1, and a per-run secret
 * for minting tokens. Tests use their own ids, so they never see each other's data.
 */
public final class TestGateway {

  public static final String KEYSPACE = "tracegate_test";
  private static TestGateway instance;
  private static TestGateway unlimited;

  public final Vertx vertx;
  public final GatewayConfig config;
  public final int port;
  public final CqlSession session;
  private final JWTAuth jwt;
  private final String secret;

  private TestGateway(Map<String, String> overrides) throws Exception {
    secret = randomSecret();
    port = ProjectScript.freePort();
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("TRACEGATE_CASSANDRA_KEYSPACE", KEYSPACE);
    env.put("TRACEGATE_CASSANDRA_REPLICATION", "SimpleStrategy:1");
    env.put("TRACEGATE_HTTP_PORT", Integer.toString(port));
    env.put("TRACEGATE_HTTP_HOST", "127.0.0.1");
    env.put("TRACEGATE_HTTP_INSTANCES", "2");
    env.put("TRACEGATE_AUTH_JWT_SECRET", secret);
    env.remove("TRACEGATE_CONFIG");
    env.putAll(overrides);
    config = GatewayConfig.from(ConfigSource.load(env));
    try (CqlSession admin = config.cassandra().open(false).toCompletableFuture().get()) {
      new SchemaMigrator(admin, KEYSPACE, config.cassandra().replication(), config.retention())
          .migrate().toCompletableFuture().get();
    }
    session = config.cassandra().open(true).toCompletableFuture().get();
    vertx = Vertx.builder().withTransport(config.transport().vertxTransport()).build();
    vertx.deployVerticle(new MainVerticle(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)))
        .toCompletionStage().toCompletableFuture().get();
    jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
    Runtime.getRuntime().addShutdownHook(new Thread(this::close));
  }

  /**
   * A second shared gateway whose per-client rate limits are lifted, for tests that send many
   * requests as one client to check something else (bad input); rate limits have their own tests.
   */
  public static synchronized TestGateway unlimited() throws Exception {
    if (unlimited == null) {
      unlimited = new TestGateway(Map.of(
          "TRACEGATE_RATELIMIT_DEVICE_PER_SECOND", "1000000", "TRACEGATE_RATELIMIT_DEVICE_BURST", "1000000",
          "TRACEGATE_RATELIMIT_WORKER_PER_SECOND", "1000000", "TRACEGATE_RATELIMIT_WORKER_BURST", "1000000"));
    }
    return unlimited;
  }

  /** A gateway of a test's own, e.g. on a Redis the test will kill; {@link #close} it after. */
  public static TestGateway startPrivate(Map<String, String> overrides) throws Exception {
    return new TestGateway(overrides);
  }

  public void close() {
    session.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  /** The shared gateway, started on first use. */
  public static synchronized TestGateway get() throws Exception {
    if (instance == null) {
      instance = new TestGateway(Map.of());
    }
    return instance;
  }

  public WebClient client() {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  /** A token as `./tracegate token` would print, signed with this run's secret. */
  public String token(String role, String enterpriseId, String workerId) {
    JsonObject claims = new JsonObject().put("role", role).put("sub", role + ":" + UUID.randomUUID());
    if (enterpriseId != null) {
      claims.put("enterpriseId", enterpriseId);
    }
    if (workerId != null) {
      claims.put("workerId", workerId);
    }
    return jwt.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(600));
  }

  /** A token whose expiry has passed. */
  public String expiredToken(String role) {
    long now = System.currentTimeMillis() / 1000;
    return jwt.generateToken(new JsonObject().put("role", role).put("sub", role).put("iat", now - 7200)
        .put("exp", now - 3600), new JWTOptions().setAlgorithm("HS256"));
  }

  public String bearer(String role) {
    return "Bearer " + token(role, null, null);
  }

  /** A short unique suffix for test ids. */
  public static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static String randomSecret() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

}
