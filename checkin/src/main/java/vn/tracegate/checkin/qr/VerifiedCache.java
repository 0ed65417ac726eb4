package vn.tracegate.checkin.qr;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A bounded map from a payload whose signature checked out to what it says, so a badge scanned
 * at every door all day costs one signature check, not hundreds. Two generations: new entries go
 * to the young map; when it is full it becomes the old map and the previous old map is dropped
 * whole. A hit in the old map is copied back to the young one, so codes in use survive. No lock:
 * the swap is one compare-and-set, and a put racing with it merely lands in the old map.
 *
 * <p>It holds at most about {@code capacity} entries (two generations of {@code capacity / 2})
 * and always keeps the {@code capacity / 2} most recently used; a capacity below 2 turns it off.
 */
final class VerifiedCache {

  /** A payload's meaning and the public key its signature was checked with. */
  record Entry(VerifiedQr qr, byte[] publicKey) {}

  private record Generations(
      ConcurrentHashMap<String, Entry> young, ConcurrentHashMap<String, Entry> old) {}

  private final int generationSize;
  private final AtomicReference<Generations> generations;

  VerifiedCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("cache capacity must be >= 0, was " + capacity);
    }
    this.generationSize = capacity / 2;
    this.generations = new AtomicReference<>(fresh(null));
  }

  Entry get(String payload) {
    if (generationSize == 0) {
      return null;
    }
    Generations g = generations.get();
    Entry entry = g.young.get(payload);
    if (entry == null) {
      entry = g.old.get(payload);
      if (entry != null) {
        put(payload, entry);
      }
    }
    return entry;
  }

  void put(String payload, Entry entry) {
    if (generationSize == 0) {
      return;
    }
    Generations g = generations.get();
    g.young.put(payload, entry);
    if (g.young.size() >= generationSize) {
      generations.compareAndSet(g, fresh(g.young));
    }
  }

  /** Number of entries held now (both generations, a payload may count twice). */
  int size() {
    Generations g = generations.get();
    return g.young.size() + g.old.size();
  }

  private Generations fresh(ConcurrentHashMap<String, Entry> old) {
    int initial = Math.min(generationSize, 1 << 12);
    return new Generations(
        new ConcurrentHashMap<>(initial), old == null ? new ConcurrentHashMap<>() : old);
  }
}
