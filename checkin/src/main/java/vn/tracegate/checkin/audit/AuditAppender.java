package vn.tracegate.checkin.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends to the chain with group commit. Within one node, events queue and one group at a time
 * is linked after the tail and claimed with one conditional write (see {@link AuditStore#claim});
 * across nodes, the claim is the lock: a node that lost the race re-reads the tail at SERIAL and
 * links again. A claim whose outcome is unknown (timeout) is settled by reading the entry back.
 *
 * <p>An event's future completes only after its entry is in the chain and indexed for every
 * worker it names, so a route that waits for it never answers before the audit is written.
 */
final class AuditAppender {

  private static final Logger LOG = LoggerFactory.getLogger(AuditAppender.class);

  static final int MAX_GROUP = 64;
  /** Keeps a conditional batch well under Cassandra's default batch_size_fail_threshold (50 KB). */
  static final int MAX_GROUP_BYTES = 24 * 1024;
  static final int MAX_ATTEMPTS = 20;
  private static final int INDEX_IN_FLIGHT = 16;

  private record Pending(AuditEvent event, CompletableFuture<AuditEntry> done) {}

  private final AuditStore store;
  private final Clock clock;
  private final LongFunction<CompletionStage<Void>> delay;
  private final ConcurrentLinkedDeque<Pending> queue = new ConcurrentLinkedDeque<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  /** The newest entry this node knows; null: read it from the store before linking. */
  private volatile AuditTail tail;

  /** @param delay completes after that many milliseconds (a timer; used to back off under contention) */
  AuditAppender(AuditStore store, Clock clock, LongFunction<CompletionStage<Void>> delay) {
    this.store = store;
    this.clock = clock;
    this.delay = delay;
  }

  CompletionStage<AuditEntry> append(AuditEvent event) {
    Pending p = new Pending(event, new CompletableFuture<>());
    queue.add(p);
    kick();
    return p.done();
  }

  private void kick() {
    if (draining.compareAndSet(false, true)) {
      drain();
    }
  }

  private void drain() {
    List<Pending> group = new ArrayList<>();
    for (Pending p; group.size() < MAX_GROUP && (p = queue.poll()) != null; ) {
      group.add(p);
    }
    if (group.isEmpty()) {
      draining.set(false);
      if (!queue.isEmpty()) {
        kick();
      }
      return;
    }
    List<AuditEvent> events = group.stream().map(Pending::event).toList();
    commit(events, 1).whenComplete((entries, failure) -> {
      if (failure != null) {
        tail = null;
        group.forEach(p -> p.done().completeExceptionally(failure));
      } else {
        for (int i = group.size() - 1; i >= entries.size(); i--) {
          queue.addFirst(group.get(i)); // did not fit this bucket or batch: next group
        }
        for (int i = 0; i < entries.size(); i++) {
          publish(group.get(i), entries.get(i));
        }
        AuditTail newest = AuditTail.of(entries.get(entries.size() - 1));
        store.moveHead(newest).exceptionally(err -> {
          LOG.warn("audit head record not moved to {} (a hint; the chain is intact): {}", newest.seq(), err.toString());
          return null;
        });
      }
      drain();
    });
  }

  /** Links and claims a prefix of {@code events}; completes with the entries written. */
  private CompletionStage<List<AuditEntry>> commit(List<AuditEvent> events, int attempt) {
    AuditTail known = tail;
    CompletionStage<AuditTail> base = known != null ? CompletableFuture.completedFuture(known) : findTail(null);
    return base.thenCompose(t -> {
      List<AuditEntry> entries = fit(AuditChain.link(t, events, clock.instant()));
      return store.claim(entries)
          .handle((applied, err) -> err == null ? settled(entries, applied, attempt) : unknown(entries, err, attempt))
          .thenCompose(next -> next);
    });
  }

  private CompletionStage<List<AuditEntry>> settled(List<AuditEntry> entries, boolean applied, int attempt) {
    if (applied) {
      tail = AuditTail.of(entries.get(entries.size() - 1));
      return CompletableFuture.completedFuture(entries);
    }
    if (attempt >= MAX_ATTEMPTS) {
      return CompletableFuture.failedFuture(new IllegalStateException(
          "audit chain contended: no free sequence number after " + attempt + " attempts"));
    }
    AuditTail lost = new AuditTail(entries.get(0).seq() - 1, entries.get(0).prevHash(), entries.get(0).prevAt());
    return backOff(attempt)
        .thenCompose(x -> findTail(lost))
        .thenCompose(found -> {
          tail = found;
          return commit(events(entries), attempt + 1);
        });
  }

  /** The claim timed out or failed: it may still have been applied. Reading it back decides. */
  private CompletionStage<List<AuditEntry>> unknown(List<AuditEntry> entries, Throwable err, int attempt) {
    AuditEntry first = entries.get(0);
    return store.entry(first.seq()).thenCompose(stored -> {
      if (stored.isPresent() && stored.get().hash().equals(first.hash())) {
        return settled(entries, true, attempt);
      }
      if (attempt >= 3) {
        return CompletableFuture.failedFuture(err);
      }
      tail = null;
      return backOff(attempt).thenCompose(x -> commit(events(entries), attempt + 1));
    });
  }

  private CompletionStage<Void> backOff(int attempt) {
    return attempt < 3 ? CompletableFuture.completedFuture(null)
        : delay.apply(ThreadLocalRandom.current().nextLong(5, 5L * attempt + 1));
  }

  /**
   * The tail: the newest entry at or after {@code lower} (or the head record when null). Reads the
   * last entry of a bucket and moves to the next bucket only while buckets are full.
   */
  CompletionStage<AuditTail> findTail(AuditTail lower) {
    CompletionStage<AuditTail> start = lower != null ? CompletableFuture.completedFuture(lower)
        : store.head().thenApply(h -> h.orElse(AuditTail.GENESIS));
    return start.thenCompose(s -> probe(AuditStore.bucket(s.seq()), s));
  }

  private CompletionStage<AuditTail> probe(long bucket, AuditTail best) {
    return store.last(bucket).thenCompose(found -> {
      if (found.isEmpty()) {
        return CompletableFuture.completedFuture(best);
      }
      AuditEntry e = found.get();
      AuditTail newer = e.seq() > best.seq() ? AuditTail.of(e) : best;
      boolean full = e.seq() == (bucket + 1) * AuditStore.BUCKET - 1;
      return full ? probe(bucket + 1, newer) : CompletableFuture.completedFuture(newer);
    });
  }

  /** The longest prefix that stays in the first entry's bucket and within the batch size. */
  private static List<AuditEntry> fit(List<AuditEntry> entries) {
    long bucket = AuditStore.bucket(entries.get(0).seq());
    int bytes = 0;
    int n = 0;
    for (AuditEntry e : entries) {
      bytes += size(e);
      if (n > 0 && (AuditStore.bucket(e.seq()) != bucket || bytes > MAX_GROUP_BYTES)) {
        break;
      }
      n++;
    }
    return entries.subList(0, n);
  }

  private static int size(AuditEntry e) {
    AuditEvent v = e.event();
    int size = 300 + length(v.actor()) + length(v.actorEnterprise()) + length(v.objectType())
        + length(v.objectId()) + length(v.reason());
    for (String id : v.workerIds()) {
      size += id.length() + 4;
    }
    return size;
  }

  private static int length(String s) {
    return s == null ? 0 : s.length() * 3;
  }

  private static List<AuditEvent> events(List<AuditEntry> entries) {
    return entries.stream().map(AuditEntry::event).toList();
  }

  /** Indexes the entry for each worker it names, then completes the caller's future. */
  private void publish(Pending p, AuditEntry e) {
    List<String> ids = e.event().workerIds();
    CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
    for (int i = 0; i < ids.size(); i += INDEX_IN_FLIGHT) {
      List<String> chunk = ids.subList(i, Math.min(ids.size(), i + INDEX_IN_FLIGHT));
      chain = chain.thenCompose(x -> CompletableFuture.allOf(chunk.stream()
          .map(id -> store.indexAccess(id, e).toCompletableFuture()).toArray(CompletableFuture[]::new)));
    }
    chain.whenComplete((x, err) -> {
      if (err != null) {
        p.done().completeExceptionally(err);
      } else {
        p.done().complete(e);
      }
    });
  }
}
