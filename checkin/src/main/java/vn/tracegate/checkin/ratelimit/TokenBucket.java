package vn.tracegate.checkin.ratelimit;

/**
 * The token bucket arithmetic, pure: the reference for {@code token-bucket.lua}, which does the
 * same in Redis. Tokens are counted in thousandths as whole numbers and refill is floored, so the
 * Java and Lua versions give identical answers. A bucket not seen before is full.
 */
public final class TokenBucket {

  private TokenBucket() {}

  /** A bucket: thousandths of a token left, and when it was last refilled (epoch ms). */
  public record State(long milliTokens, long atMillis) {}

  /**
   * The answer to one take.
   *
   * @param retryAfterMillis 0 when allowed; else how long until {@code cost} tokens are back
   */
  public record Decision(boolean allowed, long retryAfterMillis, long milliTokensLeft) {

    /** Retry-After in whole seconds, rounded up, at least 1. */
    public long retryAfterSeconds() {
      return Math.max(1, (retryAfterMillis + 999) / 1000);
    }
  }

  /** The result of a take: the decision and the bucket to store. */
  public record Outcome(Decision decision, State next) {}

  /** Takes {@code cost} tokens at {@code now} from {@code state} (null: a new, full bucket). */
  public static Outcome take(State state, long nowMillis, Rate rate, int cost) {
    long burst = rate.burst() * 1000L;
    long tokens = state == null ? burst : state.milliTokens();
    long at = state == null ? nowMillis : state.atMillis();
    if (nowMillis > at) {
      tokens = Math.min(burst, tokens + (long) Math.floor((nowMillis - at) * rate.perSecond()));
      at = nowMillis;
    }
    long need = cost * 1000L;
    if (tokens >= need) {
      return new Outcome(new Decision(true, 0, tokens - need), new State(tokens - need, at));
    }
    long wait = (long) Math.ceil((need - tokens) / rate.perSecond());
    return new Outcome(new Decision(false, wait, tokens), new State(tokens, at));
  }
}
