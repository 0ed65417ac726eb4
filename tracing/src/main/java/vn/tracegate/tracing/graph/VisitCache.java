package vn.tracegate.tracing.graph;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.tracegate.checkin.visits.Visit;

/**
 * The visits one trace has read, per worker or per checkpoint, and the time ranges already read,
 * so that a later level reads only what is missing. Keys missing the same range are read
 * together, in one call of the source (which may answer many partitions per request). Used by
 * one trace at a time; results are merged only after all reads of a call completed, on the
 * thread that completes them.
 */
final class VisitCache {

  /** One read of the visit log: several keys over one range, the visits by key. */
  interface Fetch {
    Future<Map<String, List<Visit>>> fetch(Collection<String> keys, Instant from, Instant to);
  }

  private final Fetch fetch;
  private final Map<String, List<Interval>> fetched = new HashMap<>();
  private final Map<String, List<Visit>> visits = new HashMap<>();

  VisitCache(Fetch fetch) {
    this.fetch = fetch;
  }

  /** Reads, all in parallel, whatever of {@code needs} (key to time ranges) is not read yet. */
  Future<Void> ensure(Map<String, List<Interval>> needs) {
    Map<Interval, List<String>> byRange = new LinkedHashMap<>();
    needs.forEach((key, wanted) -> {
      for (Interval missing : Interval.subtract(wanted, fetched.getOrDefault(key, List.of()))) {
        byRange.computeIfAbsent(missing, k -> new ArrayList<>()).add(key);
      }
    });
    if (byRange.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Interval> ranges = new ArrayList<>(byRange.keySet());
    List<Future<Map<String, List<Visit>>>> reads = new ArrayList<>(ranges.size());
    for (Interval range : ranges) {
      reads.add(fetch.fetch(byRange.get(range), range.from(), range.to()));
    }
    return Future.all(reads).map(all -> {
      for (int i = 0; i < reads.size(); i++) {
        Interval range = ranges.get(i);
        Map<String, List<Visit>> got = reads.get(i).result();
        for (String key : byRange.get(range)) {
          List<Visit> rows = got.get(key);
          if (rows != null && !rows.isEmpty()) {
            visits.computeIfAbsent(key, k -> new ArrayList<>()).addAll(rows);
          }
          List<Interval> have = new ArrayList<>(fetched.getOrDefault(key, List.of()));
          have.add(range);
          fetched.put(key, Interval.merge(have));
        }
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
