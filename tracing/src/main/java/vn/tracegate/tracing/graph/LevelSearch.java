package vn.tracegate.tracing.graph;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.tracegate.checkin.registry.CheckpointKind;
import vn.tracegate.checkin.visits.Visit;
import vn.tracegate.tracing.exposure.ExposurePolicy;
import vn.tracegate.tracing.exposure.Overlap;
import vn.tracegate.checkin.visits.DwellPolicy;
import vn.tracegate.tracing.stays.Stay;
import vn.tracegate.tracing.stays.Stays;

/**
 * The pure steps of one trace level: which source stays count, which checkpoint scans to read,
 * who may have been exposed (from checkpoint scans alone, an upper bound), which of their own
 * scans to read, and which overlaps really qualify (from their exact stays).
 */
final class LevelSearch {

  private final Instant from;
  private final Instant to;
  private final DwellPolicy dwell;
  private final ExposurePolicy policy;

  LevelSearch(Instant from, Instant to, DwellPolicy dwell, ExposurePolicy policy) {
    this.from = from;
    this.to = to;
    this.dwell = dwell;
    this.policy = policy;
  }

  /**
   * The stays by which a source exposes others: at exposing kinds, inside the window, and only
   * after {@code activeFrom} (the source's own first exposure; the window start for the F0).
   */
  List<Stay> exposingStays(List<Stay> stays, Instant activeFrom) {
    Instant start = activeFrom.isAfter(from) ? activeFrom : from;
    List<Stay> out = new ArrayList<>();
    for (Stay s : stays) {
      Stay clipped = policy.exposesAt(s.kind()) ? s.clip(start, to) : null;
      if (clipped != null) {
        out.add(clipped);
      }
    }
    return out;
  }

  /**
   * What to read of each checkpoint: from a dwell before each source stay to its end. Not widened
   * to whole days: a busy hall's day holds many times the rows around a stay (measured: whole days
   * made a 4-day trace ~12% slower in Cassandra CPU, though fewer queries).
   */
  Map<String, List<Interval>> checkpointNeeds(List<Stay> sourceStays) {
    Map<String, List<Interval>> needs = new HashMap<>();
    for (Stay s : sourceStays) {
      needs.computeIfAbsent(s.checkpointId(), k -> new ArrayList<>())
          .add(new Interval(s.from().minus(dwell.maxDwell(s.kind())), s.to()));
    }
    needs.replaceAll((k, v) -> Interval.merge(v));
    return needs;
  }

  /**
   * Workers not yet reached whose stays, built from the checkpoints' scans alone, overlap a
   * source stay enough; these stays are an upper bound (an IN elsewhere is not seen there), so
   * every worker truly exposed is among them. Each comes with the hull of those upper-bound
   * overlaps: from the earliest start to the latest end (no overlap objects are made here; the
   * exact ones are made only for confirmed workers).
   */
  Map<String, Interval> candidates(
      StayIndex sources, Map<String, List<Visit>> visitsByCheckpoint, Set<String> reached) {
    Map<String, Interval> out = new HashMap<>();
    Hull hull = new Hull();
    visitsByCheckpoint.forEach((cp, visits) -> {
      Map<String, List<Visit>> byWorker = new HashMap<>();
      for (Visit v : visits) {
        if (!reached.contains(v.workerId())) {
          byWorker.computeIfAbsent(v.workerId(), k -> new ArrayList<>()).add(v);
        }
      }
      byWorker.forEach((worker, scans) -> {
        hull.clear();
        for (Stay s : Stays.of(scans, dwell)) {
          Stay target = policy.exposesAt(s.kind()) ? s.clip(from, to) : null;
          if (target != null) {
            sources.forEachOverlapping(target, source -> hull.addIfQualifies(source, target));
          }
        }
        if (hull.first != null) {
          out.merge(worker, new Interval(hull.first, hull.last), (a, b) -> new Interval(
              a.from().isBefore(b.from()) ? a.from() : b.from(), a.to().isAfter(b.to()) ? a.to() : b.to()));
        }
      });
    });
    return out;
  }

  /** The earliest start and latest end of the qualifying overlaps seen since the last clear. */
  private final class Hull {
    Instant first;
    Instant last;

    void clear() {
      first = null;
      last = null;
    }

    void addIfQualifies(Stay source, Stay target) {
      Instant start = source.from().isAfter(target.from()) ? source.from() : target.from();
      Instant end = source.to().isBefore(target.to()) ? source.to() : target.to();
      if (start.isBefore(end) && policy.qualifies(target.kind(), Duration.between(start, end))) {
        first = first == null || start.isBefore(first) ? start : first;
        last = last == null || end.isAfter(last) ? end : last;
      }
    }
  }

  /**
   * Where each candidate's exact stays must be known: from their earliest candidate overlap to
   * the latest one's end, or to the window end if they may expose others at the next level.
   * Every qualifying overlap lies there, since exact stays lie within the upper bound; a reader
   * must start a longest dwell earlier ({@link #readRange}).
   */
  Map<String, Interval> exactRanges(Map<String, Interval> candidates, boolean mayExposeOthers) {
    Map<String, Interval> ranges = new HashMap<>();
    candidates.forEach((worker, hull) -> ranges.put(worker, mayExposeOthers ? new Interval(hull.from(), to) : hull));
    return ranges;
  }

  /**
   * What to read for stays exact in {@code range}: scans from a longest dwell before it, in whole
   * day partitions.
   */
  Interval readRange(Interval range) {
    return new Interval(range.from().minus(dwell.longest()), range.to()).wholeDays();
  }

  /**
   * What to read first for stays exact in {@code range}: the whole day partitions it touches
   * (from the start of its first day: that costs no more partitions than reading from
   * {@code range.from()}, and the reads of many workers then coincide). Enough whenever
   * {@link #anchored} says so; otherwise {@link #readRange} must be read too.
   */
  Interval firstRead(Interval range) {
    return range.wholeDays();
  }

  /**
   * Whether a worker's stays built from all their scans since {@code readFrom} are exact from
   * {@code x} on. They are when the read reaches a longest dwell back; or when it holds the
   * worker's last scan at or before {@code x} and reaches a gate pass back: after any scan, who
   * is where no longer depends on earlier scans (an IN opens or continues a stay there from that
   * instant, an OUT or a gate closes it), so every stay from that scan on, clipped at {@code x},
   * is the same as from the full history ({@link Stays}).
   */
  boolean anchored(Instant x, Instant readFrom, List<Visit> visits) {
    if (!readFrom.isAfter(x.minus(dwell.longest()))) {
      return true;
    }
    if (readFrom.isAfter(x.minus(dwell.maxDwell(CheckpointKind.GATE)))) {
      return false;
    }
    for (Visit v : visits) {
      if (!v.at().isBefore(readFrom) && !v.at().isAfter(x)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The qualifying overlaps of source stays with a worker's exact stays, counting only the part
   * of them inside {@code known}.
   */
  List<Overlap> qualifying(StayIndex sources, List<Stay> stays, Interval known) {
    Instant start = known.from().isAfter(from) ? known.from() : from;
    Instant end = known.to().isBefore(to) ? known.to() : to;
    List<Overlap> out = new ArrayList<>();
    for (Stay s : stays) {
      Stay target = policy.exposesAt(s.kind()) ? s.clip(start, end) : null;
      if (target != null) {
        sources.forEachOverlapping(target, source -> {
          Overlap o = Overlap.between(source, target);
          if (o != null && o.qualifies(policy)) {
            out.add(o);
          }
        });
      }
    }
    return out;
  }
}
