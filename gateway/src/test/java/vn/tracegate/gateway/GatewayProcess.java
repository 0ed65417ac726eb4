package vn.tracegate.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A gateway as its own process, started, stopped and killed through {@code ./tracegate gateway},
 * on the Redis and Cassandra of the test run, with its own state folder, port and JWT secret.
 */
public final class GatewayProcess implements AutoCloseable {

  public final int port;
  public final ProjectScript script;
  public final Vertx vertx = Vertx.vertx();
  private final JWTAuth jwt;

  public GatewayProcess(Map<String, String> extraEnv) throws Exception {
    port = ProjectScript.freePort();
    Path state = Files.createTempDirectory("tracegate-gateway");
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Path key = state.resolve("jwt.key");
    Files.writeString(key, secret);
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("TRACEGATE_HTTP_PORT", Integer.toString(port));
    env.put("TRACEGATE_CASSANDRA_KEYSPACE", TestGateway.KEYSPACE);
    env.put("TRACEGATE_JWT_SECRET_FILE", key.toString());
    env.put("TRACEGATE_AUTH_JWT_SECRET_FILE", key.toString());
    env.put("TRACEGATE_GATEWAY_JAVA_OPTS", "-Xms128m -Xmx256m");
    // The tests drive load through one scanner, far above a real gate's rate: lift its limit.
    env.putIfAbsent("TRACEGATE_RATELIMIT_DEVICE_PER_SECOND", "1000000");
    env.putIfAbsent("TRACEGATE_RATELIMIT_DEVICE_BURST", "1000000");
    script = new ProjectScript(state, env);
    jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
  }

  public GatewayProcess start() {
    script.run("gateway", "start");
    return this;
  }

  public Api api() {
    return new Api(WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(64)));
  }

  public String bearer(String role) {
    return "Bearer " + jwt.generateToken(new JsonObject().put("role", role).put("sub", role + ":test"),
        new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(600));
  }

  @Override
  public void close() {
    try {
      script.run("gateway", "stop");
    } finally {
      vertx.close();
    }
  }
}
