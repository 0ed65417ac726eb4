package vn.tracegate.tracing.graph;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import vn.tracegate.tracing.stays.Stay;

/**
 * The exposing stays of one level, by checkpoint and start, so that the stays overlapping a
 * given stay are found by a binary search instead of a scan of every source.
 */
final class StayIndex {

  private final Map<String, Bucket> byCheckpoint = new HashMap<>();

  StayIndex(Collection<Stay> stays) {
    Map<String, List<Stay>> grouped = new HashMap<>();
    for (Stay s : stays) {
      grouped.computeIfAbsent(s.checkpointId(), k -> new ArrayList<>()).add(s);
    }
    grouped.forEach((cp, list) -> byCheckpoint.put(cp, new Bucket(list)));
  }

  Set<String> checkpoints() {
    return byCheckpoint.keySet();
  }

  boolean isEmpty() {
    return byCheckpoint.isEmpty();
  }

  /** Calls {@code each} for every indexed stay at the checkpoint of {@code s} that overlaps it. */
  void forEachOverlapping(Stay s, Consumer<Stay> each) {
    Bucket b = byCheckpoint.get(s.checkpointId());
    if (b != null) {
      b.forEachOverlapping(s.from(), s.to(), each);
    }
  }

  private static final class Bucket {
    final List<Stay> stays;
    final Duration longest;

    Bucket(List<Stay> stays) {
      stays.sort(Comparator.comparing(Stay::from));
      this.stays = stays;
      this.longest = stays.stream().map(Stay::length).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    void forEachOverlapping(Instant from, Instant to, Consumer<Stay> each) {
      // No stay that starts before from - longest can reach from.
      Instant earliest = from.minus(longest);
      int lo = 0;
      int hi = stays.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (stays.get(mid).from().isBefore(earliest)) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      for (int i = lo; i < stays.size() && stays.get(i).from().isBefore(to); i++) {
        if (stays.get(i).to().isAfter(from)) {
          each.accept(stays.get(i));
        }
      }
    }
  }
}
