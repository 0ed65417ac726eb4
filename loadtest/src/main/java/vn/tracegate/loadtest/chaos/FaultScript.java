package vn.tracegate.loadtest.chaos;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ./tracegate} fault commands ({@code redis kill}, {@code gateway start}, ...) with this
 * process's environment, which names the chaos run's own state folder and ports, so only the
 * services of this run are touched. Output goes to one log; every command is bounded in time.
 */
final class FaultScript {

  /** How one command went: its exit status (-1 when it had to be stopped) and when it ran. */
  record Outcome(String command, int exit, long startNanos, long endNanos, Instant endedAt) {
    boolean ok() {
      return exit == 0;
    }

    double seconds() {
      return Math.round((endNanos - startNanos) / 1e7) / 100.0;
    }
  }

  private final Path script;
  private final Path log;

  FaultScript(Path script, Path log) {
    this.script = script;
    this.log = log;
  }

  Outcome run(List<String> args, Duration bound) throws InterruptedException {
    String command = "./tracegate " + String.join(" ", args);
    List<String> argv = new ArrayList<>(List.of("bash", script.toString()));
    argv.addAll(args);
    long start = System.nanoTime();
    int exit;
    try {
      Files.writeString(log, "\n==== " + Instant.now() + " " + command + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile()))
          .redirectInput(Redirect.from(new java.io.File("/dev/null"))).start();
      if (p.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
        exit = p.exitValue();
      } else {
        p.destroy(); // SIGTERM: the script's own traps and pid files stay consistent
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
        exit = -1;
      }
    } catch (IOException e) {
      exit = -2;
    }
    Outcome o = new Outcome(command, exit, start, System.nanoTime(), Instant.now());
    if (!o.ok()) {
      System.err.println("    " + command + " failed (exit " + exit + (exit == -1 ? ", not done within "
          + bound.toSeconds() + " s" : "") + "; log " + log + ")");
    }
    return o;
  }
}
