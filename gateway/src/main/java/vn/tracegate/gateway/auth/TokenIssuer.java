package vn.tracegate.gateway.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.time.Duration;

/** Issues the JWTs the gateway hands out itself: worker app enrolment tokens. */
public final class TokenIssuer {

  private final JWTAuth jwt;

  public TokenIssuer(Vertx vertx, String hs256Secret) {
    this.jwt = Authentication.hs256(vertx, hs256Secret);
  }

  public String workerToken(String workerId, String enterpriseId, Duration ttl) {
    JsonObject claims = new JsonObject()
        .put("iss", "tracegate")
        .put("sub", "worker:" + workerId)
        .put("role", "worker")
        .put("workerId", workerId)
        .put("enterpriseId", enterpriseId);
    return jwt.generateToken(claims, new JWTOptions().setAlgorithm("HS256")
        .setExpiresInSeconds((int) ttl.toSeconds()));
  }
}
