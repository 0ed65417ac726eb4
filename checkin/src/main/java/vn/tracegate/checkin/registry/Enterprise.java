package vn.tracegate.checkin.registry;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/** A company (doanh nghiệp) in the park; workers, checkpoints and devices belong to one. */
public record Enterprise(String id, String name) {

  public Enterprise {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }

  /** Validates and normalises every field; a bad one is a 400 naming it. */
  public static Enterprise of(String id, String name) {
    return new Enterprise(RegistryRules.id("id", id), RegistryRules.name("name", name));
  }

  /** Reads {@code {id, name}}. */
  public static Enterprise fromJson(JsonObject json) {
    JsonFields.body(json);
    return of(JsonFields.string(json, "id"), JsonFields.string(json, "name"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name);
  }
}
