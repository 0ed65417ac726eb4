package vn.tracegate.loadtest.park;

import java.time.Instant;
import java.util.List;

/**
 * A park registered in a running gateway: the API key of the scanner at each checkpoint and the
 * signed badge of each worker (park indexes), fetched once per run and kept in memory.
 *
 * @param badgesValidUntil the earliest end of validity among the badges
 */
public record SeededPark(Park park, List<String> deviceKeys, List<String> badges, Instant badgesValidUntil,
    double seconds) {

  /** The Authorization header of the scanner at checkpoint {@code index}. */
  public String deviceAuthorization(int checkpoint) {
    return "ApiKey " + deviceKeys.get(checkpoint);
  }
}
