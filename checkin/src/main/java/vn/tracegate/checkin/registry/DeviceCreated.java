package vn.tracegate.checkin.registry;

import io.vertx.core.json.JsonObject;

/**
 * A newly registered device and its API key. The key is shown to the admin once, in this answer;
 * the registry keeps only its hash, so a lost key means a new device registration.
 */
public record DeviceCreated(Device device, String apiKey) {

  /** The device's fields plus {@code apiKey}. */
  public JsonObject toJson() {
    return device.toJson().put("apiKey", apiKey);
  }

  /** Never prints the key, so logging this record cannot leak it. */
  @Override
  public String toString() {
    return "DeviceCreated[device=" + device + ", apiKey=<redacted>]";
  }
}
