package vn.tracegate.checkin.scans;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.checkin.access.Caller;
import vn.tracegate.checkin.access.Role;
import vn.tracegate.checkin.presence.PresenceCache;
import vn.tracegate.checkin.qr.QrKind;
import vn.tracegate.checkin.qr.QrVerifier;
import vn.tracegate.checkin.qr.VerifiedQr;
import vn.tracegate.checkin.ratelimit.RateLimiter;
import vn.tracegate.checkin.registry.Checkpoint;
import vn.tracegate.checkin.visits.Visit;
import vn.tracegate.checkin.visits.VisitFeed;
import vn.tracegate.checkin.visits.VisitLog;

/**
 * The scan write path: verify the QR, check the caller may scan there, claim the scanId, write the
 * visit log, then update presence. A scan is acknowledged only after its rows are written; a
 * presence failure after that only adds a warning, because the visit is already kept.
 */
public final class ScanService {

  /** Limits on the device's clock: how far ahead, and how far back (retention). */
  public record Window(Duration maxFutureSkew, Duration retention) {}

  private final QrVerifier qr;
  private final Function<String, Future<Checkpoint>> checkpoints;
  private final ScanLedger ledger;
  private final VisitLog visits;
  private final PresenceCache presence;
  private final Window window;
  private final Clock clock;
  private final VisitFeed feed;

  public ScanService(QrVerifier qr, Function<String, Future<Checkpoint>> checkpoints, ScanLedger ledger,
      VisitLog visits, PresenceCache presence, Window window, Clock clock) {
    this(qr, checkpoints, ledger, visits, presence, window, clock, null);
  }

  /** With {@code feed}, every written scan is also published to the other instances' trace indexes. */
  public ScanService(QrVerifier qr, Function<String, Future<Checkpoint>> checkpoints, ScanLedger ledger,
      VisitLog visits, PresenceCache presence, Window window, Clock clock, VisitFeed feed) {
    this.feed = feed;
    this.qr = qr;
    this.checkpoints = checkpoints;
    this.ledger = ledger;
    this.visits = visits;
    this.presence = presence;
    this.window = window;
    this.clock = clock;
  }

  /** A scan that passed every check and whose checkpoint is known, not yet claimed nor written. */
  public record Prepared(ScanRequest scan, Caller caller, String workerId, Checkpoint checkpoint, String hash,
      Instant received) {}

  /** {@link #prepare} then {@link #commit} without a rate-limit charge. */
  public Future<ScanResult> ingest(Caller caller, ScanRequest scan) {
    return prepare(caller, scan).compose(p -> commit(p, null));
  }

  /**
   * Every check that needs no write: the device's clock, the caller's right to scan there, the
   * QR, the checkpoint. Fails with the rejection; changes nothing.
   */
  public Future<Prepared> prepare(Caller caller, ScanRequest scan) {
    Instant now = clock.instant();
    final Target target;
    try {
      checkTime(scan, now);
      target = resolve(caller, scan);
    } catch (Rejection r) {
      return Future.failedFuture(r);
    }
    String source = caller.is(Role.DEVICE) ? "device:" + caller.subject() : "app:" + caller.workerId();
    String hash = scan.contentHash(source);
    return checkpoints.apply(target.checkpointId())
        .map(cp -> new Prepared(scan, caller, target.workerId(), cp, hash, now));
  }

