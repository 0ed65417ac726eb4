package vn.tracegate.checkin.registry;

import io.vertx.core.json.JsonObject;

/**
 * Why one line of an imported file was not stored.
 *
 * @param line the line number as a spreadsheet shows it: the header is line 1
 */
public record LineError(int line, String message) {

  public JsonObject toJson() {
    return new JsonObject().put("line", line).put("message", message);
  }
}
