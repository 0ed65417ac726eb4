package vn.tracegate.loadtest.park;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import vn.tracegate.checkin.registry.CheckpointKind;
import vn.tracegate.loadtest.park.Park.Checkpoint;
import vn.tracegate.loadtest.park.Park.Commute;
import vn.tracegate.loadtest.park.Park.Enterprise;
import vn.tracegate.loadtest.park.Park.Route;
import vn.tracegate.loadtest.park.Park.Trip;
import vn.tracegate.loadtest.park.Park.Worker;

/**
 * Builds a {@link Park} from a seed and a head count. The same seed and count give the same park
 * on every machine (ids, names, capacities, trips), so runs are comparable and a failed scan can be
 * traced back. Ids start with {@code k<seed>-}, so parks of different seeds share one keyspace.
 */
public final class ParkGenerator {

  /** Seats on a shuttle bus. */
  public static final int BUS_SEATS = 45;
  static final int WORKERS_PER_ENTERPRISE = 2_000;
  static final int WORKERS_PER_WORKSHOP = 400;
  static final int DORMITORY_BEDS = 1_600;
  private static final List<String> ROUTE_NAMES = List.of(
      "Dĩ An – KCN", "Thủ Dầu Một – KCN", "Tân Uyên – KCN", "Bến Cát – KCN", "Thuận An – KCN",
      "Biên Hòa – KCN", "Long Thành – KCN", "Thủ Đức – KCN", "Nhơn Trạch – KCN", "Bình Chánh – KCN",
      "Hóc Môn – KCN", "Củ Chi – KCN");
  private static final String[] WORKSHOP_WORDS = {"Xưởng", "Phân xưởng", "Dây chuyền"};

  private ParkGenerator() {}

  public static Park generate(long seed, int workerCount) {
    if (seed < 0) {
      throw new IllegalArgumentException("seed must be 0 or more, got " + seed);
    }
    if (workerCount < 10 || workerCount > 200_000) {
      throw new IllegalArgumentException("workers must be from 10 to 200000, got " + workerCount);
    }
    return new Builder(seed, workerCount).build();
  }

  /** One generation: mutable while the park is laid out, then frozen into records. */
  private static final class Builder {
    final long seed;
    final int workerCount;
    final String prefix;
    final SplittableRandom rnd;
    final List<Enterprise> enterprises = new ArrayList<>();
    final List<Checkpoint> checkpoints = new ArrayList<>();
    final List<List<Integer>> gates = new ArrayList<>();
    final List<List<Integer>> workshops = new ArrayList<>();
    final List<Integer> canteens = new ArrayList<>();
    final List<Integer> dormitories = new ArrayList<>();

    Builder(long seed, int workerCount) {
      this.seed = seed;
      this.workerCount = workerCount;
      this.prefix = "k" + seed + "-";
      this.rnd = new SplittableRandom(seed);
    }

    Park build() {
      int enterpriseCount = Math.max(3, Math.min(24, workerCount / WORKERS_PER_ENTERPRISE));
      int[] headCount = splitByWeight(workerCount, enterpriseCount);
      for (int e = 0; e < enterpriseCount; e++) {
        addEnterprise(e, headCount[e]);
      }
      int dormitoryCount = Math.max(1, (int) Math.ceil(workerCount * 0.35 / DORMITORY_BEDS));
      for (int d = 0; d < dormitoryCount; d++) {
        dormitories.add(add(new Checkpoint(prefix + "ktx-" + (char) ('a' + d % 26) + (d / 26 == 0 ? "" : d / 26),
            null, CheckpointKind.DORMITORY, "Ký túc xá khu " + (char) ('A' + d % 26) + (d / 26 == 0 ? "" : d / 26),
            DORMITORY_BEDS)));
      }
      int routeCount = Math.max(2, Math.min(ROUTE_NAMES.size(), workerCount / 2_500));
      List<WorkerDraft> drafts = draftWorkers(headCount, routeCount);
      sizeWorkshops(drafts);
      List<Route> routes = new ArrayList<>();
      List<Trip> trips = new ArrayList<>();
      for (int r = 0; r < routeCount; r++) {
        routes.add(new BusPlan(this, r, ROUTE_NAMES.get(r), 25 + rnd.nextInt(26)).schedule(drafts, trips));
      }
      List<Worker> workers = drafts.stream().map(WorkerDraft::freeze).toList();
      Enterprise board = new Enterprise(prefix + "bql", "Ban quản lý các KCN (" + seed + ")");
      return new Park(seed, List.copyOf(enterprises), board, List.copyOf(checkpoints), List.copyOf(routes),
          List.copyOf(trips), workers);
    }

