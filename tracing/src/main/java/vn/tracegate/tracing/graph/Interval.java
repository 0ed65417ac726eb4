package vn.tracegate.tracing.graph;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import vn.tracegate.checkin.visits.DayBucket;

/** A half-open time range [from, to): what a trace needs to read, or has read, of a partition. */
record Interval(Instant from, Instant to) {

  /**
   * This range widened to whole UTC days, the visit log's day partitions: reading it touches no
   * more partitions than reading this range, and ranges of many keys then coincide, so they are
   * read together. An empty range stays as it is.
   */
  Interval wholeDays() {
    if (!from.isBefore(to)) {
      return this;
    }
    Instant start = DayBucket.of(from).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = DayBucket.of(to.minusNanos(1)).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    return new Interval(start, end);
  }

  /** The union of intervals as disjoint, non-touching intervals, oldest first. */
  static List<Interval> merge(List<Interval> intervals) {
    List<Interval> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparing(Interval::from));
    List<Interval> out = new ArrayList<>();
    for (Interval i : sorted) {
      if (!i.from.isBefore(i.to)) {
        continue;
      }
      Interval last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && !i.from.isAfter(last.to)) {
        if (i.to.isAfter(last.to)) {
          out.set(out.size() - 1, new Interval(last.from, i.to));
        }
      } else {
        out.add(i);
      }
    }
    return out;
  }

  /** The parts of {@code wanted} not covered by {@code have}; both merged first. */
  static List<Interval> subtract(List<Interval> wanted, List<Interval> have) {
    List<Interval> covered = merge(have);
    List<Interval> out = new ArrayList<>();
    for (Interval w : merge(wanted)) {
      Instant cursor = w.from;
      for (Interval h : covered) {
        if (!h.to.isAfter(cursor) || !h.from.isBefore(w.to)) {
          continue;
        }
        if (h.from.isAfter(cursor)) {
          out.add(new Interval(cursor, h.from));
        }
        cursor = h.to.isAfter(cursor) ? h.to : cursor;
      }
      if (cursor.isBefore(w.to)) {
        out.add(new Interval(cursor, w.to));
      }
    }
    return out;
  }
}
