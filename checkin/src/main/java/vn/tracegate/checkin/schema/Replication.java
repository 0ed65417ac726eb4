package vn.tracegate.checkin.schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keyspace replication as written in config: {@code SimpleStrategy:1} on one local node, or
 * {@code NetworkTopologyStrategy:dc1=3,dc2=3} in a cluster.
 */
public record Replication(String strategy, Map<String, Integer> factors) {

  public static Replication parse(String text) {
    String[] parts = text == null ? new String[0] : text.trim().split(":", 2);
    if (parts.length != 2 || parts[1].isBlank()) {
      throw new IllegalArgumentException(
          "expected SimpleStrategy:<rf> or NetworkTopologyStrategy:<dc>=<rf>[,<dc>=<rf>], got '" + text + "'");
    }
    Map<String, Integer> factors = new LinkedHashMap<>();
    switch (parts[0]) {
      case "SimpleStrategy" -> factors.put("replication_factor", factor(parts[1], text));
      case "NetworkTopologyStrategy" -> {
        for (String dc : parts[1].split(",")) {
          String[] kv = dc.split("=", 2);
          if (kv.length != 2 || !kv[0].matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("expected <dc>=<rf> in '" + text + "'");
          }
          factors.put(kv[0], factor(kv[1], text));
        }
      }
      default -> throw new IllegalArgumentException(
          "unknown replication strategy '" + parts[0] + "' (SimpleStrategy or NetworkTopologyStrategy)");
    }
    return new Replication(parts[0], Map.copyOf(factors));
  }

  private static int factor(String value, String text) {
    try {
      int rf = Integer.parseInt(value.trim());
      if (rf >= 1 && rf <= 9) {
        return rf;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException("replication factor must be 1-9 in '" + text + "'");
  }

  /** The CQL map literal, e.g. {@code {'class': 'SimpleStrategy', 'replication_factor': 1}}. */
  public String toCql() {
    return factors.entrySet().stream()
        .map(e -> "'" + e.getKey() + "': " + e.getValue())
        .collect(Collectors.joining(", ", "{'class': '" + strategy + "', ", "}"));
  }
}
