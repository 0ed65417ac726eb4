package vn.tracegate.tracing.graph;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.tracegate.checkin.visits.Visit;

/**
 * The visits one trace has read, per worker or per checkpoint, and the time ranges already read,
 * so that a later level reads only what is missing. Used by one trace at a time; results are
 * merged only after all reads of a call completed, on the thread that completes them.
 */
final class VisitCache {

  /** One read of the visit log. */
  interface Fetch {
    Future<List<Visit>> fetch(String key, Instant from, Instant to);
  }

  private final Fetch fetch;
  private final Map<String, List<Interval>> fetched = new HashMap<>();
  private final Map<String, List<Visit>> visits = new HashMap<>();

  VisitCache(Fetch fetch) {
    this.fetch = fetch;
  }

  /** Reads, all in parallel, whatever of {@code needs} (key to time ranges) is not read yet. */
  Future<Void> ensure(Map<String, List<Interval>> needs) {
    List<String> keys = new ArrayList<>();
    List<Interval> ranges = new ArrayList<>();
    List<Future<List<Visit>>> reads = new ArrayList<>();
    needs.forEach((key, wanted) -> {
      for (Interval missing : Interval.subtract(wanted, fetched.getOrDefault(key, List.of()))) {
        keys.add(key);
        ranges.add(missing);
        reads.add(fetch.fetch(key, missing.from(), missing.to()));
      }
    });
    if (reads.isEmpty()) {
      return Future.succeededFuture();
    }
    return Future.all(reads).map(all -> {
      for (int i = 0; i < reads.size(); i++) {
        String key = keys.get(i);
        visits.computeIfAbsent(key, k -> new ArrayList<>()).addAll(reads.get(i).result());
        List<Interval> have = new ArrayList<>(fetched.getOrDefault(key, List.of()));
        have.add(ranges.get(i));
        fetched.put(key, Interval.merge(have));
      }
      return null;
    });
  }

  /** The start of the read range of {@code key} that holds {@code at}, or null when none does. */
  Instant readSince(String key, Instant at) {
    for (Interval i : fetched.getOrDefault(key, List.of())) {
      if (!at.isBefore(i.from()) && at.isBefore(i.to())) {
        return i.from();
      }
    }
    return null;
  }

  /** What was read for {@code key}, in no particular order. */
  List<Visit> visits(String key) {
    return visits.getOrDefault(key, List.of());
  }

  /** How many visits are held for these keys: the size of the work on them. */
  int count(Collection<String> keys) {
    int n = 0;
    for (String key : keys) {
      n += visits(key).size();
    }
    return n;
  }
}
