package vn.tracegate.loadtest.tracebench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The time a generated park covers: scans at or after {@code from} and before {@code to}, from
 * the shifts that start on local days {@link #firstShiftDay()} to {@link #lastShiftDay()}
 * (the day before {@code from} too, whose night shift runs into it).
 */
record ParkSpan(Instant from, Instant to) {

  /** {@code days} days ending at the current hour. */
  static ParkSpan endingNow(int days) {
    Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS);
    return new ParkSpan(to.minus(Duration.ofDays(days)), to);
  }

  LocalDate firstShiftDay() {
    return LocalDate.ofInstant(from, WorkDay.LOCAL).minusDays(1);
  }

  LocalDate lastShiftDay() {
    return LocalDate.ofInstant(to, WorkDay.LOCAL);
  }

  int shiftDays() {
    return (int) ChronoUnit.DAYS.between(firstShiftDay(), lastShiftDay()) + 1;
  }
}
