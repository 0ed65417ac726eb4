package vn.tracegate.checkin.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BoundedFanOutTest {

  @Test
  void neverMoreThanTheLimitRunAtOnceAndResultsKeepItemOrder() {
    List<Promise<String>> running = new ArrayList<>();
    List<Integer> items = IntStream.range(0, 10).boxed().toList();
    Future<List<String>> all = BoundedFanOut.map(items, 3, i -> {
      Promise<String> p = Promise.promise();
      running.add(p);
      return p.future();
    });
    assertThat(running).hasSize(3);
    // Finish them newest first: the order of results still follows the items.
    for (int done = 0; done < 10; done++) {
      Promise<String> last = running.stream().filter(p -> !p.future().isComplete()).reduce((a, b) -> b).orElseThrow();
      last.complete("r" + running.indexOf(last));
      long open = running.stream().filter(p -> !p.future().isComplete()).count();
      assertThat(open).isLessThanOrEqualTo(3);
    }
    assertThat(all.result()).containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9");
  }

  @Test
  void tasksThatCompleteAtOnceDoNotOverflowTheStack() {
    List<Integer> items = IntStream.range(0, 200_000).boxed().toList();
    Future<List<Integer>> all = BoundedFanOut.map(items, 32, i -> Future.succeededFuture(i * 2));
    assertThat(all.result()).hasSize(200_000).endsWith(399_998);
  }

  @Test
  void theFirstFailureFailsTheWholeAndStartsNothingMore() {
    List<Integer> started = new ArrayList<>();
    Future<List<Integer>> all = BoundedFanOut.map(IntStream.range(0, 100).boxed().toList(), 4, i -> {
      started.add(i);
      return i == 5 ? Future.failedFuture(new IllegalStateException("line 5")) : Future.succeededFuture(i);
    });
    assertThat(all.cause()).hasMessage("line 5");
    assertThat(started).hasSize(6);
  }

  @Test
  void noItemsIsAnEmptyResult() {
    assertThat(BoundedFanOut.map(List.<String>of(), 8, Future::succeededFuture).result()).isEmpty();
  }
}
