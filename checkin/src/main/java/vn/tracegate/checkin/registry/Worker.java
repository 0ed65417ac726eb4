package vn.tracegate.checkin.registry;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * A worker of an enterprise, as on the HR roster. The full name keeps its Vietnamese diacritics
 * (stored NFC); the phone is normalised to {@code 0XXXXXXXXX} and shown masked unless asked for.
 *
 * @param id the employee code
 * @param team the production team (tổ sản xuất), or null
 */
public record Worker(String id, String enterpriseId, String fullName, String phone, String team) {

  public Worker {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(enterpriseId, "enterpriseId");
    Objects.requireNonNull(fullName, "fullName");
    Objects.requireNonNull(phone, "phone");
  }

  /** Validates and normalises every field; a bad one is a 400 naming it. */
  public static Worker of(String id, String enterpriseId, String fullName, String phone, String team) {
    return new Worker(
        RegistryRules.id("id", id),
        RegistryRules.id("enterpriseId", enterpriseId),
        RegistryRules.fullName(fullName),
        RegistryRules.phone(phone),
        RegistryRules.team(team));
  }

  /** Reads {@code {id, enterpriseId, fullName, phone, team?}}. */
  public static Worker fromJson(JsonObject json) {
    JsonFields.body(json);
    return of(
        JsonFields.string(json, "id"),
        JsonFields.string(json, "enterpriseId"),
        JsonFields.string(json, "fullName"),
        JsonFields.string(json, "phone"),
        JsonFields.string(json, "team"));
  }

  /** The JSON with the phone masked to its last 3 digits: the safe default for any listing. */
  public JsonObject toJson() {
    return toJson(true);
  }

  /** The JSON; {@code maskPhone} false shows the whole number (admin, the worker themself). */
  public JsonObject toJson(boolean maskPhone) {
    return new JsonObject()
        .put("id", id)
        .put("enterpriseId", enterpriseId)
        .put("fullName", fullName)
        .put("phone", maskPhone ? maskPhone(phone) : phone)
        .put("team", team);
  }

  /** {@code 0912345678} → {@code *******678}. */
  public static String maskPhone(String phone) {
    if (phone == null || phone.length() <= 3) {
      return "***";
    }
    return "*".repeat(phone.length() - 3) + phone.substring(phone.length() - 3);
  }

  /** Masks the phone so that a logged worker never leaks the number. */
  @Override
  public String toString() {
    return "Worker[id=" + id + ", enterpriseId=" + enterpriseId + ", fullName=" + fullName
        + ", phone=" + maskPhone(phone) + ", team=" + team + "]";
  }
}
