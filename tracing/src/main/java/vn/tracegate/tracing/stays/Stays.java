package vn.tracegate.tracing.stays;

import vn.tracegate.checkin.visits.DwellPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import vn.tracegate.checkin.registry.CheckpointKind;
import vn.tracegate.checkin.visits.ScanAction;
import vn.tracegate.checkin.visits.Visit;

/**
 * Turns one worker's scans into stays. Rules:
 * <ul>
 *   <li>IN opens a stay; OUT closes the open stay (an OUT at another checkpoint closes it too:
 *       the worker is evidently not inside any more); an OUT with no open stay is ignored, as
 *       nothing tells when that stay began.</li>
 *   <li>An IN at another checkpoint closes the open stay and opens a new one.</li>
 *   <li>A repeated IN at the checkpoint of the open stay continues it and restarts its dwell
 *       limit: it is fresh evidence that the worker is inside.</li>
 *   <li>A stay no scan closes ends at the last IN + maxDwell(kind).</li>
 *   <li>A GATE scan is site entry or exit, not a room: it closes the open stay and yields a
 *       pass of maxDwell(GATE) that never becomes the open stay.</li>
 * </ul>
 * Whether a worker is inside at time t therefore depends only on their last scan in
 * [t - maxDwell, t], so stays built from scans read from (x - longest dwell) on are exact from x
 * on; and stays built from one checkpoint's scans alone are an upper bound of the true ones.
 */
public final class Stays {

  /** Same instant: OUT before IN, so "left the bus, entered the workshop" at one second works. */
  static final Comparator<Visit> SCAN_ORDER = (a, b) -> {
    int c = a.at().compareTo(b.at());
    c = c != 0 ? c : Boolean.compare(a.action() == ScanAction.IN, b.action() == ScanAction.IN);
    return c != 0 ? c : a.scanId().compareTo(b.scanId());
  };
  static final Comparator<Stay> BY_START = (a, b) -> a.from().compareTo(b.from());

  private Stays() {}

  /** The stays of the scans of one worker (any order), sorted by start. */
  public static List<Stay> of(List<Visit> visitsOfOneWorker, DwellPolicy dwell) {
    List<Visit> scans = new ArrayList<>(visitsOfOneWorker);
    scans.sort(SCAN_ORDER);
    List<Stay> stays = new ArrayList<>();
    Open open = null;
    for (Visit v : scans) {
      if (open != null && !v.at().isBefore(open.deadline(dwell))) {
        stays.add(open.close(open.deadline(dwell), StayEnd.MAX_DWELL));
        open = null;
      }
      if (v.kind() == CheckpointKind.GATE) {
        if (open != null) {
          stays.add(open.close(v.at(), StayEnd.GATE));
          open = null;
        }
        Instant passEnd = v.at().plus(dwell.maxDwell(CheckpointKind.GATE));
        if (passEnd.isAfter(v.at())) {
          stays.add(new Stay(v.workerId(), v.checkpointId(), v.kind(), v.at(), passEnd, StayEnd.MAX_DWELL));
        }
      } else if (v.action() == ScanAction.IN) {
        if (open != null && open.checkpointId.equals(v.checkpointId())) {
          open.lastIn = v.at();
          continue;
        }
        if (open != null) {
          stays.add(open.close(v.at(), StayEnd.NEXT_IN));
        }
        open = new Open(v);
      } else if (open != null) {
        stays.add(open.close(v.at(), StayEnd.OUT));
        open = null;
      }
    }
    if (open != null) {
      stays.add(open.close(open.deadline(dwell), StayEnd.MAX_DWELL));
    }
    stays.sort(BY_START);
    return stays;
  }

  /** The stay being built: where, since when, and the last IN that keeps it alive. */
  private static final class Open {
    final String workerId;
    final String checkpointId;
    final CheckpointKind kind;
    final Instant from;
    Instant lastIn;

    Open(Visit in) {
      this.workerId = in.workerId();
      this.checkpointId = in.checkpointId();
      this.kind = in.kind();
      this.from = in.at();
      this.lastIn = in.at();
    }

    Instant deadline(DwellPolicy dwell) {
      return lastIn.plus(dwell.maxDwell(kind));
    }

    Stay close(Instant at, StayEnd why) {
      return new Stay(workerId, checkpointId, kind, from, at, why);
    }
  }
}
