package vn.tracegate.tracing.graph;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.tracegate.checkin.registry.CheckpointKind;
import vn.tracegate.checkin.visits.DayBucket;
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

  /** What to read of each checkpoint: from a dwell before each source stay to its end. */
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
   * every worker truly exposed is among them.
   */
  Map<String, List<Overlap>> candidates(
      StayIndex sources, Map<String, List<Visit>> visitsByCheckpoint, Set<String> reached) {
    Map<String, List<Overlap>> out = new HashMap<>();
    visitsByCheckpoint.forEach((cp, visits) -> {
      Map<String, List<Visit>> byWorker = new HashMap<>();
      for (Visit v : visits) {
        if (!reached.contains(v.workerId())) {
          byWorker.computeIfAbsent(v.workerId(), k -> new ArrayList<>()).add(v);
        }
      }
      byWorker.forEach((worker, scans) -> {
        List<Overlap> found = qualifying(sources, Stays.of(scans, dwell));
        if (!found.isEmpty()) {
          out.computeIfAbsent(worker, k -> new ArrayList<>()).addAll(found);
        }
      });
    });
    return out;
  }

  /**
   * Where each candidate's exact stays must be known: from their earliest candidate overlap to
   * the latest one's end, or to the window end if they may expose others at the next level.
   * Every qualifying overlap lies there, since exact stays lie within the upper bound; a reader
   * must start a longest dwell earlier ({@link #readRange}).
   */
  Map<String, Interval> exactRanges(Map<String, List<Overlap>> candidates, boolean mayExposeOthers) {
    Map<String, Interval> ranges = new HashMap<>();
    candidates.forEach((worker, overlaps) -> {
      Instant first = overlaps.get(0).start();
      Instant last = overlaps.get(0).end();
      for (Overlap o : overlaps) {
        first = o.start().isBefore(first) ? o.start() : first;
        last = o.end().isAfter(last) ? o.end() : last;
      }
      ranges.put(worker, new Interval(first, mayExposeOthers ? to : last));
    });
    return ranges;
  }

  /** What to read for stays exact in {@code range}: scans from a longest dwell before it. */
  Interval readRange(Interval range) {
    return new Interval(range.from().minus(dwell.longest()), range.to());
  }

  /**
   * What to read first for stays exact in {@code range}: from the start of its first day bucket
   * (reading from there costs no more partitions than reading from {@code range.from()}), or
   * from a longest dwell before it if that is later. Enough whenever {@link #anchored} says so;
   * otherwise {@link #readRange} must be read too.
   */
  Interval firstRead(Interval range) {
    Instant dayStart = DayBucket.of(range.from()).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant lookBack = range.from().minus(dwell.longest());
    return new Interval(lookBack.isAfter(dayStart) ? lookBack : dayStart, range.to());
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

  /** The qualifying overlaps of source stays with a worker's stays (exact or upper bound). */
  List<Overlap> qualifying(StayIndex sources, List<Stay> stays) {
    return qualifying(sources, stays, new Interval(from, to));
  }

  /** The same, counting only the part of the worker's stays inside {@code known}. */
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
