package vn.tracegate.loadtest.park;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import vn.tracegate.checkin.visits.ScanAction;
import vn.tracegate.loadtest.park.Park.Commute;
import vn.tracegate.loadtest.park.Park.Trip;
import vn.tracegate.loadtest.park.Park.Worker;

/**
 * A day of scans in a {@link Park}, following the shifts: each worker boards a shuttle bus or
 * leaves the dormitory, passes the gate, enters the workshop, eats in the canteen in the team's
 * slot, leaves the workshop and the gate, and rides home. About nine scans a worker a day, ordered
 * by local time of day; the night shift wraps past midnight. Deterministic from the park's seed.
 */
public final class DayTimeline {

  /** One scan in the timeline: indexes into the park's workers and checkpoints. */
  public record ScanEvent(int worker, int checkpoint, ScanAction action, int secondOfDay) {}

  private static final int DAY = 86_400;
  private static final int MINUTE = 60;

  private final List<ScanEvent> events;

  private DayTimeline(List<ScanEvent> events) {
    this.events = events;
  }

  public static DayTimeline of(Park park) {
    SplittableRandom rnd = new SplittableRandom(park.seed() * 31 + 7);
    List<ScanEvent> events = new ArrayList<>(park.workers().size() * 10);
    for (int i = 0; i < park.workers().size(); i++) {
      addDay(park, i, rnd, events);
    }
    events.sort(Comparator.comparingInt(ScanEvent::secondOfDay).thenComparingInt(ScanEvent::worker));
    return new DayTimeline(List.copyOf(events));
  }

  /** Every scan of the day, earliest first. */
  public List<ScanEvent> events() {
    return events;
  }

  /** The scans in [from, to) seconds after local midnight; a window may wrap past midnight. */
  public List<ScanEvent> window(int fromSecond, int toSecond) {
    List<ScanEvent> out = new ArrayList<>();
    for (ScanEvent e : events) {
      boolean inside = fromSecond <= toSecond
          ? e.secondOfDay() >= fromSecond && e.secondOfDay() < toSecond
          : e.secondOfDay() >= fromSecond || e.secondOfDay() < toSecond;
      if (inside) {
        out.add(e);
      }
    }
    return out;
  }

  private static void addDay(Park park, int index, SplittableRandom rnd, List<ScanEvent> out) {
    Worker w = park.workers().get(index);
    Day day = new Day(index, out);
    int start = w.shift().startSecond();
    int end = w.shift().endSecond();
    int gateIn;
    switch (w.commute()) {
      case BUS -> {
        Trip trip = park.trips().get(w.inboundTrip());
        int arrive = ride(park, trip, w, rnd, day);
        gateIn = arrive + between(rnd, 1, 5) * MINUTE;
      }
      case DORMITORY -> {
        int leave = start - between(rnd, 20, 45) * MINUTE;
        day.scan(w.dormitory(), ScanAction.OUT, leave);
        gateIn = leave + between(rnd, 5, 15) * MINUTE;
      }
      default -> gateIn = start - between(rnd, 5, 25) * MINUTE;
    }
    day.scan(w.gate(), ScanAction.IN, gateIn);
    day.scan(w.workshop(), ScanAction.IN, gateIn + between(rnd, 120, 360));
    int meal = start + 4 * 3600 + w.mealSlot() * 30 * MINUTE + between(rnd, -120, 120);
    int mealEnd = meal + between(rnd, 20, 30) * MINUTE;
    day.scan(w.canteen(), ScanAction.IN, meal);
    day.scan(w.canteen(), ScanAction.OUT, mealEnd);
    day.scan(w.workshop(), ScanAction.IN, mealEnd + between(rnd, 60, 240));
    int leaveShop = end + between(rnd, 0, 300);
    day.scan(w.workshop(), ScanAction.OUT, leaveShop);
    int gateOut = leaveShop + between(rnd, 180, 480);
    day.scan(w.gate(), ScanAction.OUT, gateOut);
    if (w.commute() == Commute.BUS) {
      ride(park, park.trips().get(w.outboundTrip()), w, rnd, day);
    } else if (w.commute() == Commute.DORMITORY) {
      day.scan(w.dormitory(), ScanAction.IN, gateOut + between(rnd, 10, 20) * MINUTE);
    }
  }

  /** Boards in the three minutes before departure, gets off on arrival; returns the arrival. */
  private static int ride(Park park, Trip trip, Worker w, SplittableRandom rnd, Day day) {
    int depart = trip.departSecond();
    if (!trip.inbound() && depart < w.shift().startSecond()) {
      depart += DAY; // the night shift goes home the next morning
    }
    day.scan(trip.bus(), ScanAction.IN, depart - between(rnd, 0, 180));
    int arrive = depart + park.routes().get(trip.route()).rideMinutes() * MINUTE + between(rnd, 0, 120);
    day.scan(trip.bus(), ScanAction.OUT, arrive);
    return arrive;
  }

  private static int between(SplittableRandom rnd, int from, int to) {
    return from + rnd.nextInt(to - from + 1);
  }

  /** Collects one worker's scans, folding times onto the 24-hour clock. */
  private record Day(int worker, List<ScanEvent> out) {
    void scan(int checkpoint, ScanAction action, int second) {
      out.add(new ScanEvent(worker, checkpoint, action, Math.floorMod(second, DAY)));
    }
  }
}
