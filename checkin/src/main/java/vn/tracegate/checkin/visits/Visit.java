package vn.tracegate.checkin.visits;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import vn.tracegate.checkin.registry.CheckpointKind;

/**
 * One accepted scan as stored in the visit log, the source of truth. Immutable and keyed by
 * {@code scanId}, so writing it twice stores it once.
 *
 * @param at when the scan happened, on the device's clock
 * @param receivedAt when the server received it
 * @param deviceId the scanner, or null for a worker's own app
 * @param contentHash hash of what the client sent; a retried scanId must carry the same one
 */
public record Visit(
    UUID scanId,
    String workerId,
    String checkpointId,
    CheckpointKind kind,
    ScanAction action,
    Instant at,
    Instant receivedAt,
    String deviceId,
    String contentHash) {

  public Visit {
    Objects.requireNonNull(scanId, "scanId");
    Objects.requireNonNull(workerId, "workerId");
    Objects.requireNonNull(checkpointId, "checkpointId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(contentHash, "contentHash");
  }
}
