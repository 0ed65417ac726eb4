package vn.tracegate.loadtest.tracebench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.tracegate.tracing.visitlog.CassandraVisitSource;

/**
 * Command-line options of {@link TraceBench}, each {@code --name value}; unknown names stop the run.
 *
 * @param windows trace windows in days, each ending at the park's end
 * @param cassandraPid the local Cassandra's process id, to report its CPU per trace; 0 for none
 * @param modes {@code graph} (the Tracer alone over Cassandra), {@code raise} (graph, then the status
 *     raise), {@code full} (TraceService: graph, save, status raise) and/or {@code index} (the Tracer
 *     over the in-memory {@code TraceIndex}, loaded from the keyspace and following Redis's visit feed);
 *     or {@code memory} alone (the index's trace engine over an index filled straight from the
 *     generator: no Cassandra, no Redis)
 */
record BenchOptions(int workers, int days, int traces, int warmup, long seed, String keyspace,
    String contactPoints, List<Integer> windows, List<String> modes, int depth, int loadInFlight, boolean reload, long cassandraPid,
    int maxInFlight, int workerPartitions, int checkpointPartitions, String redisUri) {

  static final String USAGE = "TraceBench [--workers 50000] [--days 14] [--traces 200] [--warmup 20] [--seed 7]"
      + " [--keyspace tracegate_bench] [--contact-points 127.0.0.1:9042] [--windows 14,4] [--modes graph,raise,full]"
      + " [--depth 2] [--load-in-flight 64] [--reload true] [--cassandra-pid PID] [--max-in-flight 64]"
      + " [--worker-partitions 32] [--checkpoint-partitions 4] [--redis-uri redis://127.0.0.1:6379]";

  static BenchOptions parse(String[] args) {
    Map<String, String> given = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs; usage: " + USAGE);
      }
      given.put(args[i].substring(2), args[i + 1]);
    }
    Map<String, String> o = new HashMap<>(Map.of("workers", "50000", "days", "14", "traces", "200", "warmup", "20",
        "seed", "7", "keyspace", "tracegate_bench", "contact-points", "127.0.0.1:9042", "windows", "14,4",
        "modes", "graph,full", "depth", "2"));
    o.put("load-in-flight", "64");
    o.put("reload", "false");
    o.put("redis-uri", "redis://127.0.0.1:6379");
    o.put("cassandra-pid", "0");
    o.put("max-in-flight", String.valueOf(CassandraVisitSource.DEFAULT_MAX_IN_FLIGHT));
    o.put("worker-partitions", String.valueOf(CassandraVisitSource.DEFAULT_WORKER_PARTITIONS));
    o.put("checkpoint-partitions", String.valueOf(CassandraVisitSource.DEFAULT_CHECKPOINT_PARTITIONS));
    for (String name : given.keySet()) {
      if (!o.containsKey(name)) {
        throw new IllegalArgumentException("unknown option --" + name + "; usage: " + USAGE);
      }
    }
    o.putAll(given);
    List<Integer> windows = new ArrayList<>();
    for (String w : o.get("windows").split(",")) {
      windows.add(Integer.parseInt(w.trim()));
    }
    List<String> modes = List.of(o.get("modes").split(","));
    for (String m : modes) {
      if (!List.of("graph", "raise", "full", "index", "memory").contains(m)) {
        throw new IllegalArgumentException("--modes takes graph, raise, full and/or index, or memory alone, got " + m);
      }
      if (m.equals("memory") && modes.size() > 1) {
        throw new IllegalArgumentException("--modes memory runs alone (no Cassandra, no Redis)");
      }
    }
    return new BenchOptions(Integer.parseInt(o.get("workers")), Integer.parseInt(o.get("days")),
        Integer.parseInt(o.get("traces")), Integer.parseInt(o.get("warmup")), Long.parseLong(o.get("seed")),
        o.get("keyspace"), o.get("contact-points"), windows, modes, Integer.parseInt(o.get("depth")),
        Integer.parseInt(o.get("load-in-flight")), Boolean.parseBoolean(o.get("reload")),
        Long.parseLong(o.get("cassandra-pid")), Integer.parseInt(o.get("max-in-flight")),
        Integer.parseInt(o.get("worker-partitions")), Integer.parseInt(o.get("checkpoint-partitions")),
        o.get("redis-uri"));
  }
}
