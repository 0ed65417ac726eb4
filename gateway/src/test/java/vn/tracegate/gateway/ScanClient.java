package vn.tracegate.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A scanner as a real one behaves: each scan keeps its scanId and is retried (connection lost,
 * 5xx) until the gateway acknowledges it or refuses it with a 4xx. Records what was acknowledged.
 */
public final class ScanClient implements Runnable {

  public final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  public final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
  /** Scans given up without an answer: they may or may not be stored. */
  public final Set<String> abandoned = ConcurrentHashMap.newKeySet();
  private final long retryForMillis;
  private final Api api;
  private final String deviceKey;
  private final String badge;
  private final String checkpointId;
  private final AtomicBoolean stop;
  private final int maxScans;

  /** @param retryForMillis how long one scan is retried before it is given up (and listed in {@link #abandoned}) */
  public ScanClient(Api api, String deviceKey, String badge, String checkpointId, AtomicBoolean stop, int maxScans,
      long retryForMillis) {
    this.retryForMillis = retryForMillis;
    this.api = api;
    this.deviceKey = deviceKey;
    this.badge = badge;
    this.checkpointId = checkpointId;
    this.stop = stop;
    this.maxScans = maxScans;
  }

  @Override
  public void run() {
    for (int n = 0; n < maxScans && !stop.get(); n++) {
      String id = UUID.randomUUID().toString();
      JsonObject scan = new JsonObject().put("scanId", id).put("qr", badge).put("checkpointId", checkpointId)
          .put("action", n % 2 == 0 ? "IN" : "OUT").put("at", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
      long deadline = System.currentTimeMillis() + retryForMillis;
      boolean answered = false;
      while (!answered && System.currentTimeMillis() < deadline) {
        HttpResponse<Buffer> r = api.attempt("/v1/scans", deviceKey, scan);
        int status = r == null ? -1 : r.statusCode();
        statuses.merge(status, 1, Integer::sum);
        if (status == 200 || status == 201) {
          acknowledged.add(id);
          answered = true;
        } else if (status >= 400 && status < 500) {
          answered = true;
        } else {
          pause(100);
        }
      }
      if (!answered) {
        abandoned.add(id);
      }
      pause(10);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
