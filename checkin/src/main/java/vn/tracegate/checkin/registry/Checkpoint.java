package vn.tracegate.checkin.registry;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * A place where workers scan in and out: a gate, a workshop, a canteen, a shuttle bus.
 *
 * @param enterpriseId the owner, or null for a park-shared checkpoint (a bus, a dormitory)
 * @param capacity how many people may be present at once; more is a warning, not a refusal
 */
public record Checkpoint(String id, String enterpriseId, CheckpointKind kind, String name, int capacity) {

  public Checkpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  /** Validates and normalises every field; a bad one is a 400 naming it. A blank enterpriseId means shared. */
  public static Checkpoint of(String id, String enterpriseId, String kind, String name, Object capacity) {
    return new Checkpoint(
        RegistryRules.id("id", id),
        enterpriseId == null || enterpriseId.isBlank() ? null : RegistryRules.id("enterpriseId", enterpriseId),
        RegistryRules.kind(kind),
        RegistryRules.name("name", name),
        RegistryRules.capacity(capacity));
  }

  /** Reads {@code {id, enterpriseId?, kind, name, capacity}}. */
  public static Checkpoint fromJson(JsonObject json) {
    JsonFields.body(json);
    return of(
        JsonFields.string(json, "id"),
        JsonFields.string(json, "enterpriseId"),
        JsonFields.string(json, "kind"),
        JsonFields.string(json, "name"),
        json.getValue("capacity"));
  }

  /** Whether the park shares it between enterprises. */
  public boolean shared() {
    return enterpriseId == null;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("enterpriseId", enterpriseId)
        .put("kind", kind.name())
        .put("name", name)
        .put("capacity", capacity);
  }
}
