package vn.tracegate.tracing.visitlog;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * At most {@code max} asynchronous operations in flight; the rest wait in a queue, in order.
 * A trace fans out hundreds of partition reads at once: this keeps them from flooding Cassandra
 * (and the driver's per-connection limit). Lock-free; never blocks a caller.
 */
public final class InFlightLimit {

  private final int max;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

  public InFlightLimit(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max in flight must be at least 1, got " + max);
    }
    this.max = max;
  }

  /** Starts {@code operation} when a slot is free; the result completes as the operation does. */
  public <T> CompletionStage<T> submit(Supplier<? extends CompletionStage<T>> operation) {
    CompletableFuture<T> result = new CompletableFuture<>();
    waiting.add(() -> {
      CompletionStage<T> stage;
      try {
        stage = operation.get();
      } catch (RuntimeException e) {
        stage = CompletableFuture.failedFuture(e);
      }
      stage.whenComplete((value, error) -> {
        inFlight.decrementAndGet();
        drain();
        if (error != null) {
          result.completeExceptionally(error);
        } else {
          result.complete(value);
        }
      });
    });
    drain();
    return result;
  }

  /** Operations running now; for tests and metrics. */
  public int inFlight() {
    return inFlight.get();
  }

  private void drain() {
    while (!waiting.isEmpty()) {
      int n = inFlight.get();
      if (n >= max) {
        return;
      }
      if (!inFlight.compareAndSet(n, n + 1)) {
        continue;
      }
      Runnable next = waiting.poll();
      if (next == null) {
        inFlight.decrementAndGet();
      } else {
        next.run();
      }
    }
  }
}
