package vn.tracegate.checkin.audit;

import java.time.Instant;

/**
 * The newest entry of the chain as far as an appender knows: what the next entry links to.
 *
 * @param at null only for {@link #GENESIS}
 */
record AuditTail(long seq, String hash, Instant at) {

  /** Before the first entry. */
  static final AuditTail GENESIS = new AuditTail(0, AuditChain.GENESIS_HASH, null);

  static AuditTail of(AuditEntry e) {
    return new AuditTail(e.seq(), e.hash(), e.at());
  }
}
