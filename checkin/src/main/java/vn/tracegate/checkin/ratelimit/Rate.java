package vn.tracegate.checkin.ratelimit;

/**
 * A sustained rate and a burst: a client may spend up to {@code burst} tokens at once, and gets
 * {@code perSecond} back every second.
 */
public record Rate(double perSecond, int burst) {

  public Rate {
    if (!(perSecond > 0) || perSecond > 1_000_000) {
      throw new IllegalArgumentException("perSecond must be in (0, 1000000], got " + perSecond);
    }
    if (burst < 1 || burst > 1_000_000) {
      throw new IllegalArgumentException("burst must be in [1, 1000000], got " + burst);
    }
  }
}
