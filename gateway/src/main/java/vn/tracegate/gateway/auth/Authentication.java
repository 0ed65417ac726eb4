package vn.tracegate.gateway.auth;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.function.Function;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.checkin.access.Caller;
import vn.tracegate.checkin.access.Role;

/**
 * Turns the Authorization header into a {@link Caller}: {@code Bearer <JWT>} (HS256, must carry
 * {@code exp} and a known {@code role}) for people and apps, {@code ApiKey <key>} for scanners.
 * Anything else is a 401 before any handler runs.
 */
public final class Authentication implements Handler<RoutingContext> {

  private static final String CALLER = "tracegate.caller";

  private final JWTAuth jwt;
  private final Function<String, Future<Caller>> deviceKeys;

  public Authentication(Vertx vertx, String hs256Secret, Function<String, Future<Caller>> deviceKeys) {
    this.jwt = hs256(vertx, hs256Secret);
    this.deviceKeys = deviceKeys;
  }

  /** The one HS256 JWT provider shape: verifies with 5 s of clock leeway, signs HS256. */
  static JWTAuth hs256(Vertx vertx, String secret) {
    return JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
        .setJWTOptions(new JWTOptions().setLeeway(5)));
  }

  /** The caller a previous {@link Authentication} put on the context. */
  public static Caller caller(RoutingContext ctx) {
    Caller c = ctx.get(CALLER);
    if (c == null) {
      throw unauthenticated("authentication is required");
    }
    return c;
  }

  @Override
  public void handle(RoutingContext ctx) {
    authenticate(ctx.request().getHeader("Authorization"))
        .onSuccess(caller -> {
          ctx.put(CALLER, caller);
          ctx.next();
        })
        .onFailure(ctx::fail);
  }

  public Future<Caller> authenticate(String header) {
    if (header == null || header.isBlank()) {
      return Future.failedFuture(unauthenticated("missing Authorization header"));
    }
    int space = header.indexOf(' ');
    String scheme = space < 0 ? header : header.substring(0, space);
    String value = space < 0 ? "" : header.substring(space + 1).trim();
    if (value.isEmpty()) {
      return Future.failedFuture(unauthenticated("empty credentials"));
    }
    if (scheme.equalsIgnoreCase("Bearer")) {
      return jwt.authenticate(new TokenCredentials(value))
          .recover(err -> Future.failedFuture(unauthenticated("invalid or expired token")))
          // vertx-auth keeps the decoded token under "accessToken"; exp/iat are lifted out of principal().
          .map(user -> fromClaims(user.attributes().getJsonObject("accessToken", user.principal())));
    }
    if (scheme.equalsIgnoreCase("ApiKey")) {
      return deviceKeys.apply(value);
    }
    return Future.failedFuture(unauthenticated("unsupported scheme '" + truncate(scheme) + "'; use Bearer or ApiKey"));
  }

  static Caller fromClaims(JsonObject claims) {
    if (!(claims.getValue("exp") instanceof Number)) {
      throw unauthenticated("the token has no expiry (exp)");
    }
    Role role = Role.parse(claims.getValue("role") instanceof String s ? s : null)
        .orElseThrow(() -> unauthenticated("the token carries no known role"));
    String enterprise = claims.getValue("enterpriseId") instanceof String s ? s : null;
    String worker = claims.getValue("workerId") instanceof String s ? s : null;
    String subject = claims.getValue("sub") instanceof String s ? s : role.wireName();
    switch (role) {
      case DEVICE -> throw unauthenticated("scanner devices authenticate with 'Authorization: ApiKey <key>'");
      case WORKER -> {
        if (worker == null) {
          throw unauthenticated("a worker token must carry workerId");
        }
      }
      case SAFETY -> {
        if (enterprise == null) {
          throw unauthenticated("a safety token must carry enterpriseId");
        }
      }
      default -> { }
    }
    return new Caller(role, subject, enterprise, worker, Set.of());
  }

  private static Rejection unauthenticated(String message) {
    return new Rejection(Rejection.Kind.UNAUTHENTICATED, "UNAUTHENTICATED", message);
  }

  private static String truncate(String s) {
    return s.length() <= 20 ? s : s.substring(0, 20) + "…";
  }
}
