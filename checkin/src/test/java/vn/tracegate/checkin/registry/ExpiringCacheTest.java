package vn.tracegate.checkin.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.Rejection;

class ExpiringCacheTest {

  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final AtomicInteger loads = new AtomicInteger();
  private final ExpiringCache<String, Optional<String>> cache = new ExpiringCache<>(
      Duration.ofSeconds(5), Duration.ofSeconds(2), 3,
      Optional::isEmpty, e -> e instanceof Rejection r && r.kind() == Rejection.Kind.UNAUTHENTICATED,
      clock::get);

  private final Function<String, Future<Optional<String>>> found = key -> {
    loads.incrementAndGet();
    return Future.succeededFuture(Optional.of("value of " + key));
  };
  private final Function<String, Future<Optional<String>>> missing = key -> {
    loads.incrementAndGet();
    return Future.succeededFuture(Optional.empty());
  };

  @Test
  void aFoundValueIsServedFromTheCacheForFiveSeconds() {
    assertThat(cache.get("gate-1", found).result()).contains("value of gate-1");
    advance(Duration.ofMillis(4_999));
    assertThat(cache.get("gate-1", found).result()).contains("value of gate-1");
    assertThat(loads).hasValue(1);
    advance(Duration.ofMillis(1));
    cache.get("gate-1", found);
    assertThat(loads).hasValue(2);
  }

  @Test
  void aMissingValueIsKeptOnlyTwoSeconds() {
    assertThat(cache.get("nope", missing).result()).isEmpty();
    advance(Duration.ofMillis(1_999));
    cache.get("nope", missing);
    assertThat(loads).hasValue(1);
    advance(Duration.ofMillis(1));
    assertThat(cache.get("nope", found).result()).contains("value of nope");
    assertThat(loads).hasValue(2);
  }

  @Test
  void anExpectedFailureIsKeptTwoSecondsLikeAMissingValue() {
    Function<String, Future<Optional<String>>> badKey = key -> {
      loads.incrementAndGet();
      return Future.failedFuture(new Rejection(Rejection.Kind.UNAUTHENTICATED, "BAD_API_KEY", "bad key"));
    };
    assertThat(cache.get("k", badKey).cause()).hasMessage("bad key");
    advance(Duration.ofMillis(1_500));
    assertThat(cache.get("k", badKey).cause()).hasMessage("bad key");
    assertThat(loads).hasValue(1);
    advance(Duration.ofMillis(500));
    cache.get("k", badKey);
    assertThat(loads).hasValue(2);
  }

  @Test
  void anUnexpectedFailureIsNotKept() {
    Function<String, Future<Optional<String>>> storeDown = key -> {
      loads.incrementAndGet();
      return Future.failedFuture(Rejection.unavailable("STORE_UNAVAILABLE", "down"));
    };
    assertThat(cache.get("k", storeDown).failed()).isTrue();
    assertThat(cache.get("k", found).result()).contains("value of k");
    assertThat(loads).hasValue(2);
  }

  @Test
  void whenTheStoreDoesNotAnswerARefreshTheLastFoundValueIsServedForTwoMoreSeconds() {
    Function<String, Future<Optional<String>>> storeDown = key -> {
      loads.incrementAndGet();
      return Future.failedFuture(new IllegalStateException("read timed out"));
    };
    cache.get("gate-1", found);
    advance(Duration.ofSeconds(6));

    assertThat(cache.get("gate-1", storeDown).result()).contains("value of gate-1");
    advance(Duration.ofMillis(1_999));
    assertThat(cache.get("gate-1", storeDown).result()).contains("value of gate-1");
    assertThat(loads).hasValue(2);
    advance(Duration.ofMillis(2));
    assertThat(cache.get("gate-1", found).result()).contains("value of gate-1");
    assertThat(loads).hasValue(3);
  }

  @Test
  void aStoreFailureWithNothingKnownBeforeIsAFailure() {
    Future<Optional<String>> answer = cache.get("gate-2", key -> Future.failedFuture(new IllegalStateException("down")));
    assertThat(answer.failed()).isTrue();
  }

  @Test
  void aLoaderThatThrowsIsAFailedFutureAndNotKept() {
    Future<Optional<String>> answer = cache.get("k", key -> {
      throw new IllegalStateException("boom");
    });
    assertThat(answer.cause()).hasMessage("boom");
    assertThat(cache.size()).isZero();
  }

  @Test
  void concurrentMissesOfOneKeyShareOneLoad() {
    Promise<Optional<String>> slow = Promise.promise();
    Function<String, Future<Optional<String>>> loader = key -> {
      loads.incrementAndGet();
      return slow.future();
    };
    Future<Optional<String>> first = cache.get("k", loader);
    Future<Optional<String>> second = cache.get("k", loader);
    assertThat(first.isComplete()).isFalse();
    slow.complete(Optional.of("v"));
    assertThat(first.result()).contains("v");
    assertThat(second.result()).contains("v");
    assertThat(loads).hasValue(1);
  }

  @Test
  void theTtlCountsFromWhenTheLoadFinished() {
    Promise<Optional<String>> slow = Promise.promise();
    cache.get("k", key -> {
      loads.incrementAndGet();
      return slow.future();
    });
    advance(Duration.ofSeconds(3));
    slow.complete(Optional.of("v"));
    advance(Duration.ofSeconds(4));
    cache.get("k", found);
    assertThat(loads).hasValue(1);
  }

  @Test
  void aFullCacheStartsAgainEmpty() {
    cache.get("a", found);
    cache.get("b", found);
    cache.get("c", found);
    assertThat(cache.size()).isEqualTo(3);
    cache.get("d", found);
    assertThat(cache.size()).isEqualTo(1);
    cache.get("a", found);
    assertThat(loads).hasValue(5);
  }

  @Test
  void anInvalidatedKeyIsLoadedAgain() {
    cache.get("a", missing);
    cache.invalidate("a");
    assertThat(cache.get("a", found).result()).contains("value of a");
    cache.clear();
    cache.get("a", found);
    assertThat(loads).hasValue(3);
  }

  @Test
  void aCallerWaitingOnALoadStartedElsewhereIsAnsweredOnItsOwnContext() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Context loading = vertx.getOrCreateContext();
      Context waiting = vertx.getOrCreateContext();
      assertThat(waiting).isNotSameAs(loading);
      Promise<Optional<String>> slow = Promise.promise();
      CompletableFuture<Context> answeredOn = new CompletableFuture<>();
      CompletableFuture<Void> started = new CompletableFuture<>();
      loading.runOnContext(v -> {
        cache.get("k", key -> slow.future());
        started.complete(null);
      });
      started.get(5, TimeUnit.SECONDS);
      waiting.runOnContext(v -> cache.get("k", found)
          .onComplete(result -> answeredOn.complete(Vertx.currentContext())));
      Thread.sleep(50);
      loading.runOnContext(v -> slow.complete(Optional.of("v")));
      assertThat(answeredOn.get(5, TimeUnit.SECONDS)).isSameAs(waiting);
      assertThat(loads).hasValue(0);
      // Once loaded, the answer is a plain completed future: its callbacks run on whoever asks.
      assertThat(cache.get("k", found).result()).contains("v");
    } finally {
      vertx.close();
    }
  }

  private void advance(Duration by) {
    clock.addAndGet(by.toNanos());
  }
}