    int add(Checkpoint c) {
      checkpoints.add(c);
      return checkpoints.size() - 1;
    }

    /** Enterprise sizes vary fourfold, like a real park's mix of big and small tenants. */
    int[] splitByWeight(int total, int parts) {
      double[] weight = new double[parts];
      double sum = 0;
      for (int i = 0; i < parts; i++) {
        weight[i] = 0.5 + rnd.nextDouble() * 1.5;
        sum += weight[i];
      }
      int[] out = new int[parts];
      int given = 0;
      for (int i = 0; i < parts; i++) {
        out[i] = i == parts - 1 ? total - given : Math.max(1, (int) Math.round(total * weight[i] / sum));
        given += out[i];
      }
      return out;
    }

    void addEnterprise(int e, int heads) {
      String brand = VietnameseNames.BRANDS.get(e % VietnameseNames.BRANDS.size())
          + (e < VietnameseNames.BRANDS.size() ? "" : " " + (e / VietnameseNames.BRANDS.size() + 1));
      String industry = VietnameseNames.pick(rnd, VietnameseNames.INDUSTRIES);
      String id = prefix + String.format("e%02d", e + 1);
      enterprises.add(new Enterprise(id, VietnameseNames.pick(rnd, VietnameseNames.FORMS) + " " + industry + " "
          + brand));
      List<Integer> g = new ArrayList<>();
      for (int i = 1; i <= (heads > 3_000 ? 2 : 1); i++) {
        g.add(add(new Checkpoint(id + "-cong" + i, id, CheckpointKind.GATE, "Cổng số " + i + " – " + brand,
            Math.max(200, heads))));
      }
      gates.add(g);
      List<Integer> w = new ArrayList<>();
      int shops = Math.max(2, (int) Math.ceil(heads / (double) WORKERS_PER_WORKSHOP));
      String word = WORKSHOP_WORDS[rnd.nextInt(WORKSHOP_WORDS.length)];
      for (int i = 1; i <= shops; i++) {
        // Capacity is set once workers are placed (sizeWorkshops).
        w.add(add(new Checkpoint(id + "-xuong" + i, id, CheckpointKind.WORKSHOP,
            word + " " + i + " – " + industry + " " + brand, 1)));
      }
      workshops.add(w);
      canteens.add(add(new Checkpoint(id + "-nhaan", id, CheckpointKind.CANTEEN, "Nhà ăn – " + brand,
          Math.max(50, roundUp(heads * 0.2, 10)))));
    }

    List<WorkerDraft> draftWorkers(int[] headCount, int routeCount) {
      List<WorkerDraft> drafts = new ArrayList<>(workerCount);
      int n = 0;
      for (int e = 0; e < headCount.length; e++) {
        for (int i = 0; i < headCount[e]; i++, n++) {
          WorkerDraft w = new WorkerDraft();
          w.id = prefix + String.format("nv%06d", n + 1);
          w.enterprise = e;
          w.fullName = VietnameseNames.fullName(rnd);
          w.phone = VietnameseNames.phone(rnd);
          int r = rnd.nextInt(100);
          w.shift = r < 50 ? Shift.DAY : r < 80 ? Shift.SWING : Shift.NIGHT;
          int c = rnd.nextInt(100);
          w.commute = c < 50 ? Commute.BUS : c < 85 ? Commute.DORMITORY : Commute.MOTORBIKE;
          w.gate = VietnameseNames.pick(rnd, gates.get(e));
          int shop = rnd.nextInt(workshops.get(e).size());
          w.workshop = workshops.get(e).get(shop);
          int team = 1 + rnd.nextInt(12);
          w.team = "X" + (shop + 1) + " – Tổ " + String.format("%02d", team);
          w.mealSlot = team % 3;
          w.canteen = canteens.get(e);
          w.dormitory = w.commute == Commute.DORMITORY ? VietnameseNames.pick(rnd, dormitories) : -1;
          w.route = w.commute == Commute.BUS ? rnd.nextInt(routeCount) : -1;
          drafts.add(w);
        }
      }
      return drafts;
    }

