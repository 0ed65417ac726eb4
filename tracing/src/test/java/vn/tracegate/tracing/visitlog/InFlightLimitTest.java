package vn.tracegate.tracing.visitlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InFlightLimitTest {

  @Test
  void neverMoreThanTheLimitRunAtOnceAndAllComplete() throws Exception {
    InFlightLimit limit = new InFlightLimit(4);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(4);
    try {
      List<CompletableFuture<Integer>> all = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        all.add(limit.submit(() -> {
          peak.accumulateAndGet(running.incrementAndGet(), Math::max);
          CompletableFuture<Integer> done = new CompletableFuture<>();
          timer.schedule(() -> {
            running.decrementAndGet();
            done.complete(n);
          }, 1, TimeUnit.MILLISECONDS);
          return done;
        }).toCompletableFuture());
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      assertThat(all.get(199).get()).isEqualTo(199);
      assertThat(peak.get()).isEqualTo(4);
      assertThat(limit.inFlight()).isZero();
    } finally {
      timer.shutdownNow();
    }
  }

  @Test
  void aFailingOrThrowingOperationFailsItsResultAndFreesItsSlot() throws Exception {
    InFlightLimit limit = new InFlightLimit(1);
    CompletionStage<String> failed = limit.submit(() -> CompletableFuture.failedFuture(new IllegalStateException("down")));
    CompletionStage<String> thrown = limit.submit(() -> {
      throw new IllegalArgumentException("bad");
    });
    CompletionStage<String> ok = limit.submit(() -> CompletableFuture.completedFuture("ok"));
    assertThatThrownBy(() -> failed.toCompletableFuture().get()).isInstanceOf(ExecutionException.class)
        .hasRootCauseMessage("down");
    assertThatThrownBy(() -> thrown.toCompletableFuture().get()).hasRootCauseMessage("bad");
    assertThat(ok.toCompletableFuture().get(1, TimeUnit.SECONDS)).isEqualTo("ok");
    assertThat(limit.inFlight()).isZero();
  }
}
