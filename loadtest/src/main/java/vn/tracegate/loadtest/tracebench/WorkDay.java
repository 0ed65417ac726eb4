package vn.tracegate.loadtest.tracebench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import vn.tracegate.checkin.registry.CheckpointKind;
import vn.tracegate.checkin.visits.ScanAction;
import vn.tracegate.checkin.visits.Visit;

/**
 * The scans of one worker for the shift that starts on one local day, a pure function of
 * (park, worker, day): the loader generates each day twice (once per visit table) and must get
 * the same scan ids. A working day is, with a few minutes of jitter on every scan:
 * bus IN at the worker's stop and OUT at the park (riders), or dormitory OUT (residents);
 * gate IN ~15 min before the shift; hall IN; canteen IN/OUT in the crew's meal slot; hall IN;
 * hall OUT at the end of the shift; gate OUT; bus IN at the park and OUT at the stop, or
 * dormitory IN. 1 % of scans are missed (no OUT, no IN), as happens at real doors.
 */
final class WorkDay {

  /** Vietnam does not observe daylight saving: UTC+7 all year. */
  static final ZoneOffset LOCAL = ZoneOffset.ofHours(7);
  private static final double MISSED = 0.01;
  private static final double DAY_OFF = 0.03;

  private final Park park;

  WorkDay(Park park) {
    this.park = park;
  }

  /** The scans of {@code worker} for the shift starting on {@code day} (local), appended to {@code out}. */
  void scans(int worker, LocalDate day, List<Visit> out) {
    SplittableRandom r = new SplittableRandom(park.seed * 0x9E3779B97F4A7C15L + worker * 1_000_003L + day.toEpochDay());
    if (day.getDayOfWeek().getValue() % 7 == park.restDay[worker] || r.nextDouble() < DAY_OFF) {
      return;
    }
    Scanner s = new Scanner(worker, r, out);
    Instant start = day.atTime(park.shift[worker].startHour, 0).toInstant(LOCAL);
    Instant end = start.plusSeconds(8 * 3600);
    Instant gateIn;
    if (park.bus[worker] != Park.NO) {
      Instant boarded = start.minusSeconds(75 * 60 + jitter(r, 60) - park.busStop[worker] * 6 * 60L);
      s.scan(park.bus[worker], ScanAction.IN, boarded);
      Instant arrived = start.minusSeconds(25 * 60 - jitter(r, 60));
      s.scan(park.bus[worker], ScanAction.OUT, arrived);
      gateIn = arrived.plusSeconds(120 + jitter(r, 360));
    } else if (park.dorm[worker] != Park.NO) {
      Instant left = start.minusSeconds(20 * 60 + jitter(r, 15 * 60));
      s.scan(park.dorm[worker], ScanAction.OUT, left);
      gateIn = left.plusSeconds(5 * 60 + jitter(r, 7 * 60));
    } else {
      gateIn = start.minusSeconds(8 * 60 + jitter(r, 20 * 60));
    }
    s.scan(park.gate[worker], ScanAction.IN, gateIn);
    s.scan(park.hall[worker], ScanAction.IN, gateIn.plusSeconds(60 + jitter(r, 240)));
    Instant slot = start.plusSeconds(3 * 3600 + 1800 + park.mealSlot[worker] * 1800L);
    Instant ate = slot.plusSeconds(jitter(r, 8 * 60));
    s.scan(park.canteen[worker], ScanAction.IN, ate);
    Instant fed = slot.plusSeconds(20 * 60 + jitter(r, 12 * 60));
    s.scan(park.canteen[worker], ScanAction.OUT, fed);
    s.scan(park.hall[worker], ScanAction.IN, fed.plusSeconds(120 + jitter(r, 180)));
    Instant done = end.plusSeconds(jitter(r, 8 * 60));
    s.scan(park.hall[worker], ScanAction.OUT, done);
    Instant gateOut = done.plusSeconds(120 + jitter(r, 240));
    s.scan(park.gate[worker], ScanAction.OUT, gateOut);
    if (park.bus[worker] != Park.NO) {
      s.scan(park.bus[worker], ScanAction.IN, gateOut.plusSeconds(60 + jitter(r, 180)));
      s.scan(park.bus[worker], ScanAction.OUT, end.plusSeconds(30 * 60 + park.busStop[worker] * 7 * 60L + jitter(r, 60)));
    } else if (park.dorm[worker] != Park.NO) {
      s.scan(park.dorm[worker], ScanAction.IN, gateOut.plusSeconds(8 * 60 + jitter(r, 32 * 60)));
    }
  }

  private static long jitter(SplittableRandom r, int seconds) {
    return r.nextInt(seconds + 1);
  }

  /** Appends scans with ids from the worker's day, so regenerating gives the same ids. */
  private final class Scanner {
    final int worker;
    final SplittableRandom random;
    final List<Visit> out;

    Scanner(int worker, SplittableRandom random, List<Visit> out) {
      this.worker = worker;
      this.random = random;
      this.out = out;
    }

    void scan(int checkpoint, ScanAction action, Instant at) {
      UUID id = new UUID(random.nextLong(), random.nextLong());
      boolean missed = random.nextDouble() < MISSED;
      long hash = random.nextLong();
      if (missed) {
        return;
      }
      String cp = park.checkpointIds.get(checkpoint);
      CheckpointKind kind = park.checkpointKinds.get(checkpoint);
      out.add(new Visit(id, Park.workerId(worker), cp, kind, action, at, at.plusMillis(200 + (hash & 1023)),
          "dev-" + cp, HexFormat.of().toHexDigits(hash) + HexFormat.of().toHexDigits(id.getLeastSignificantBits())));
    }
  }

  /** Every scan of the park's local days [first, last], at or after {@code from} and before {@code to}. */
  List<Visit> all(int worker, LocalDate first, LocalDate last, Instant from, Instant to) {
    List<Visit> raw = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      scans(worker, d, raw);
    }
    raw.removeIf(v -> v.at().isBefore(from) || !v.at().isBefore(to));
    return raw;
  }
}
