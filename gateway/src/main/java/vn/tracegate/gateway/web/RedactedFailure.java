package vn.tracegate.gateway.web;

/**
 * A failure as it may be logged: the class names and stack frames of the original and its causes,
 * without their messages. Exception messages often quote their input (a parser's "unexpected
 * token ...", a driver's bound value), and the input of this API is names and phone numbers.
 */
final class RedactedFailure extends RuntimeException {

  private RedactedFailure(Throwable original, Throwable cause) {
    super(original.getClass().getName() + " (message withheld: it may quote request data)", cause, false, true);
    setStackTrace(original.getStackTrace());
  }

  /** The redacted copy of {@code failure} and its causes (at most 16 deep). */
  static RedactedFailure of(Throwable failure) {
    return copy(failure, 0);
  }

  private static RedactedFailure copy(Throwable t, int depth) {
    Throwable cause = t.getCause();
    return new RedactedFailure(t, cause == null || cause == t || depth >= 16 ? null : copy(cause, depth + 1));
  }
}