    /** A workshop holds its largest shift plus a tenth: capacity warnings stay rare but real. */
    void sizeWorkshops(List<WorkerDraft> drafts) {
      int[][] perShift = new int[checkpoints.size()][Shift.values().length];
      for (WorkerDraft w : drafts) {
        perShift[w.workshop][w.shift.ordinal()]++;
      }
      for (int i = 0; i < checkpoints.size(); i++) {
        Checkpoint c = checkpoints.get(i);
        if (c.kind() == CheckpointKind.WORKSHOP) {
          int most = 0;
          for (int s : perShift[i]) {
            most = Math.max(most, s);
          }
          checkpoints.set(i, new Checkpoint(c.id(), c.enterpriseId(), c.kind(), c.name(),
              Math.max(10, roundUp(most * 1.1, 10))));
        }
      }
    }

    static int roundUp(double value, int step) {
      return (int) Math.ceil(value / step) * step;
    }
  }

  /** A worker while the park is laid out; trips are filled in by {@link BusPlan}. */
  static final class WorkerDraft {
    String id;
    int enterprise;
    String fullName;
    String phone;
    String team;
    Shift shift;
    Commute commute;
    int gate;
    int workshop;
    int canteen;
    int dormitory;
    int route;
    int inboundTrip = -1;
    int outboundTrip = -1;
    int mealSlot;

    Worker freeze() {
      return new Worker(id, enterprise, fullName, phone, team, shift, commute, gate, workshop, canteen, dormitory,
          inboundTrip, outboundTrip, mealSlot);
    }
  }

  /** Buses and trips of one route: enough buses for the busiest shift change, seats filled in order. */
  private record BusPlan(Builder park, int index, String name, int rideMinutes) {

    Route schedule(List<WorkerDraft> drafts, List<Trip> trips) {
      List<List<WorkerDraft>> riders = new ArrayList<>();
      for (int s = 0; s < Shift.values().length; s++) {
        riders.add(new ArrayList<>());
      }
      for (WorkerDraft w : drafts) {
        if (w.route == index) {
          riders.get(w.shift.ordinal()).add(w);
        }
      }
      // At each change the inbound trips of the next shift and the outbound ones of the last share buses.
      int busCount = 1;
      Shift[] shifts = Shift.values();
      for (int s = 0; s < shifts.length; s++) {
        int in = tripsFor(riders.get(s).size());
        int out = tripsFor(riders.get((s + shifts.length - 1) % shifts.length).size());
        busCount = Math.max(busCount, Math.max(in, out));
      }
      List<Integer> buses = new ArrayList<>();
      for (int b = 0; b < busCount; b++) {
        String plate = String.format("61B%05d", park.rnd.nextInt(100_000));
        buses.add(park.add(new Checkpoint(park.prefix + "xe-t" + (index + 1) + "-" + (b + 1), null,
            CheckpointKind.BUS, "Xe đưa đón " + plate.substring(0, 3) + "-"
                + plate.substring(3, 6) + "." + plate.substring(6) + " tuyến " + name, BUS_SEATS)));
      }
      for (Shift shift : shifts) {
        List<WorkerDraft> group = riders.get(shift.ordinal());
        for (int t = 0; t * BUS_SEATS < group.size(); t++) {
          int bus = buses.get(t % busCount);
          // Inbound buses reach the gate 15-30 min before the shift; outbound leave 15 min after it.
          int inbound = Math.floorMod(shift.startSecond() - (rideMinutes + 15 + 3 * t % 16) * 60, 86_400);
          int outbound = Math.floorMod(shift.endSecond() + (15 + 3 * t % 16) * 60, 86_400);
          trips.add(new Trip(index, bus, shift, true, inbound));
          int in = trips.size() - 1;
          trips.add(new Trip(index, bus, shift, false, outbound));
          int out = trips.size() - 1;
          for (WorkerDraft w : group.subList(t * BUS_SEATS, Math.min(group.size(), (t + 1) * BUS_SEATS))) {
            w.inboundTrip = in;
            w.outboundTrip = out;
          }
        }
      }
      return new Route(name, rideMinutes, List.copyOf(buses));
    }

    static int tripsFor(int riders) {
      return (riders + BUS_SEATS - 1) / BUS_SEATS;
    }
  }
}
