package vn.tracegate.loadtest.park;

import io.vertx.core.json.JsonObject;
import java.util.List;
import vn.tracegate.checkin.registry.CheckpointKind;

/**
 * A synthetic industrial park, fully determined by its seed: enterprises, their gates, workshops
 * and canteens, park-shared dormitories and shuttle buses, bus routes with timed trips, and the
 * workers with their shift, workshop, meal slot and way home. Cross-references are list indexes.
 *
 * @param board the park management board (Ban quản lý): owns the scanners of shared checkpoints
 */
public record Park(
    long seed,
    List<Enterprise> enterprises,
    Enterprise board,
    List<Checkpoint> checkpoints,
    List<Route> routes,
    List<Trip> trips,
    List<Worker> workers) {

  /** A company in the park. */
  public record Enterprise(String id, String name) {}

  /** A place with a scanner; {@code enterpriseId} null for a park-shared one (bus, dormitory). */
  public record Checkpoint(String id, String enterpriseId, CheckpointKind kind, String name, int capacity) {}

  /** A shuttle bus line between a residential area and the park, served by its own buses. */
  public record Route(String name, int rideMinutes, List<Integer> buses) {}

  /** One run of a bus: inbound brings a shift in, outbound takes the previous one home. */
  public record Trip(int route, int bus, Shift shift, boolean inbound, int departSecond) {}

  /** How a worker gets to and from the park. */
  public enum Commute { BUS, DORMITORY, MOTORBIKE }

  /**
   * A worker of one enterprise.
   *
   * @param dormitory checkpoint index, or -1
   * @param inboundTrip trip index, or -1 unless commuting by bus
   * @param mealSlot 0, 1 or 2: teams eat in three staggered half-hours
   */
  public record Worker(String id, int enterprise, String fullName, String phone, String team, Shift shift,
      Commute commute, int gate, int workshop, int canteen, int dormitory, int inboundTrip, int outboundTrip,
      int mealSlot) {}

  /** Head counts for the report: enterprises, checkpoints by kind, routes, trips, workers by shift and commute. */
  public JsonObject summary() {
    var kinds = new JsonObject();
    for (CheckpointKind k : CheckpointKind.values()) {
      if (count(k) > 0) {
        kinds.put(k.name(), count(k));
      }
    }
    var shifts = new JsonObject();
    for (Shift s : Shift.values()) {
      shifts.put(s.name(), workers.stream().filter(w -> w.shift() == s).count());
    }
    var commutes = new JsonObject();
    for (Commute c : Commute.values()) {
      commutes.put(c.name(), workers.stream().filter(w -> w.commute() == c).count());
    }
    return new JsonObject().put("seed", seed).put("enterprises", enterprises.size())
        .put("checkpoints", kinds).put("busRoutes", routes.size()).put("busTrips", trips.size())
        .put("workers", workers.size()).put("workersByShift", shifts).put("workersByCommute", commutes);
  }

  /** How many checkpoints of a kind. */
  public long count(CheckpointKind kind) {
    return checkpoints.stream().filter(c -> c.kind() == kind).count();
  }
}
