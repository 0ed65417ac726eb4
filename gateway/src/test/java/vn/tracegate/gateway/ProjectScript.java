package vn.tracegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code ./tracegate} at the repository root, the way an operator would, with its own state folder. */
public final class ProjectScript {

  private final Path root;
  private final Map<String, String> env;

  public ProjectScript(Path state, Map<String, String> env) {
    this.root = Path.of("..").toAbsolutePath().normalize();
    assertThat(root.resolve("tracegate")).exists();
    this.env = new java.util.HashMap<>(env);
    this.env.put("TRACEGATE_STATE", state.toAbsolutePath().toString());
  }

  /** A TCP port free on this machine now, for a service a test starts on its own. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Runs the script; fails the test with its output if it exits non-zero. */
  public String run(String... args) {
    List<String> command = new ArrayList<>(List.of("bash", root.resolve("tracegate").toString()));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("tracegate", ".log");
      ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
          .redirectOutput(out.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("./tracegate " + String.join(" ", args) + " did not finish in 120 s");
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      Files.deleteIfExists(out);
      assertThat(p.exitValue()).as("./tracegate " + String.join(" ", args) + ":\n" + text).isZero();
      return text;
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
