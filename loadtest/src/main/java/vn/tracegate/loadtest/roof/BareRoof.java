package vn.tracegate.loadtest.roof;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import vn.tracegate.checkin.store.NetTransport;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts {@link BareServer} as a child JVM on 127.0.0.1 and stops it (by its own handle, never by
 * name) when closed. The JVM gets the same heap as the gateway so the two compare fairly.
 */
public final class BareRoof implements AutoCloseable {

  private final Process process;

  private BareRoof(Process process) {
    this.process = process;
  }

  /** @param transport the gateway's, so that the two compare fairly */
  public static BareRoof start(int port, String heap, NetTransport transport, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, "-Xms" + heap, "-Xmx" + heap, "-cp",
        System.getProperty("java.class.path"), BareServer.class.getName(), Integer.toString(port),
        transport.wireName()))
        .redirectError(log.toFile())
        .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    try {
      line = CompletableFuture.supplyAsync(() -> {
        try {
          return out.readLine();
        } catch (IOException e) {
          return null;
        }
      }).get(60, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      line = null;
    }
    if (!BareServer.READY.equals(line)) {
      p.destroyForcibly();
      throw new IOException("the bare Vert.x server did not start (see " + log + ")");
    }
    return new BareRoof(p);
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
