package vn.tracegate.checkin.registry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads from a request body: a field of the wrong JSON type is a 400 naming the field,
 * never a ClassCastException that would surface as a 500.
 */
final class JsonFields {

  private JsonFields() {
  }

  static JsonObject body(JsonObject json) {
    if (json == null) {
      throw RegistryRules.invalid("the body must be a JSON object");
    }
    return json;
  }

  /** A string field, or null when absent or JSON null. */
  static String string(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw RegistryRules.invalid(field + " must be a string");
  }

  /** A list of strings, or null when absent or JSON null. */
  static List<String> strings(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonArray array)) {
      throw RegistryRules.invalid(field + " must be an array of strings");
    }
    List<String> out = new ArrayList<>(array.size());
    for (Object item : array) {
      if (!(item instanceof String text)) {
        throw RegistryRules.invalid(field + " must be an array of strings");
      }
      out.add(text);
    }
    return out;
  }
}
