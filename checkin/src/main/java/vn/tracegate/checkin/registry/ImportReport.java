package vn.tracegate.checkin.registry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The answer to a roster import: how many lines were stored, how many were not, and why, line by
 * line, so HR can fix those lines and import the file again (import upserts, so that is safe).
 */
public record ImportReport(int imported, int failed, List<LineError> errors) {

  public ImportReport {
    errors = List.copyOf(errors);
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    errors.forEach(e -> list.add(e.toJson()));
    return new JsonObject().put("imported", imported).put("failed", failed).put("errors", list);
  }
}
