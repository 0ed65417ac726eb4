package vn.tracegate.loadtest;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import vn.tracegate.gateway.config.ConfigException;
import vn.tracegate.gateway.config.ConfigSource;
import vn.tracegate.gateway.config.GatewayConfig;

/**
 * The shape every load-test command line shares: {@code --help}, options parsed (a bad one exits
 * 2 with the usage), the gateway's own {@code TRACEGATE_*} settings read, the run on its own
 * Vert.x, then exit with the run's status (1 when it failed).
 */
public final class CliMain {

  /** A run of the command; returns its exit status. */
  public interface Run<O> {
    int run(O options, GatewayConfig config, Vertx vertx, String command) throws Exception;
  }

  private CliMain() {}

  /**
   * @param name the prefix of error messages ("loadtest")
   * @param commandVariable the environment variable in which the script passes the command as typed
   */
  public static <O> void main(String name, String[] args, String usage, Function<String[], O> parse,
      VertxOptions vertxOptions, String commandVariable, Run<O> run) {
    if (Arrays.asList(args).contains("--help")) {
      System.out.print(usage);
      return;
    }
    O options;
    GatewayConfig config;
    try {
      options = parse.apply(args);
      config = GatewayConfig.from(ConfigSource.load(System.getenv()));
    } catch (IllegalArgumentException | ConfigException e) {
      System.err.println(name + ": " + e.getMessage());
      System.err.print(usage);
      System.exit(2);
      return;
    }
    // The gateway's transport, so that the driver's own sockets cost what they would beside it.
    Vertx vertx = Vertx.builder().with(vertxOptions).withTransport(config.transport().vertxTransport()).build();
    int status;
    try {
      String command = System.getenv().getOrDefault(commandVariable, name + " " + String.join(" ", args));
      status = run.run(options, config, vertx, command);
    } catch (Exception e) {
      System.err.println("\n" + name + ": failed: " + e);
      status = 1;
    }
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // Exiting anyway.
    }
    System.exit(status);
  }
}
