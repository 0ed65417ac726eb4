package vn.tracegate.loadtest.driver;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * An open-model load driver: requests leave at the rate the {@link Schedule} fixes, whether or
 * not earlier ones were answered. A 1 ms timer sends everything due; latency runs from each
 * request's intended send time, so when the server (or this driver) falls behind the delay is
 * measured, not hidden. Requests in flight are capped: a request due while the cap is reached is
 * counted as "could not send" instead of queueing without bound. Everything runs on one event loop.
 */
public final class OpenLoadDriver {

  /** What one live second looked like, for a progress bar. */
  public record Snapshot(long elapsedMicros, long totalMicros, int step, int steps, double rate, long sent,
      long ok, long errors, long unsent, int inFlight, double lastSecondP99Ms, long lastSecondOk) {}

  private final Vertx vertx;
  private final HttpClient client;
  private final Schedule schedule;
  private final Shots shots;
  private final int maxInFlight;
  private final long requestTimeoutMillis;
  private final Consumer<Snapshot> progress;
  private final IntFunction<Future<Void>> beforeStep;

  private Context context;
  private Promise<OpenRun> done;
  private OpenRun run;
  private long t0;
  private long wall0;
  private long next;
  private int inFlight;
  private long pausedMicros;
  private int currentStep = -1;
  private boolean holding;
  private long ticker = -1;
  private long reporter = -1;
  private Tally live = new Tally(2);
  private Stalls stalls;

  /**
   * @param beforeStep called between measured steps once nothing is in flight; the schedule holds
   *     (its clock stopped) until the future completes, e.g. until the machine is quiet again. Null
   *     runs the steps back to back.
   */
  public OpenLoadDriver(Vertx vertx, HttpClient client, Schedule schedule, Shots shots, int maxInFlight,
      long requestTimeoutMillis, Consumer<Snapshot> progress, IntFunction<Future<Void>> beforeStep) {
    this.vertx = vertx;
    this.client = client;
    this.schedule = schedule;
    this.shots = shots;
    this.maxInFlight = maxInFlight;
    this.requestTimeoutMillis = requestTimeoutMillis;
    this.progress = progress;
    this.beforeStep = beforeStep;
  }

  /** Runs the whole schedule; completes once every request sent was answered or timed out. */
  public Future<OpenRun> run(Context on) {
    this.context = on;
    this.done = Promise.promise();
    on.runOnContext(v -> start());
    return done.future();
  }

  private void start() {
    wall0 = System.currentTimeMillis();
    t0 = System.nanoTime();
    run = new OpenRun(schedule, Instant.ofEpochMilli(wall0), t0);
    stalls = new Stalls(run.secondCount(), run::scheduleSecondAt).start();
    run.stalls(stalls);
    ticker = vertx.setPeriodic(1, id -> tick());
    reporter = vertx.setPeriodic(1000, id -> report());
  }

  private void tick() {
    if (holding) {
      return;
    }
    long due = schedule.dueBy(elapsedMicros());
    while (next < due) {
      int step = schedule.stepOf(next);
      if (step != currentStep) {
        if (beforeStep != null && currentStep >= 0 && !schedule.steps().get(currentStep).warmup()) {
          holding = true;
          run.stepEnded(currentStep, System.nanoTime());
          holdBefore(step);
          return;
        }
        startStep(step);
      }
      fire(next++);
    }
    if (next == schedule.total()) {
      vertx.cancelTimer(ticker);
      finishWhenDrained();
    }
  }

  private void startStep(int step) {
    if (currentStep >= 0 && run.stepEndNanos(currentStep) == 0) {
      run.stepEnded(currentStep, System.nanoTime());
    }
    currentStep = step;
    run.stepStarted(step, System.nanoTime());
  }

  /** Lets the last step's answers come in, asks {@link #beforeStep}, then restarts the clock at the step. */
  private void holdBefore(int step) {
    if (inFlight > 0) {
      vertx.setTimer(5, id -> holdBefore(step));
      return;
    }
    beforeStep.apply(step).onComplete(ar -> {
      pausedMicros = (System.nanoTime() - t0) / 1000 - schedule.startMicros(step);
      holding = false;
      startStep(step);
    });
  }

  private void fire(long index) {
    int step = schedule.stepOf(index);
    long intended = schedule.intendedMicros(index);
    Tally second = run.second(intended);
    Tally stepTally = run.step(step);
    if (inFlight >= maxInFlight) {
      stepTally.unsent();
      second.unsent();
      return;
    }
    Shot shot = shots.shot(index, wall0 + (intended + pausedMicros) / 1000);
    stepTally.sent();
    second.sent();
    inFlight++;
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI(shot.uri())
        .putHeader("Authorization", shot.authorization()).putHeader("Content-Type", "application/json")
        .setIdleTimeout(requestTimeoutMillis);
    client.request(options)
        .compose(req -> req.send(shot.body()))
        .compose(resp -> resp.body().map(body -> new Answer(resp.statusCode(), body)))
        .onComplete(ar -> {
          inFlight--;
          long latency = elapsedMicros() - intended;
          if (ar.succeeded() && ar.result().ok()) {
            Answer a = ar.result();
            String text = a.body().toString();
            boolean capacity = text.contains("CAPACITY_EXCEEDED");
            boolean stale = text.contains("PRESENCE_STALE");
            stepTally.ok(latency, capacity, stale);
            second.ok(latency, capacity, stale);
            live.ok(latency, false, false);
            run.completedAt(elapsedMicros());
            shots.acknowledged(shot, a.status(), a.body());
          } else {
            String key = ar.succeeded() ? Integer.toString(ar.result().status()) : failureKey(ar.cause());
            stepTally.error(key);
            second.error(key);
            live.error(key);
          }
        });
  }

  /** How a failed request is counted: "timeout" or the exception's class name. */
  public static String failureKey(Throwable t) {
    if (t instanceof TimeoutException || String.valueOf(t.getMessage()).contains("timeout")) {
      return "timeout";
    }
    return t.getClass().getSimpleName();
  }

  private void finishWhenDrained() {
    if (inFlight == 0) {
      vertx.cancelTimer(reporter);
      stalls.stop();
      report();
      run.stepEnded(currentStep, System.nanoTime());
      run.finish(elapsedMicros());
      done.complete(run);
    } else {
      vertx.setTimer(5, id -> finishWhenDrained());
    }
  }

  private void report() {
    if (holding) {
      return;
    }
    long now = elapsedMicros();
    int step = schedule.stepAt(now);
    Tally all = run.sum(true);
    progress.accept(new Snapshot(Math.min(now, schedule.durationMicros()), schedule.durationMicros(), step,
        schedule.steps().size(), schedule.steps().get(step).rate(), all.sentCount(), all.okCount(),
        all.errorCount(), all.unsentCount(), inFlight, live.millisAt(99), live.okCount()));
    live = new Tally(2);
  }

  /** Schedule time: wall time since the start less the holds between steps. */
  private long elapsedMicros() {
    return (System.nanoTime() - t0) / 1000 - pausedMicros;
  }

  /** The context the driver runs on (its HTTP client's callbacks come back here). */
  public Context context() {
    return context;
  }
}
