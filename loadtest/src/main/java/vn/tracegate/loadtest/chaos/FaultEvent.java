package vn.tracegate.loadtest.chaos;

import io.vertx.core.json.JsonObject;

/**
 * One fault of the timeline: when it was injected and healed (seconds since the load started),
 * whether each command succeeded, and when the gateway first answered a scan 2xx once the heal
 * had begun (for Redis: 2xx without PRESENCE_STALE; while the fault holds no answer is one).
 *
 * @param firstOkNanos {@link System#nanoTime()} of that first 2xx; 0 when none came in time
 */
public record FaultEvent(Fault fault, int phase, long t0Nanos, FaultScript.Outcome inject, FaultScript.Outcome heal,
    long firstOkNanos) {

  public boolean injected() {
    return inject.ok();
  }

  public boolean recovered() {
    return heal.ok() && firstOkNanos != 0;
  }

  double injectedAtSecond() {
    return second(inject.startNanos());
  }

  double healedAtSecond() {
    return second(heal.endNanos());
  }

  /** From the end of the heal (the service answers again) to the gateway's first 2xx; 0 if it came sooner. */
  public double recoverySeconds() {
    return recovered() ? round(Math.max(0, firstOkNanos - heal.endNanos()) / 1e9) : -1;
  }

  /** From the start of the injection to the first 2xx after the heal began. */
  public double outageSeconds() {
    return recovered() ? round((firstOkNanos - inject.startNanos()) / 1e9) : -1;
  }

  private double second(long nanos) {
    return round((nanos - t0Nanos) / 1e9);
  }

  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("fault", fault.cliName())
        .put("phase", phase)
        .put("injectCommand", inject.command())
        .put("injected", injected())
        .put("injectExit", inject.exit())
        .put("injectedAt", inject.endedAt().minusNanos(inject.endNanos() - inject.startNanos()).toString())
        .put("injectedAtSecond", injectedAtSecond())
        .put("injectCommandSeconds", inject.seconds())
        .put("healCommand", heal.command())
        .put("healExit", heal.exit())
        .put("healStartedAtSecond", second(heal.startNanos()))
        .put("healedAt", heal.endedAt().toString())
        .put("healedAtSecond", healedAtSecond())
        .put("healCommandSeconds", heal.seconds())
        .put("recovered", recovered())
        .put("firstOkAt", recovered() ? heal.endedAt().plusNanos(firstOkNanos - heal.endNanos()).toString() : null)
        .put("firstOkAtSecond", recovered() ? second(firstOkNanos) : null)
        .put("firstOkAfterHealSeconds", recovered() ? recoverySeconds() : null)
        .put("outageSeconds", recovered() ? outageSeconds() : null);
  }
}
