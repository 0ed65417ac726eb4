package vn.tracegate.loadtest.park;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import vn.tracegate.loadtest.park.Park.Checkpoint;
import vn.tracegate.loadtest.park.Park.Enterprise;
import vn.tracegate.loadtest.park.Park.Worker;

/**
 * Registers a {@link Park} through the public API, as an operator would: enterprises, checkpoints,
 * the roster as CSV imports, one scanner per checkpoint, then every worker's badge. Enterprises
 * and checkpoints already registered by an earlier run of the same seed are kept (409); scanners
 * are new each run ({@code runTag} in their id) because an API key is shown only once.
 */
public final class ParkSeeder {

  static final int CSV_LINES_PER_IMPORT = 10_000;
  private static final int REGISTRY_LANES = 16;
  private static final int BADGE_LANES = 48;

  private final AdminApi api;
  private final Consumer<String> log;

  public ParkSeeder(AdminApi api, Consumer<String> log) {
    this.api = api;
    this.log = log;
  }

  public Future<SeededPark> seed(Park park, String runTag) {
    long start = System.nanoTime();
    List<Enterprise> enterprises = new ArrayList<>(park.enterprises());
    enterprises.add(park.board());
    return inLanes(enterprises.size(), REGISTRY_LANES, i -> api.create("/v1/enterprises",
            new JsonObject().put("id", enterprises.get(i).id()).put("name", enterprises.get(i).name())))
        .compose(x -> inLanes(park.checkpoints().size(), REGISTRY_LANES, i -> api.create("/v1/checkpoints",
            checkpointJson(park.checkpoints().get(i)))))
        .compose(x -> {
          log.accept(park.enterprises().size() + " enterprises and " + park.checkpoints().size()
              + " checkpoints registered; importing " + park.workers().size() + " workers");
          return importRoster(park, 0);
        })
        .compose(x -> inLanes(park.checkpoints().size(), REGISTRY_LANES, i -> createDevice(park, i, runTag)))
        .compose(keys -> {
          log.accept(keys.size() + " scanners registered; fetching " + park.workers().size() + " badges");
          return inLanes(park.workers().size(), BADGE_LANES,
                  i -> api.get("/v1/workers/" + park.workers().get(i).id() + "/badge.json"))
              .map(badges -> {
                Instant validUntil = badges.stream().map(b -> Instant.parse(b.getString("validUntil")))
                    .min(Instant::compareTo).orElseThrow();
                return new SeededPark(park, keys, badges.stream().map(b -> b.getString("payload")).toList(),
                    validUntil, Math.round((System.nanoTime() - start) / 1e7) / 100.0);
              });
        });
  }

  private Future<Void> importRoster(Park park, int from) {
    if (from >= park.workers().size()) {
      return Future.succeededFuture();
    }
    int to = Math.min(park.workers().size(), from + CSV_LINES_PER_IMPORT);
    return api.importCsv(rosterCsv(park, park.workers().subList(from, to))).compose(report -> {
      if (report.getInteger("failed", 0) > 0) {
        return Future.failedFuture(new IllegalStateException("the roster import refused "
            + report.getInteger("failed") + " lines, e.g. " + report.getJsonArray("errors", new JsonArray())
            .stream().limit(3).toList()));
      }
      return importRoster(park, to);
    });
  }

  /** The HR roster: the CSV columns the import takes, UTF-8, header first. */
  static String rosterCsv(Park park, List<Worker> workers) {
    StringBuilder csv = new StringBuilder("id,enterpriseId,fullName,phone,team\n");
    for (Worker w : workers) {
      csv.append(w.id()).append(',').append(park.enterprises().get(w.enterprise()).id()).append(',')
          .append(w.fullName()).append(',').append(w.phone()).append(',').append(w.team()).append('\n');
    }
    return csv.toString();
  }

  private static JsonObject checkpointJson(Checkpoint c) {
    JsonObject body = new JsonObject().put("id", c.id()).put("kind", c.kind().name()).put("name", c.name())
        .put("capacity", c.capacity());
    if (c.enterpriseId() != null) {
      body.put("enterpriseId", c.enterpriseId());
    }
    return body;
  }

  /** The scanner at checkpoint {@code i}; the board owns those at shared buses and dormitories. */
  private Future<String> createDevice(Park park, int i, String runTag) {
    Checkpoint c = park.checkpoints().get(i);
    String owner = c.enterpriseId() != null ? c.enterpriseId() : park.board().id();
    return api.create("/v1/devices", new JsonObject().put("id", c.id() + "-may" + runTag)
            .put("enterpriseId", owner).put("checkpointIds", new JsonArray().add(c.id())))
        .map(created -> {
          if (created == null) {
            throw new IllegalStateException("scanner " + c.id() + "-may" + runTag + " already exists: use a new run tag");
          }
          return created.getString("apiKey");
        });
  }

  /** Runs {@code task} for 0..count-1 with at most {@code lanes} at once; results in index order. */
  static <T> Future<List<T>> inLanes(int count, int lanes, IntFunction<Future<T>> task) {
    Promise<List<T>> done = Promise.promise();
    Object[] results = new Object[count];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger running = new AtomicInteger(Math.min(lanes, count));
    if (count == 0) {
      return Future.succeededFuture(List.of());
    }
    for (int lane = 0; lane < Math.min(lanes, count); lane++) {
      lane(next, running, results, task, done);
    }
    return done.future();
  }

  @SuppressWarnings("unchecked")
  private static <T> void lane(AtomicInteger next, AtomicInteger running, Object[] results,
      IntFunction<Future<T>> task, Promise<List<T>> done) {
    int i = next.getAndIncrement();
    if (i >= results.length) {
      if (running.decrementAndGet() == 0) {
        done.tryComplete((List<T>) Arrays.asList(results));
      }
      return;
    }
    task.apply(i).onComplete(ar -> {
      if (ar.failed()) {
        done.tryFail(ar.cause());
        return;
      }
      results[i] = ar.result();
      lane(next, running, results, task, done);
    });
  }
}
