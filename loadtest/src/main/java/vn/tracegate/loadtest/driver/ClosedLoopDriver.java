package vn.tracegate.loadtest.driver;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * A closed-loop saturation test: {@code concurrency} requests always in flight, each answer
 * triggering the next, for a fixed time. It finds the most a server answers per second with
 * that many connections busy; latency here is per request, not from an intended time, so it is
 * used only for ceilings, never for latency targets.
 */
public final class ClosedLoopDriver {

  /** Answers per second with the latency of the answers, after the warm-up. */
  public record Result(int concurrency, double seconds, Tally tally) {
    public double throughput() {
      return tally.okCount() / seconds;
    }
  }

  private final HttpClient client;
  private final Shots shots;
  private final int concurrency;

  public ClosedLoopDriver(HttpClient client, Shots shots, int concurrency) {
    this.client = client;
    this.shots = shots;
    this.concurrency = concurrency;
  }

  public Future<Result> run(Context on, double warmupSeconds, double seconds) {
    Promise<Result> done = Promise.promise();
    on.runOnContext(v -> new Loop(warmupSeconds, seconds, done).start());
    return done.future();
  }

  private final class Loop {
    final long start = System.nanoTime();
    final long measureFrom;
    final long end;
    final Promise<Result> done;
    final Tally tally = new Tally(3);
    long index;
    int lanes;

    Loop(double warmupSeconds, double seconds, Promise<Result> done) {
      this.measureFrom = start + (long) (warmupSeconds * 1e9);
      this.end = measureFrom + (long) (seconds * 1e9);
      this.done = done;
    }

    void start() {
      lanes = concurrency;
      for (int i = 0; i < concurrency; i++) {
        send();
      }
    }

    void send() {
      long sentAt = System.nanoTime();
      if (sentAt >= end) {
        if (--lanes == 0) {
          done.complete(new Result(concurrency, (end - measureFrom) / 1e9, tally));
        }
        return;
      }
      Shot shot = shots.shot(index++, System.currentTimeMillis());
      boolean measured = sentAt >= measureFrom;
      if (measured) {
        tally.sent();
      }
      client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI(shot.uri())
              .putHeader("Authorization", shot.authorization()).putHeader("Content-Type", "application/json")
              .setIdleTimeout(10_000))
          .compose(req -> req.send(shot.body()))
          .compose(resp -> resp.body().map(body -> new Answer(resp.statusCode(), body)))
          .onComplete(ar -> {
            long now = System.nanoTime();
            if (measured && now <= end) {
              if (ar.succeeded() && ar.result().ok()) {
                tally.ok((now - sentAt) / 1000, false, false);
              } else {
                tally.error(ar.succeeded() ? Integer.toString(ar.result().status())
                    : OpenLoadDriver.failureKey(ar.cause()));
              }
            }
            if (ar.succeeded() && ar.result().ok()) {
              shots.acknowledged(shot, ar.result().status(), ar.result().body());
            }
            send();
          });
    }
  }
}