  /**
   * Claims the scanId (taking {@code charge} from the client's bucket in the same round trip, when
   * given: a refused take fails with {@link ScanLedger.Limited} and claims nothing), writes the
   * visit log, then updates presence.
   */
  public Future<ScanResult> commit(Prepared p, RateLimiter.Charge charge) {
    ScanRequest scan = p.scan();
    Checkpoint cp = p.checkpoint();
    return ledger.claim(scan.scanId().toString(), p.hash(), charge)
        .compose(claim -> {
          if (claim == ScanLedger.Claim.CONFLICT) {
            return Future.failedFuture(Rejection.conflict("SCAN_ID_CONFLICT", "scanId " + scan.scanId()
                + " was already used for a different scan; use a new scanId for a new scan"));
          }
          Caller caller = p.caller();
          Visit visit = new Visit(scan.scanId(), p.workerId(), cp.id(), cp.kind(), scan.action(), scan.at(),
              p.received(), caller.is(Role.DEVICE) ? caller.subject() : null, p.hash());
          return visits.append(visit).compose(written -> {
            // Published before the acknowledgement, so a trace that starts after it sees the scan;
            // a failed publish never fails the scan. Normally in the presence script's round trip.
            if (feed != null && feed.inlineReady()) {
              return updatePresence(visit, cp, claim, p.received(), true);
            }
            Future<Void> published = feed == null ? Future.succeededFuture() : feed.publish(visit);
            return updatePresence(visit, cp, claim, p.received(), false).compose(result -> published.map(result));
          });
        });
  }

  private Future<ScanResult> updatePresence(Visit v, Checkpoint cp, ScanLedger.Claim claim, Instant now,
      boolean publish) {
    boolean created = claim != ScanLedger.Claim.REPLAY;
    Future<Integer> applied = publish
        ? presence.applyAndPublish(v, now, feed).onSuccess(x -> feed.publishedInline()).onFailure(e -> feed.inlineFailed(v))
        : presence.apply(v.workerId(), v.checkpointId(), v.kind(), v.action(), v.at(), now);
    return applied
        .map(occupancy -> {
          List<String> warnings = new ArrayList<>(1);
          if (occupancy > cp.capacity()) {
            warnings.add(ScanResult.CAPACITY_EXCEEDED);
          }
          if (claim == ScanLedger.Claim.UNKNOWN || presence.rebuilding()) {
            warnings.add(ScanResult.PRESENCE_STALE);
          }
          return new ScanResult(created, v.scanId(), v.workerId(), v.checkpointId(), occupancy, cp.capacity(),
              warnings);
        })
        .otherwise(err -> new ScanResult(created, v.scanId(), v.workerId(), v.checkpointId(), null, cp.capacity(),
            List.of(ScanResult.PRESENCE_STALE)));
  }

  private void checkTime(ScanRequest scan, Instant now) {
    if (scan.at().isAfter(now.plus(window.maxFutureSkew()))) {
      throw Rejection.unprocessable("AT_IN_FUTURE", "'at' " + scan.at() + " is more than "
          + window.maxFutureSkew().toMinutes() + " minutes ahead of the server clock (" + now
          + "); check the device clock");
    }
    if (scan.at().isBefore(now.minus(window.retention()))) {
      throw Rejection.unprocessable("AT_TOO_OLD", "'at' " + scan.at() + " is older than the "
          + window.retention().toDays() + "-day retention; it cannot be stored");
    }
  }

  private record Target(String workerId, String checkpointId) {}

  /** Who scanned where: a device reads a badge at its checkpoint; an app reads a poster. */
  private Target resolve(Caller caller, ScanRequest scan) {
    switch (caller.role()) {
      case DEVICE -> {
        if (scan.checkpointId() == null) {
          throw Rejection.invalid("MISSING_FIELD", "'checkpointId' is required for a scanner device");
        }
        if (!caller.checkpointIds().contains(scan.checkpointId())) {
          throw Rejection.forbidden("device " + caller.subject() + " is not bound to checkpoint "
              + scan.checkpointId());
        }
        VerifiedQr badge = qr.verify(scan.qr(), QrKind.BADGE, scan.at());
        return new Target(badge.subjectId(), scan.checkpointId());
      }
      case WORKER -> {
        VerifiedQr poster = qr.verify(scan.qr(), QrKind.POSTER, scan.at());
        if (scan.checkpointId() != null && !scan.checkpointId().equals(poster.subjectId())) {
          throw Rejection.unprocessable("CHECKPOINT_MISMATCH", "the poster is for checkpoint "
              + poster.subjectId() + ", not " + scan.checkpointId());
        }
        return new Target(caller.workerId(), poster.subjectId());
      }
      default -> throw Rejection.forbidden("only scanner devices and workers' apps submit scans");
    }
  }
}
