package vn.tracegate.checkin.audit;

import io.vertx.core.json.JsonObject;

/**
 * The result of checking the chain over {@code [from, to]}: either intact, or the first broken
 * sequence number and why.
 *
 * @param checked entries read and found intact
 * @param firstSeq the first entry found (entries before it expired), null if none
 * @param lastSeq the last entry found, null if none
 * @param lastHash its hash: record it elsewhere to anchor the chain against a wholesale rewrite
 * @param problem null when {@link #ok()}
 */
public record AuditCheck(long from, long to, long checked, Long firstSeq, Long lastSeq, String lastHash,
    Problem problem) {

  /** Why the chain is broken. */
  public enum Kind {
    /** The entry's stored hash is not the hash of its content: a field was changed. */
    HASH_MISMATCH,
    /** An entry that must still exist (within retention) is not stored: it was removed. */
    MISSING_SEQ,
    /** The entry does not point at the one before it: one of them was replaced or rewritten. */
    BROKEN_LINK
  }

  /** The first break found. */
  public record Problem(long seq, Kind kind, String message) {}

  public boolean ok() {
    return problem == null;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("ok", ok())
        .put("from", from)
        .put("to", to == Long.MAX_VALUE ? null : to)
        .put("checked", checked)
        .put("firstSeq", firstSeq)
        .put("lastSeq", lastSeq)
        .put("lastHash", lastHash);
    if (problem != null) {
      json.put("problem", new JsonObject().put("seq", problem.seq()).put("kind", problem.kind().name())
          .put("message", problem.message()));
    }
    return json;
  }
}
