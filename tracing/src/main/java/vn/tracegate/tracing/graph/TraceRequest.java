package vn.tracegate.tracing.graph;

import java.time.Duration;
import java.time.Instant;
import vn.tracegate.checkin.Rejection;

/**
 * What to trace: the F0, the window [from, to) in which their stays count, how many levels
 * (1 = F1 only, up to 3 = F3) and an optional minimum overlap in minutes for rooms (not buses).
 * Whether the F0 exists is for the caller to check against the registry.
 */
public record TraceRequest(String f0WorkerId, Instant from, Instant to, int depth, Integer minOverlapMinutes) {

  public static final int DEFAULT_DEPTH = 2;
  public static final int MAX_DEPTH = 3;
  public static final Duration MAX_WINDOW = Duration.ofDays(28);
  public static final int MAX_MIN_OVERLAP_MINUTES = 600;
  /** A window must lie in these years: nothing is stored outside them, and instants far outside break the stores. */
  public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

  /** A request whose depth may be absent (then {@link #DEFAULT_DEPTH}). */
  public static TraceRequest of(String f0WorkerId, Instant from, Instant to, Integer depth, Integer minOverlapMinutes) {
    return new TraceRequest(f0WorkerId, from, to, depth == null ? DEFAULT_DEPTH : depth, minOverlapMinutes);
  }

  /** This request, or a {@link Rejection} (INVALID) naming the first rule it breaks. */
  public TraceRequest validated() {
    requireWorker();
    requireWindow();
    requireWindowInRange();
    requireWindowOrdered();
    requireWindowAtMostMax();
    requireDepthInRange();
    requireMinOverlapInRange();
    return this;
  }

  private void requireWorker() {
    if (f0WorkerId == null || f0WorkerId.isBlank()) {
      throw Rejection.invalid("WORKER_ID_MISSING", "workerId (the F0) is required");
    }
  }

  private void requireWindow() {
    if (from == null || to == null) {
      throw Rejection.invalid("WINDOW_MISSING", "from and to are required, as ISO-8601 instants");
    }
  }

  private void requireWindowInRange() {
    if (from.isBefore(EARLIEST) || from.isAfter(LATEST) || to.isBefore(EARLIEST) || to.isAfter(LATEST)) {
      throw Rejection.invalid("WINDOW_OUT_OF_RANGE", "from and to must lie between " + EARLIEST + " and " + LATEST
          + ", got from=" + from + " to=" + to);
    }
  }

  private void requireWindowOrdered() {
    if (!from.isBefore(to)) {
      throw Rejection.invalid("WINDOW_INVERTED", "from must be before to, got from=" + from + " to=" + to);
    }
  }

  private void requireWindowAtMostMax() {
    Duration length = Duration.between(from, to);
    if (length.compareTo(MAX_WINDOW) > 0) {
      throw Rejection.invalid("WINDOW_TOO_LONG",
          "the window from..to must be at most 28 days (P28D), got " + length);
    }
  }

  private void requireDepthInRange() {
    if (depth < 1 || depth > MAX_DEPTH) {
      throw Rejection.invalid("DEPTH_OUT_OF_RANGE", "depth must be between 1 and 3, got " + depth);
    }
  }

  private void requireMinOverlapInRange() {
    if (minOverlapMinutes != null && (minOverlapMinutes < 0 || minOverlapMinutes > MAX_MIN_OVERLAP_MINUTES)) {
      throw Rejection.invalid("MIN_OVERLAP_OUT_OF_RANGE",
          "minOverlapMinutes must be between 0 and 600, got " + minOverlapMinutes);
    }
  }
}
