package vn.tracegate.checkin.scans;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * What a scanner or app is told about an accepted scan: 201 when new, 200 for a replay; the
 * checkpoint's occupancy after it (null when presence is unavailable) and warnings such as
 * {@code CAPACITY_EXCEEDED} or {@code PRESENCE_STALE}.
 */
public record ScanResult(
    boolean created, UUID scanId, String workerId, String checkpointId, Integer occupancy, int capacity,
    List<String> warnings) {

  public static final String CAPACITY_EXCEEDED = "CAPACITY_EXCEEDED";
  public static final String PRESENCE_STALE = "PRESENCE_STALE";
  public static final String OUT_OF_ORDER = "OUT_OF_ORDER";

  public int status() {
    return created ? 201 : 200;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("scanId", scanId.toString())
        .put("workerId", workerId)
        .put("checkpointId", checkpointId)
        .put("occupancy", occupancy)
        .put("capacity", capacity)
        .put("warnings", new JsonArray(List.copyOf(warnings)));
  }
}
