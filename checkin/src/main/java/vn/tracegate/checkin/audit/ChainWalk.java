package vn.tracegate.checkin.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Checks entries fed in sequence order, pure: every hash recomputes, every entry links to the one
 * before, no sequence number is skipped, and the newest ones the head record names are there.
 * Only the oldest entries may be absent, and only once their retention has passed (TTL); an entry
 * carries its predecessor's time, so the walk can tell an expired predecessor from a removed one.
 */
final class ChainWalk {

  /** Clock difference between nodes and Cassandra tolerated when judging expiry. */
  static final Duration SLACK = Duration.ofMinutes(1);

  private final long from;
  private final long to;
  private final AuditTail before;
  private final Instant now;
  private final Duration retention;
  private long expected;
  private String prevHash;
  private Instant prevAt;
  private long checked;
  private AuditEntry first;
  private AuditEntry last;
  private AuditCheck.Problem problem;

  /**
   * @param before entry {@code from - 1} when it is stored ({@link AuditTail#GENESIS} when
   *     {@code from} is 1), null when it is not (expired, or the range starts mid-chain)
   */
  ChainWalk(long from, long to, AuditTail before, Instant now, Duration retention) {
    this.from = from;
    this.to = to;
    this.before = before;
    this.now = now;
    this.retention = retention;
  }

  /** Takes the next entry; false once a problem is found (feed no more). */
  boolean accept(AuditEntry e) {
    if (problem != null) {
      return false;
    }
    if (e.seq() < from || e.seq() > to) {
      return true;
    }
    if (last == null) {
      start(e);
    } else if (e.seq() != expected) {
      return fail(expected, AuditCheck.Kind.MISSING_SEQ, "entry " + expected + " is missing (found "
          + last.seq() + " then " + e.seq() + ")");
    }
    if (problem != null) {
      return false;
    }
    if (!AuditChain.hash(e).equals(e.hash())) {
      return fail(e.seq(), AuditCheck.Kind.HASH_MISMATCH, "entry " + e.seq()
          + " does not match its hash: its content was changed");
    }
    if (prevHash != null && (!prevHash.equals(e.prevHash()) || !Objects.equals(prevAt, e.prevAt()))) {
      return fail(e.seq(), AuditCheck.Kind.BROKEN_LINK, "entry " + e.seq()
          + " does not link to entry " + (e.seq() - 1) + ": one of them was replaced");
    }
    checked++;
    if (first == null) {
      first = e;
    }
    last = e;
    expected = e.seq() + 1;
    prevHash = e.hash();
    prevAt = e.at();
    return true;
  }

  /** The last intact entry's seq so far, or -1. */
  long lastSeq() {
    return last == null ? -1 : last.seq();
  }

  /** A stored row that no longer reads as an entry: a field was set to something never written. */
  void unreadable(long seq) {
    if (problem == null) {
      fail(seq, AuditCheck.Kind.HASH_MISMATCH, "entry " + seq + " cannot be read: its content was changed");
    }
  }

  private void start(AuditEntry e) {
    boolean predecessorStored = before != null && before.seq() == from - 1;
    if (e.seq() == 1) {
      prevHash = AuditChain.GENESIS_HASH;
      prevAt = null;
    } else if (e.seq() == from && predecessorStored) {
      prevHash = before.hash();
      prevAt = before.at();
    } else if (e.seq() > from && predecessorStored && before.seq() > 0) {
      fail(from, AuditCheck.Kind.MISSING_SEQ, "entry " + from + " is missing although entry " + (from - 1)
          + " before it is still stored");
    } else if (e.seq() > from && !expired(e.prevAt())) {
      fail(e.seq() - 1, AuditCheck.Kind.MISSING_SEQ, "entry " + (e.seq() - 1) + " is missing although it"
          + " was appended at " + e.prevAt() + ", within the " + retention.toDays() + "-day retention");
    }
  }

  /** The result, given the head record (the newest entry appended, as far as it knows), or null. */
  AuditCheck finish(AuditTail head) {
    if (problem == null && head != null && head.seq() >= from && head.seq() <= to) {
      long lastSeq = last == null ? from - 1 : last.seq();
      if (lastSeq < head.seq() && (last != null || !expired(head.at()))) {
        fail(last == null ? head.seq() : lastSeq + 1, AuditCheck.Kind.MISSING_SEQ, "entries " + (lastSeq + 1)
            + " to " + head.seq() + " were appended but are not stored: the newest entries were removed");
      } else if (last != null && lastSeq == head.seq() && !last.hash().equals(head.hash())) {
        fail(lastSeq, AuditCheck.Kind.BROKEN_LINK, "entry " + lastSeq
            + " is not the entry the head record names: it was replaced");
      }
    }
    return new AuditCheck(from, to, checked, first == null ? null : first.seq(),
        last == null ? null : last.seq(), last == null ? null : last.hash(), problem);
  }

  private boolean expired(Instant appendedAt) {
    return appendedAt != null && !appendedAt.plus(retention).isAfter(now.plus(SLACK));
  }

  private boolean fail(long seq, AuditCheck.Kind kind, String message) {
    problem = new AuditCheck.Problem(seq, kind, message);
    return false;
  }
}
