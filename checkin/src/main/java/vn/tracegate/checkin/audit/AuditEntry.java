package vn.tracegate.checkin.audit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One link of the audit chain: an {@link AuditEvent} with its sequence number, time, the time and
 * hash of the entry before it, and its own hash over all of that (see {@link AuditChain#hash}).
 *
 * @param seq 1, 2, 3, ... with no gaps, across every gateway node
 * @param at when it was appended, never earlier than the entry before (millisecond precision)
 * @param prevAt {@code at} of entry {@code seq - 1}, null for the first; lets the check tell an
 *     expired predecessor (TTL) from a removed one
 * @param prevHash hash of entry {@code seq - 1}; 64 zeros for the first
 * @param hash lower-case hex SHA-256 of this entry's canonical encoding
 */
public record AuditEntry(long seq, Instant at, Instant prevAt, AuditEvent event, String prevHash, String hash) {

  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(prevHash, "prevHash");
    Objects.requireNonNull(hash, "hash");
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("seq", seq)
        .put("at", at.toString())
        .put("actor", event.actor())
        .put("role", event.role().wireName())
        .put("actorEnterprise", event.actorEnterprise())
        .put("action", event.action().name())
        .put("objectType", event.objectType())
        .put("objectId", event.objectId())
        .put("workerIds", new JsonArray(List.copyOf(event.workerIds())))
        .put("reason", event.reason())
        .put("prevHash", prevHash)
        .put("hash", hash);
  }
}
