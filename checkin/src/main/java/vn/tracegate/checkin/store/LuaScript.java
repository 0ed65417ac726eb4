package vn.tracegate.checkin.store;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A Lua script run in Redis by its SHA (EVALSHA), sent in full (EVAL) the first time and again
 * whenever Redis answers NOSCRIPT (after a restart or SCRIPT FLUSH).
 */
public final class LuaScript {

  private final Vertx vertx;
  private final RedisLink redis;
  private final String source;
  private volatile String sha;

  public LuaScript(Vertx vertx, RedisLink redis, String source) {
    this.vertx = vertx;
    this.redis = redis;
    this.source = source;
  }

  /** The script text of a classpath resource beside {@code owner}. */
  public static String resource(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the classpath beside " + owner.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the script; its multi-bulk answer as a list. Fails (never throws) when Redis is down. */
  @SuppressWarnings("unchecked")
  public Future<List<Object>> run(String[] keys, String... args) {
    try {
      var commands = redis.commands();
      String known = sha;
      var stage = known == null
          ? commands.eval(source, ScriptOutputType.MULTI, keys, args)
          : commands.evalsha(known, ScriptOutputType.MULTI, keys, args);
      return Future.fromCompletionStage(stage, vertx.getOrCreateContext())
          .map(r -> (List<Object>) r)
          .recover(err -> {
            if (known != null && String.valueOf(err.getMessage()).startsWith("NOSCRIPT")) {
              sha = null;
              return run(keys, args);
            }
            return Future.failedFuture(err);
          })
          .onSuccess(r -> {
            if (sha == null) {
              sha = commands.digest(source);
            }
          });
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
