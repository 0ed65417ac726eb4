package vn.tracegate.loadtest.park;

/**
 * The three eight-hour shifts (ca) of a park, in local time (UTC+7). Changes at 06:00, 14:00 and
 * 22:00 are the peaks: one shift streams out through gates and onto buses while the next streams in.
 */
public enum Shift {
  DAY("ca ngày", 6),
  SWING("ca chiều", 14),
  NIGHT("ca đêm", 22);

  /** A shift's length. */
  public static final int LENGTH_SECONDS = 8 * 3600;

  private final String label;
  private final int startHour;

  Shift(String label, int startHour) {
    this.label = label;
    this.startHour = startHour;
  }

  public String label() {
    return label;
  }

  /** Start as seconds after local midnight. */
  public int startSecond() {
    return startHour * 3600;
  }

  /** End as seconds after local midnight, possibly past 86,400 (the night shift ends next morning). */
  public int endSecond() {
    return startSecond() + LENGTH_SECONDS;
  }
}
