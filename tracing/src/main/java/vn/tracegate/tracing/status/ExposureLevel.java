package vn.tracegate.tracing.status;

/** A worker's exposure status, most severe first. A trace only ever raises it. */
public enum ExposureLevel {
  F0, F1, F2, F3, NORMAL;

  /** The level of a trace node: 0 is F0, 1 is F1, ... */
  public static ExposureLevel ofTraceLevel(int level) {
    return values()[level];
  }

  public boolean isMoreSevereThan(ExposureLevel other) {
    return ordinal() < other.ordinal();
  }
}
