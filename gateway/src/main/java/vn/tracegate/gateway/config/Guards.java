package vn.tracegate.gateway.config;

import java.time.Duration;
import vn.tracegate.checkin.ratelimit.Rate;

/**
 * How the gateway protects contact data and itself: how long the audit log is kept, and the
 * per-client rate limits of scanner devices and worker apps (keys in tracegate.properties).
 */
public record Guards(Duration auditRetention, Rate device, Rate worker) {

  static Guards from(ConfigSource c) {
    return new Guards(
        Duration.ofDays(c.integer("audit.retention-days", 1, 3650)),
        rate(c, "device"),
        rate(c, "worker"));
  }

  private static Rate rate(ConfigSource c, String client) {
    double perSecond = c.parsed("ratelimit." + client + "-per-second", v -> {
      double d = Double.parseDouble(v);
      if (!(d > 0) || d > 1_000_000) {
        throw new IllegalArgumentException("expected a number of requests per second in (0, 1000000]");
      }
      return d;
    });
    return new Rate(perSecond, c.integer("ratelimit." + client + "-burst", 1, 1_000_000));
  }
}
