package vn.tracegate.gateway;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import vn.tracegate.checkin.access.Caller;
import vn.tracegate.gateway.auth.Authentication;
import vn.tracegate.gateway.auth.TokenIssuer;
import vn.tracegate.gateway.routes.AuditRoutes;
import vn.tracegate.gateway.routes.KeyRoutes;
import vn.tracegate.gateway.routes.PresenceRoutes;
import vn.tracegate.gateway.routes.QrRoutes;
import vn.tracegate.gateway.routes.RegistryRoutes;
import vn.tracegate.gateway.routes.ScanRoutes;
import vn.tracegate.gateway.routes.TraceRoutes;
import vn.tracegate.gateway.web.Bodies;
import vn.tracegate.gateway.web.Failures;
import vn.tracegate.gateway.web.HealthRoutes;
import vn.tracegate.gateway.web.InFlightLimit;
import vn.tracegate.gateway.web.RateLimits;

/**
 * The HTTP API on one event loop; {@link MainVerticle} deploys one per core, all sharing the
 * listening port. Routes are thin: parse, call a service, respond.
 */
public final class HttpVerticle extends VerticleBase {

  private final AppContext app;
  private HttpServer server;

  public HttpVerticle(AppContext app) {
    this.app = app;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route("/v1/*").handler(new InFlightLimit(app.inFlight(), app.config().http().maxInFlight()));
    new HealthRoutes(vertx, app.session(), app.redis(), app.metrics(), app.services().presence()).mount(router);
    var http = app.config().http();
    var services = app.services();
    var clock = Clock.systemUTC();
    Authentication auth = new Authentication(vertx, app.config().jwtSecret(), this::deviceCaller);
    // Any method: a POST-only route without a path would turn every unknown GET into a 405.
    router.route().handler(Bodies::refuseForms);
    RateLimits limits = new RateLimits(app.rateLimiter(), app.config().guards(), clock);
    new ScanRoutes(services.scans(), services.decoder(), limits)
        .mount(router, auth, http.maxBodyBytes(), http.maxImageBytes());
    new RegistryRoutes(services, new TokenIssuer(vertx, app.config().jwtSecret()), app.audit())
        .mount(router, auth, http.maxBodyBytes(), http.maxCsvBytes());
    new QrRoutes(vertx, services, app.config().badgeValidity(), clock, app.audit()).mount(router, auth);
    new PresenceRoutes(services, clock, app.audit()).mount(router, auth);
    new TraceRoutes(services, app.audit()).mount(router, auth, http.maxBodyBytes());
    new KeyRoutes(services, app.audit(), clock).mount(router, auth);
    new AuditRoutes(app.audit()).mount(router, auth, limits.one());

    router.route().failureHandler(Failures::handle);
    for (int status : new int[] {400, 401, 403, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, Failures::handle);
    }
    server = vertx.createHttpServer(new HttpServerOptions()
        .setHost(app.config().http().host())
        .setPort(app.config().http().port())
        .setCompressionSupported(true)
        .setIdleTimeout(60)
        .setMaxHeaderSize(16 * 1024)
        .setMaxFormAttributeSize(8 * 1024));
    return server.requestHandler(router).invalidRequestHandler(Failures::invalidRequest).listen();
  }

  private Future<Caller> deviceCaller(String apiKey) {
    return app.services().registry().authenticateDevice(apiKey)
        .map(d -> Caller.device(d.id(), d.enterpriseId(), d.checkpointIds()));
  }

  /** Graceful: stops accepting, lets in-flight requests finish for up to 10 s. */
  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(10, TimeUnit.SECONDS);
  }
}
