package vn.tracegate.loadtest.chaos;

import java.util.List;
import java.util.Locale;

/**
 * A fault the chaos run injects through {@code ./tracegate} (on the services of its own state
 * folder), how it is healed, and what a scanner should see meanwhile.
 */
public enum Fault {
  /** kill -9 Redis, start an empty one: presence is a cache and is rebuilt from the visit log. */
  REDIS("redis"),
  /** kill -9 the gateway, start it again: scanners retry what was not answered, same scanIds. */
  GATEWAY("gateway"),
  /**
   * The single node is stopped (SIGTERM: its commit log is synced; a kill -9 of the only replica
   * may lose the last seconds, see the README) and started again; with {@code --cluster}, node 2
   * of three is killed with -9 and started again.
   */
  CASSANDRA("cassandra");

  private final String cliName;

  Fault(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  /** The {@code ./tracegate} arguments that inject the fault. */
  public List<String> inject(boolean cluster) {
    return switch (this) {
      case REDIS -> List.of("redis", "kill");
      case GATEWAY -> List.of("gateway", "kill");
      case CASSANDRA -> cluster ? List.of("cluster", "kill", "2") : List.of("cassandra", "stop");
    };
  }

  /** The {@code ./tracegate} arguments that heal it; they return once the service answers. */
  public List<String> heal(boolean cluster) {
    return switch (this) {
      case REDIS -> List.of("redis", "start");
      case GATEWAY -> List.of("gateway", "start", "--no-migrate");
      case CASSANDRA -> cluster ? List.of("cluster", "start", "2") : List.of("cassandra", "start");
    };
  }

  /** Recovered only once answers carry no PRESENCE_STALE warning (Redis is answering 2xx throughout). */
  public boolean recoveryNeedsFreshPresence() {
    return this == REDIS;
  }

  /** What a scanner should see during this fault's phase, as the report states it. */
  public String expectation(boolean cluster) {
    return switch (this) {
      case REDIS -> "scans still acknowledged (PRESENCE_STALE), none refused; presence back after restart";
      case GATEWAY -> "unanswered scans retried with the same scanId get 200 or 201; none stored twice";
      case CASSANDRA -> cluster ? "one node of three killed: zero failed scans"
          : "503 with Retry-After while down, no 2xx for an unwritten scan; recovery without a gateway restart";
    };
  }

  public static Fault parse(String name) {
    for (Fault f : values()) {
      if (f.cliName.equals(name.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException("--faults takes redis, gateway and cassandra separated by commas, got '"
        + name + "'");
  }
}
