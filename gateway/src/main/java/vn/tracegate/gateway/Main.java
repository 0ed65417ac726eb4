package vn.tracegate.gateway;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.launcher.application.HookContext;
import io.vertx.launcher.application.VertxApplication;
import io.vertx.launcher.application.VertxApplicationHooks;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.List;
import java.util.function.Supplier;
import vn.tracegate.checkin.schema.SchemaMigrator;
import vn.tracegate.gateway.config.ConfigException;
import vn.tracegate.gateway.config.ConfigSource;
import vn.tracegate.gateway.config.GatewayConfig;

/**
 * The gateway's entry point. {@code java -jar tracegate-gateway.jar} serves the API;
 * {@code ... migrate} applies the schema and exits. Config is loaded and validated first, so a
 * bad value stops start-up with a message naming the key.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    GatewayConfig config;
    try {
      config = GatewayConfig.from(ConfigSource.load(System.getenv()));
    } catch (ConfigException e) {
      System.err.println("tracegate: " + e.getMessage());
      System.exit(2);
      return;
    }
    String command = args.length == 0 ? "serve" : args[0];
    switch (command) {
      case "serve" -> {
        // launch() returns once the verticle is deployed; the JVM then lives on Vert.x's threads.
        int code = serve(config);
        if (code != 0) {
          System.exit(code);
        }
      }
      case "migrate" -> System.exit(migrate(config));
      default -> {
        System.err.println("usage: tracegate-gateway.jar [serve|migrate]");
        System.exit(2);
      }
    }
  }

  private static int serve(GatewayConfig config) {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    VertxApplicationHooks hooks = new VertxApplicationHooks() {
      @Override
      public VertxBuilder createVertxBuilder(VertxOptions options) {
        options.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true));
        String fallback = config.transport().fallback();
        if (fallback != null) {
          System.err.println("tracegate: warning: " + fallback + " (net.transport)");
        }
        return Vertx.builder().with(options).withTransport(config.transport().vertxTransport())
            .withMetrics(new MicrometerMetricsFactory(metrics));
      }

      @Override
      public Supplier<? extends Deployable> verticleSupplier() {
        return () -> new MainVerticle(config, metrics);
      }

      @Override
      public void afterFailureToDeployVerticle(HookContext context, Throwable t) {
        System.err.println("tracegate: the gateway did not start: " + t.getMessage());
      }
    };
    return new VertxApplication(new String[] {MainVerticle.class.getName()}, hooks).launch();
  }

  private static int migrate(GatewayConfig config) {
    var cassandra = config.cassandra();
    try (var session = cassandra.open(false).toCompletableFuture().join()) {
      List<String> applied = new SchemaMigrator(session, cassandra.keyspace(), cassandra.replication(),
          config.retention()).migrate().toCompletableFuture().join();
      System.out.println(applied.isEmpty()
          ? "schema of keyspace '" + cassandra.keyspace() + "' is up to date"
          : "applied to keyspace '" + cassandra.keyspace() + "': " + String.join(", ", applied));
      return 0;
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      System.err.println("tracegate: migration failed: " + cause.getMessage());
      return 1;
    }
  }
}
