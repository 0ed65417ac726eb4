package vn.tracegate.loadtest.roof;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import vn.tracegate.checkin.store.NetTransport;

/**
 * The bare Vert.x roof: {@code POST /v1/scans} on the same stack as the gateway (vertx-web router,
 * body handler, JSON parse, one verticle per core) answering a scan-shaped 201 without touching
 * any store. Runs as its own JVM, started and stopped by the load test:
 * {@code java -cp loadtest.jar vn.tracegate.loadtest.roof.BareServer PORT}.
 */
public final class BareServer extends VerticleBase {

  /** Printed on stdout once listening, so the parent knows it may start. */
  static final String READY = "bare-server-ready";

  private final int port;

  BareServer(int port) {
    this.port = port;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    NetTransport transport = args.length > 1 ? NetTransport.parse(args[1]) : NetTransport.NIO;
    int cores = Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(cores))
        .withTransport(transport.vertxTransport()).build();
    vertx.deployVerticle(() -> new BareServer(port), new DeploymentOptions().setInstances(cores))
        .onSuccess(id -> System.out.println(READY))
        .onFailure(err -> {
          System.err.println("bare server did not start: " + err);
          System.exit(1);
        });
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.post("/v1/scans").handler(BodyHandler.create().setBodyLimit(1 << 20)).handler(ctx -> {
      JsonObject scan = ctx.body().asJsonObject();
      JsonObject answer = new JsonObject()
          .put("scanId", scan.getString("scanId"))
          .put("workerId", "w")
          .put("checkpointId", scan.getString("checkpointId"))
          .put("occupancy", 1)
          .put("capacity", 100)
          .put("warnings", new JsonArray());
      ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json; charset=utf-8")
          .end(answer.encode());
    });
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
        .requestHandler(router).listen();
  }
}
