package vn.tracegate.tracing.graph;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.tracegate.checkin.visits.Visit;
import vn.tracegate.tracing.exposure.ExposurePolicy;
import vn.tracegate.tracing.exposure.Overlap;
import vn.tracegate.checkin.visits.DwellPolicy;
import vn.tracegate.tracing.stays.Stay;
import vn.tracegate.tracing.stays.Stays;

/**
 * The state of one trace while it runs: who is reached at which level, their exact stays, the
 * edges found and what has been read. Levels run one after another; state is touched only
 * between reads (computations get a snapshot and return results), so there is no sharing.
 */
final class TraceRun {

  /** The earliest overlap wins; ties go to the smaller source id, then checkpoint. */
  private static final Comparator<Overlap> FIRST = (a, b) -> {
    int c = a.start().compareTo(b.start());
    c = c != 0 ? c : a.source().workerId().compareTo(b.source().workerId());
    return c != 0 ? c : a.source().checkpointId().compareTo(b.source().checkpointId());
  };

  private final TraceRequest request;
  private final DwellPolicy dwell;
  private final LevelSearch search;
  private final Tracer.Compute compute;
  private final VisitCache workers;
  private final VisitCache checkpoints;
  private final Map<String, TraceNode> reached = new HashMap<>();
  private final Map<String, List<Stay>> exact = new HashMap<>();
  private final List<TraceEdge> edges = new ArrayList<>();

  TraceRun(TraceRequest request, VisitSource source, DwellPolicy dwell, ExposurePolicy policy,
      Tracer.Compute compute) {
    this.request = request;
    this.dwell = dwell;
    this.search = new LevelSearch(request.from(), request.to(), dwell, policy);
    this.compute = compute;
    this.workers = new VisitCache(source::visitsOfWorkers);
    this.checkpoints = new VisitCache(source::visitsAtCheckpoints);
  }

  Future<TraceGraph> run() {
    String f0 = request.f0WorkerId();
    Interval window = new Interval(request.from().minus(dwell.longest()), request.to());
    return workers.ensure(Map.of(f0, List.of(window)))
        .compose(v -> {
          exact.put(f0, Stays.of(workers.visits(f0), dwell));
          reached.put(f0, new TraceNode(f0, 0, null, null));
          return level(1, List.of(f0));
        })
        // Sorting 100,000+ edges of a big trace takes a while: off the event loop like a big level.
        .compose(v -> compute.run(edges.size(), () -> new TraceGraph(List.copyOf(reached.values()), edges)));
  }

  private Future<Void> level(int level, List<String> frontier) {
    if (level > request.depth() || frontier.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Stay> sourceStays = new ArrayList<>();
    for (String worker : frontier) {
      Instant activeFrom = reached.get(worker).level() == 0 ? request.from() : reached.get(worker).firstExposureAt();
      sourceStays.addAll(search.exposingStays(exact.get(worker), activeFrom));
    }
    if (sourceStays.isEmpty()) {
      return Future.succeededFuture();
    }
    StayIndex sources = new StayIndex(sourceStays);
    boolean mayExposeOthers = level < request.depth();
    return checkpoints.ensure(search.checkpointNeeds(sourceStays))
        .compose(v -> {
          Map<String, List<Visit>> scans = new HashMap<>();
          for (String cp : sources.checkpoints()) {
            scans.put(cp, checkpoints.visits(cp));
          }
          var done = Map.copyOf(reached).keySet();
          return compute.run(checkpoints.count(scans.keySet()), () -> search.candidates(sources, scans, done));
        })
        .compose(candidates -> {
          Map<String, Interval> exactRanges = search.exactRanges(candidates, mayExposeOthers);
          return readExact(exactRanges).compose(v -> {
            Map<String, List<Visit>> scans = new HashMap<>();
            for (String w : candidates.keySet()) {
              scans.put(w, workers.visits(w));
            }
            return compute.run(workers.count(scans.keySet()), () -> confirm(sources, scans, exactRanges));
          });
        })
        .compose(confirmed -> level(level + 1, record(level, confirmed, mayExposeOthers)));
  }

  /**
   * Reads each worker's own scans so that their stays are exact over their range: first from the
   * start of the range's first day (see {@link LevelSearch#firstRead}), then, for the few whose
   * state at the range start that does not settle, a longest dwell further back.
   */
  private Future<Void> readExact(Map<String, Interval> ranges) {
    Map<String, List<Interval>> first = new HashMap<>();
    ranges.forEach((w, range) -> first.put(w, List.of(search.firstRead(range))));
    return workers.ensure(first).compose(v -> {
      Map<String, List<Interval>> more = new HashMap<>();
      ranges.forEach((w, range) -> {
        Instant since = workers.readSince(w, range.from());
        if (since == null || !search.anchored(range.from(), since, workers.visits(w))) {
          more.put(w, List.of(search.readRange(range)));
        }
      });
      return workers.ensure(more);
    });
  }

  /**
   * Exact stays and qualifying overlaps of each candidate, counting only where their stays are
   * known to be exact; candidates with no qualifying overlap are dropped.
   */
  private Map<String, Confirmed> confirm(
      StayIndex sources, Map<String, List<Visit>> scans, Map<String, Interval> exactRanges) {
    Map<String, Confirmed> out = new HashMap<>();
    scans.forEach((worker, visits) -> {
      List<Stay> stays = Stays.of(visits, dwell);
      List<Overlap> overlaps = search.qualifying(sources, stays, exactRanges.get(worker));
      if (!overlaps.isEmpty()) {
        out.put(worker, new Confirmed(stays, overlaps));
      }
    });
    return out;
  }

  /** Adds the confirmed workers at this level; returns them, the next level's sources. */
  private List<String> record(int level, Map<String, Confirmed> confirmed, boolean keepStays) {
    List<String> next = new ArrayList<>();
    confirmed.forEach((worker, c) -> {
      Overlap first = Collections.min(c.overlaps, FIRST);
      reached.put(worker, new TraceNode(worker, level, first.start(), first.source().workerId()));
      for (Overlap o : c.overlaps) {
        edges.add(new TraceEdge(o.source().workerId(), worker, o.target().checkpointId(), o.target().kind(),
            o.start(), o.end(), o.minutes()));
      }
      if (keepStays) {
        exact.put(worker, c.stays);
      }
      next.add(worker);
    });
    return next;
  }

  private record Confirmed(List<Stay> stays, List<Overlap> overlaps) {}
}
