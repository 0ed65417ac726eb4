package vn.tracegate.tracing.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.tracegate.tracing.Scans.t;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.tracegate.checkin.Rejection;

class TraceRequestTest {

  private static final Instant FROM = t("2021-07-01 00:00");
  private static final Instant TO = t("2021-07-15 00:00");

  static Stream<Arguments> badRequests() {
    return Stream.of(
        Arguments.of(TraceRequest.of(" ", FROM, TO, 2, null), "WORKER_ID_MISSING",
            "workerId (the F0) is required"),
        Arguments.of(TraceRequest.of("w1", null, TO, 2, null), "WINDOW_MISSING",
            "from and to are required, as ISO-8601 instants"),
        Arguments.of(TraceRequest.of("w1", TO, FROM, 2, null), "WINDOW_INVERTED",
            "from must be before to, got from=2021-07-14T17:00:00Z to=2021-06-30T17:00:00Z"),
        Arguments.of(TraceRequest.of("w1", FROM, FROM, 2, null), "WINDOW_INVERTED",
            "from must be before to, got from=2021-06-30T17:00:00Z to=2021-06-30T17:00:00Z"),
        // Found by BadInputIT: year -999999999 was a 500, +999999999 a 503, 1900 or 10000 stored an F0 since then.
        Arguments.of(TraceRequest.of("w1", Instant.parse("-999999999-01-01T00:00:00Z"),
            Instant.parse("-999999999-01-02T00:00:00Z"), 2, null), "WINDOW_OUT_OF_RANGE",
            "from and to must lie between 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z, got"
                + " from=-999999999-01-01T00:00:00Z to=-999999999-01-02T00:00:00Z"),
        Arguments.of(TraceRequest.of("w1", Instant.parse("+999999999-01-01T00:00:00Z"), Instant.MAX, 2, null),
            "WINDOW_OUT_OF_RANGE", "from and to must lie between 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z, got"
                + " from=+999999999-01-01T00:00:00Z to=+1000000000-12-31T23:59:59.999999999Z"),
        Arguments.of(TraceRequest.of("w1", Instant.parse("1999-12-31T23:59:59Z"), FROM, 2, null), "WINDOW_OUT_OF_RANGE",
            "from and to must lie between 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z, got"
                + " from=1999-12-31T23:59:59Z to=2021-06-30T17:00:00Z"),
        Arguments.of(TraceRequest.of("w1", TO, Instant.parse("2100-01-01T00:00:01Z"), 2, null), "WINDOW_OUT_OF_RANGE",
            "from and to must lie between 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z, got"
                + " from=2021-07-14T17:00:00Z to=2100-01-01T00:00:01Z"),
        Arguments.of(TraceRequest.of("w1", FROM, t("2021-07-29 00:01"), 2, null), "WINDOW_TOO_LONG",
            "the window from..to must be at most 28 days (P28D), got PT672H1M"),
        Arguments.of(TraceRequest.of("w1", FROM, TO, 0, null), "DEPTH_OUT_OF_RANGE",
            "depth must be between 1 and 3, got 0"),
        Arguments.of(TraceRequest.of("w1", FROM, TO, 4, null), "DEPTH_OUT_OF_RANGE",
            "depth must be between 1 and 3, got 4"),
        Arguments.of(TraceRequest.of("w1", FROM, TO, 2, -1), "MIN_OVERLAP_OUT_OF_RANGE",
            "minOverlapMinutes must be between 0 and 600, got -1"),
        Arguments.of(TraceRequest.of("w1", FROM, TO, 2, 601), "MIN_OVERLAP_OUT_OF_RANGE",
            "minOverlapMinutes must be between 0 and 600, got 601"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badRequests")
  void aBadRequestIsRejectedAsInvalidWithItsCodeAndAnExactMessage(TraceRequest request, String code, String message) {
    assertThatThrownBy(request::validated)
        .isInstanceOfSatisfying(Rejection.class, r -> {
          assertThat(r.kind()).isEqualTo(Rejection.Kind.INVALID);
          assertThat(r.code()).isEqualTo(code);
          assertThat(r.getMessage()).isEqualTo(message);
        });
  }

  @Test
  void aWindowOfExactly28DaysWithDepth3AndBoundaryOverlapsIsValid() {
    assertThat(TraceRequest.of("w1", FROM, t("2021-07-29 00:00"), 3, 600).validated()).isNotNull();
    assertThat(TraceRequest.of("w1", FROM, TO, 1, 0).validated()).isNotNull();
  }

  @Test
  void anAbsentDepthMeansTwo() {
    assertThat(TraceRequest.of("w1", FROM, TO, null, null).depth()).isEqualTo(2);
  }
}
