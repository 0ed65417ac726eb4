package vn.tracegate.checkin.registry;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * A small read-through cache for lookups on the scan path (a checkpoint, a device key): a found
 * value lives {@code ttl}, a "not found" (a negative value or an expected failure such as a bad
 * key) lives the shorter {@code negativeTtl}, any other failure is not kept. So a revoked device
 * stops working within seconds without a restart, and a flood of bad keys reaches the store once
 * per key every few seconds. Concurrent misses of one key share one load. When it holds
 * {@code maxEntries} it starts again empty rather than tracking recency.
 *
 * <p>Answers never hop threads: a loaded value comes back as a plain completed future, and a
 * caller waiting on a load started elsewhere is called back on its own context.
 */
public final class ExpiringCache<K, V> {

  private record Entry<V>(Future<V> value, long expiresAt) {
  }

  private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final long ttlNanos;
  private final long negativeTtlNanos;
  private final int maxEntries;
  private final Predicate<? super V> negativeValue;
  private final Predicate<? super Throwable> negativeFailure;
  private final LongSupplier nanoClock;

  /**
   * @param negativeValue which loaded values mean "not found" (e.g. {@code Optional::isEmpty})
   * @param negativeFailure which failures mean "not found" (e.g. a bad key), kept {@code negativeTtl}
   * @param nanoClock {@code System::nanoTime} in production; a test moves its own
   */
  public ExpiringCache(Duration ttl, Duration negativeTtl, int maxEntries,
      Predicate<? super V> negativeValue, Predicate<? super Throwable> negativeFailure, LongSupplier nanoClock) {
    if (ttl.isNegative() || negativeTtl.isNegative() || maxEntries < 1) {
      throw new IllegalArgumentException("TTLs must be >= 0 and maxEntries >= 1");
    }
    this.ttlNanos = ttl.toNanos();
    this.negativeTtlNanos = negativeTtl.toNanos();
    this.maxEntries = maxEntries;
    this.negativeValue = Objects.requireNonNull(negativeValue);
    this.negativeFailure = Objects.requireNonNull(negativeFailure);
    this.nanoClock = Objects.requireNonNull(nanoClock);
  }

  /** The cached answer for {@code key}, or the loader's answer, kept according to what it is. */
  public Future<V> get(K key, Function<? super K, Future<V>> loader) {
    long now = nanoClock.getAsLong();
    Entry<V> current = entries.get(key);
    if (current != null && current.expiresAt() - now > 0) {
      return answer(current.value());
    }
    if (current == null && entries.size() >= maxEntries) {
      entries.clear();
    }
    Promise<V> promise = Promise.promise();
    Entry<V> loading = new Entry<>(promise.future(), now + ttlNanos);
    boolean mine = current == null ? entries.putIfAbsent(key, loading) == null : entries.replace(key, current, loading);
    if (!mine) {
      Entry<V> other = entries.get(key);
      return other != null ? answer(other.value()) : load(key, loader);
    }
    load(key, loader).onComplete(result -> {
      long done = nanoClock.getAsLong();
      boolean negative = result.succeeded() ? negativeValue.test(result.result()) : negativeFailure.test(result.cause());
      if (result.failed() && !negative) {
        if (current != null && current.value().succeeded() && !negativeValue.test(current.value().result())) {
          // The store did not answer: keep serving what we last knew for a short while rather than
          // failing scans on a refresh (a revocation made meanwhile waits for the store to answer).
          entries.replace(key, loading, new Entry<>(current.value(), done + negativeTtlNanos));
          promise.complete(current.value().result());
          return;
        }
        entries.remove(key, loading);
      } else {
        entries.replace(key, loading, new Entry<>(loading.value(), done + (negative ? negativeTtlNanos : ttlNanos)));
      }
      promise.handle(result);
    });
    return answer(promise.future());
  }

  /** Forgets one key, e.g. after this process created or changed it. */
  public void invalidate(K key) {
    entries.remove(key);
  }

  /** Forgets everything, e.g. after a revocation whose keys are not known by value. */
  public void clear() {
    entries.clear();
  }

  public int size() {
    return entries.size();
  }

  private Future<V> load(K key, Function<? super K, Future<V>> loader) {
    try {
      return Objects.requireNonNull(loader.apply(key), "loader returned null");
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static <V> Future<V> answer(Future<V> value) {
    if (value.isComplete()) {
      return value.succeeded() ? Future.succeededFuture(value.result()) : Future.failedFuture(value.cause());
    }
    Context caller = Vertx.currentContext();
    Promise<V> promise = Promise.promise();
    value.onComplete(result -> {
      if (caller == null || caller == Vertx.currentContext()) {
        promise.handle(result);
      } else {
        caller.runOnContext(v -> promise.handle(result));
      }
    });
    return promise.future();
  }
}
