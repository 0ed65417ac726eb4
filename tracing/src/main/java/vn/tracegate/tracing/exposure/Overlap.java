package vn.tracegate.tracing.exposure;

import java.time.Duration;
import java.time.Instant;
import vn.tracegate.tracing.stays.Stay;

/**
 * The time two stays at one checkpoint share: [start, end), with {@code source} the stay that
 * exposes and {@code target} the one exposed.
 */
public record Overlap(Stay source, Stay target, Instant start, Instant end) {

  /** The shared part of two stays, or null when they are at different checkpoints or share nothing. */
  public static Overlap between(Stay source, Stay target) {
    if (!source.checkpointId().equals(target.checkpointId())) {
      return null;
    }
    Instant start = source.from().isAfter(target.from()) ? source.from() : target.from();
    Instant end = source.to().isBefore(target.to()) ? source.to() : target.to();
    return start.isBefore(end) ? new Overlap(source, target, start, end) : null;
  }

  public Duration length() {
    return Duration.between(start, end);
  }

  /** Whole minutes, rounded up so that a short bus contact never reads as 0. */
  public long minutes() {
    return (length().toMillis() + 59_999) / 60_000;
  }

  /** Whether this overlap exposes under the policy. */
  public boolean qualifies(ExposurePolicy policy) {
    return policy.qualifies(target.kind(), length());
  }
}
