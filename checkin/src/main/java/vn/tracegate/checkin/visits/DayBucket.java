package vn.tracegate.checkin.visits;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The visit log's day partitions. A day is a UTC calendar day, decided once here: every writer
 * and reader of {@code visits_by_*} goes through this class. A window in local time (UTC+7) or
 * a night shift simply touches two buckets, and readers read every bucket the window touches.
 */
public final class DayBucket {

  private DayBucket() {}

  public static LocalDate of(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }

  /** Every bucket that [from, to] touches, oldest first. */
  public static List<LocalDate> covering(Instant from, Instant to) {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = of(from), last = of(to); !d.isAfter(last); d = d.plusDays(1)) {
      days.add(d);
    }
    return days;
  }
}
