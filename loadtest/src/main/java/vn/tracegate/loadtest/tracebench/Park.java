package vn.tracegate.loadtest.tracebench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import vn.tracegate.checkin.registry.CheckpointKind;

/**
 * A generated industrial park: enterprises, their gates, production halls and canteens, the
 * park's shuttle buses and dormitory blocks, and where each worker works, eats, rides and sleeps.
 * Deterministic from (seed, workers). Assumptions, chosen to look like a Vietnamese KCN:
 * <ul>
 *   <li>20 enterprises of uneven size (the biggest ~7x the smallest); enterprises of 3,000+
 *       workers run three shifts (50/30/20 %), of 1,500+ two (65/35 %), smaller ones day only.</li>
 *   <li>A shift's workers form crews of 100–300 in one production hall (a hall is big: the
 *       20-person room limit is for rooms, not halls); crew k of every shift works in hall k,
 *       so crews hand over in the hall at shift change.</li>
 *   <li>One canteen per 2,000 workers of an enterprise; each crew eats in one of four
 *       30-minute slots mid-shift.</li>
 *   <li>15 % live in park dormitory blocks of 40 (mostly colleagues); 35 % of the others ride
 *       a park shuttle (45 seats) on one of 8 routes, mixing enterprises; the rest come by
 *       motorbike. A bus carries one group of each shift, both ways.</li>
 *   <li>One rest day a week per worker, plus 3 % of days off at random.</li>
 * </ul>
 */
final class Park {

  static final int ENTERPRISES = 20;
  static final int BUS_SEATS = 45;
  static final int DORM_BLOCK = 40;
  static final int ROUTES = 8;
  static final int MEAL_SLOTS = 4;
  static final double DORM_SHARE = 0.15;
  static final double BUS_SHARE = 0.35;
  static final int NO = -1;

  final long seed;
  final int workers;
  /** Checkpoint ids and kinds, by index. */
  final List<String> checkpointIds = new ArrayList<>();
  final List<CheckpointKind> checkpointKinds = new ArrayList<>();
  final int[] enterprise;
  final Shift[] shift;
  final int[] gate;
  final int[] hall;
  final int[] canteen;
  final byte[] mealSlot;
  final int[] bus;
  final byte[] busStop;
  final int[] dorm;
  final byte[] restDay;

  Park(long seed, int workers) {
    this.seed = seed;
    this.workers = workers;
    enterprise = new int[workers];
    shift = new Shift[workers];
    gate = new int[workers];
    hall = new int[workers];
    canteen = new int[workers];
    mealSlot = new byte[workers];
    bus = filled(workers);
    busStop = new byte[workers];
    dorm = filled(workers);
    restDay = new byte[workers];
    Random random = new Random(seed);
    int first = 0;
    int[] sizes = enterpriseSizes(workers);
    for (int e = 0; e < ENTERPRISES; e++) {
      planEnterprise(random, e, first, sizes[e]);
      first += sizes[e];
    }
    planDormitories(random);
    planBuses(random);
  }

  static String workerId(int w) {
    return String.format("w%06d", w);
  }

  int checkpoints() {
    return checkpointIds.size();
  }

  /** Sizes proportional to 1/(e+1)^0.8, summing to {@code workers}. */
  private static int[] enterpriseSizes(int workers) {
    double[] weight = new double[ENTERPRISES];
    double total = 0;
    for (int e = 0; e < ENTERPRISES; e++) {
      weight[e] = 1 / Math.pow(e + 1, 0.8);
      total += weight[e];
    }
    int[] sizes = new int[ENTERPRISES];
    int given = 0;
    for (int e = 0; e < ENTERPRISES; e++) {
      sizes[e] = e == ENTERPRISES - 1 ? workers - given : (int) Math.round(workers * weight[e] / total);
      given += sizes[e];
    }
    return sizes;
  }

