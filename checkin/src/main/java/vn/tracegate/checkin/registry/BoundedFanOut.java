package vn.tracegate.checkin.registry;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Runs one asynchronous task per item with at most {@code limit} in flight, so a roster import of
 * 50,000 workers keeps the store busy without queueing 50,000 requests in the driver. Results come
 * back in item order; the first failure fails the whole and starts nothing more. Tasks that
 * complete at once do not deepen the stack (the loop is a trampoline).
 */
final class BoundedFanOut<T, R> {

  private final List<T> items;
  private final int limit;
  private final Function<? super T, Future<R>> task;
  private final List<R> results;
  private final Promise<List<R>> done = Promise.promise();
  private int next;
  private int inFlight;
  private int finished;
  private boolean failed;
  private boolean pumping;
  private boolean again;

  private BoundedFanOut(List<T> items, int limit, Function<? super T, Future<R>> task) {
    this.items = items;
    this.limit = limit;
    this.task = task;
    this.results = new ArrayList<>(Collections.nCopies(items.size(), null));
  }

  /** Applies {@code task} to every item, at most {@code limit} at once. */
  static <T, R> Future<List<R>> map(List<T> items, int limit, Function<? super T, Future<R>> task) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1");
    }
    if (items.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    BoundedFanOut<T, R> run = new BoundedFanOut<>(List.copyOf(items), limit, task);
    run.pump();
    return run.done.future();
  }

  private synchronized void pump() {
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        while (!failed && inFlight < limit && next < items.size()) {
          int index = next++;
          inFlight++;
          start(index);
        }
      } while (again);
    } finally {
      pumping = false;
    }
  }

  private void start(int index) {
    Future<R> future;
    try {
      future = task.apply(items.get(index));
    } catch (RuntimeException e) {
      future = Future.failedFuture(e);
    }
    future.onComplete(result -> finish(index, result));
  }

  private void finish(int index, AsyncResult<R> result) {
    boolean complete;
    synchronized (this) {
      inFlight--;
      if (failed) {
        return;
      }
      if (result.failed()) {
        failed = true;
      } else {
        results.set(index, result.result());
        finished++;
      }
      complete = finished == items.size();
    }
    if (result.failed()) {
      done.fail(result.cause());
    } else if (complete) {
      done.complete(Collections.unmodifiableList(results));
    } else {
      pump();
    }
  }
}
