package vn.tracegate.gateway;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import vn.tracegate.gateway.web.Failures;
import vn.tracegate.gateway.web.HealthRoutes;

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
    new HealthRoutes(vertx, app.session(), app.redis(), app.metrics()).mount(router);

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
    return server.requestHandler(router).listen();
  }

  /** Graceful: stops accepting, lets in-flight requests finish for up to 10 s. */
  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(10, TimeUnit.SECONDS);
  }
}