  private void planEnterprise(Random random, int e, int first, int size) {
    String prefix = String.format("e%02d", e + 1);
    double[] split = size >= 3000 ? new double[] {0.5, 0.3, 0.2}
        : size >= 1500 ? new double[] {0.65, 0.35} : new double[] {1.0};
    int gateIndex = add(prefix + "-gate", CheckpointKind.GATE);
    int canteens = Math.max(1, Math.round(size / 2000f));
    int firstCanteen = checkpoints();
    for (int c = 0; c < canteens; c++) {
      add(prefix + "-canteen-" + (c + 1), CheckpointKind.CANTEEN);
    }
    List<Integer> halls = new ArrayList<>();
    int w = first;
    int crewSerial = 0;
    for (int s = 0; s < split.length; s++) {
      int end = s == split.length - 1 ? first + size : w + (int) Math.round(size * split[s]);
      int crew = 0;
      while (w < end) {
        int crewSize = Math.min(end - w, 100 + random.nextInt(201));
        if (crew == halls.size()) {
          halls.add(add(prefix + "-hall-" + (crew + 1), CheckpointKind.WORKSHOP));
        }
        int slot = random.nextInt(MEAL_SLOTS);
        int cantine = firstCanteen + (crewSerial++ % canteens);
        for (int i = w; i < w + crewSize; i++) {
          enterprise[i] = e;
          shift[i] = Shift.values()[s];
          gate[i] = gateIndex;
          hall[i] = halls.get(crew);
          canteen[i] = cantine;
          mealSlot[i] = (byte) slot;
          restDay[i] = (byte) random.nextInt(7);
        }
        w += crewSize;
        crew++;
      }
    }
  }

  /** Dormitory residents: a random 15 %, housed in worker order, so a block is mostly colleagues. */
  private void planDormitories(Random random) {
    int resident = 0;
    for (int w = 0; w < workers; w++) {
      if (random.nextDouble() < DORM_SHARE) {
        if (resident % DORM_BLOCK == 0) {
          add(String.format("dorm-%03d", resident / DORM_BLOCK + 1), CheckpointKind.DORMITORY);
        }
        dorm[w] = checkpoints() - 1;
        resident++;
      }
    }
  }

  /** Riders by (shift, route), shuffled, 45 to a bus; bus k of a shift is vehicle k. */
  private void planBuses(Random random) {
    List<List<Integer>> riders = new ArrayList<>();
    for (int i = 0; i < Shift.values().length * ROUTES; i++) {
      riders.add(new ArrayList<>());
    }
    for (int w = 0; w < workers; w++) {
      if (dorm[w] == NO && random.nextDouble() < BUS_SHARE) {
        riders.get(shift[w].ordinal() * ROUTES + random.nextInt(ROUTES)).add(w);
      }
    }
    List<Integer> vehicles = new ArrayList<>();
    int[] nextVehicle = new int[Shift.values().length];
    for (int group = 0; group < riders.size(); group++) {
      List<Integer> list = riders.get(group);
      java.util.Collections.shuffle(list, random);
      int s = group / ROUTES;
      for (int i = 0; i < list.size(); i += BUS_SEATS) {
        int k = nextVehicle[s]++;
        if (k == vehicles.size()) {
          vehicles.add(add(String.format("bus-%03d", k + 1), CheckpointKind.BUS));
        }
        for (int j = i; j < Math.min(list.size(), i + BUS_SEATS); j++) {
          bus[list.get(j)] = vehicles.get(k);
          busStop[list.get(j)] = (byte) random.nextInt(5);
        }
      }
    }
  }

  private int add(String id, CheckpointKind kind) {
    checkpointIds.add(id);
    checkpointKinds.add(kind);
    return checkpointIds.size() - 1;
  }

  private static int[] filled(int n) {
    int[] a = new int[n];
    java.util.Arrays.fill(a, NO);
    return a;
  }

  /** Work shifts in local time (UTC+7): day 06–14, swing 14–22, night 22–06. */
  enum Shift {
    DAY(6), SWING(14), NIGHT(22);

    final int startHour;

    Shift(int startHour) {
      this.startHour = startHour;
    }
  }
}
