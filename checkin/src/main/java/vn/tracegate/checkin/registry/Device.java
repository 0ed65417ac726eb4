package vn.tracegate.checkin.registry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A scanner at a gate, a workshop door, a canteen or on a bus, bound to the checkpoints it may
 * scan for. It authenticates with an API key that the registry stores only hashed.
 */
public record Device(String id, String enterpriseId, Set<String> checkpointIds, boolean revoked) {

  public Device {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(enterpriseId, "enterpriseId");
    checkpointIds = Set.copyOf(checkpointIds);
  }

  /** Validates a new device; the checkpoints' existence is checked by the registry. */
  public static Device of(String id, String enterpriseId, Collection<String> checkpointIds) {
    return new Device(
        RegistryRules.id("id", id),
        RegistryRules.id("enterpriseId", enterpriseId),
        RegistryRules.checkpointIds(checkpointIds),
        false);
  }

  /** Reads {@code {id, enterpriseId, checkpointIds: [..]}}. */
  public static Device fromJson(JsonObject json) {
    JsonFields.body(json);
    return of(
        JsonFields.string(json, "id"),
        JsonFields.string(json, "enterpriseId"),
        JsonFields.strings(json, "checkpointIds"));
  }

  /** Whether this device may submit a scan at that checkpoint. */
  public boolean scansFor(String checkpointId) {
    return !revoked && checkpointIds.contains(checkpointId);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("enterpriseId", enterpriseId)
        .put("checkpointIds", new JsonArray(new ArrayList<>(new TreeSet<>(checkpointIds))))
        .put("revoked", revoked);
  }
}
