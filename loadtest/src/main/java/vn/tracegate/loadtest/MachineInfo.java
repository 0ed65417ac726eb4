package vn.tracegate.loadtest;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a run was measured on, as the report states it: cores, CPU, memory, OS, JVM, load. */
public final class MachineInfo {

  private MachineInfo() {}

  public static JsonObject describe(String cassandraVersion) {
    int cores = Runtime.getRuntime().availableProcessors();
    String cpu = firstValue("/proc/cpuinfo", "model name");
    String memKb = firstValue("/proc/meminfo", "MemTotal");
    long memGb = memKb.isEmpty() ? 0 : Math.round(Long.parseLong(memKb.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
    String os = System.getProperty("os.name") + " " + System.getProperty("os.version");
    String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
    String load = read("/proc/loadavg");
    return new JsonObject()
        .put("cores", cores)
        .put("cpu", cpu)
        .put("memoryGb", memGb)
        .put("os", os)
        .put("jvm", jvm)
        .put("cassandra", cassandraVersion)
        .put("loadAverageAtStart", load.isEmpty() ? null : load.split(" ")[0] + " " + load.split(" ")[1] + " "
            + load.split(" ")[2])
        .put("summary", cores + " cores (" + (cpu.isEmpty() ? "unknown CPU" : cpu) + "), " + memGb + " GB RAM, " + os
            + ", " + jvm + ", Cassandra " + cassandraVersion + " (one node), Redis 7");
  }

  private static String firstValue(String file, String key) {
    for (String line : lines(file)) {
      if (line.startsWith(key)) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return "";
  }

  private static List<String> lines(String file) {
    try {
      return Files.readAllLines(Path.of(file));
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  private static String read(String file) {
    List<String> l = lines(file);
    return l.isEmpty() ? "" : l.get(0).trim();
  }
}
