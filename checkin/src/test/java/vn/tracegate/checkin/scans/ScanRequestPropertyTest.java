package vn.tracegate.checkin.scans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.tracegate.checkin.BadInput;
import vn.tracegate.checkin.JsonGarbage;
import vn.tracegate.checkin.Rejection;

/** Whatever a client sends as a scan, parsing gives a well-formed request or a 400, nothing else. */
class ScanRequestPropertyTest {

  static final JsonObject VALID = new JsonObject()
      .put("scanId", "3f2504e0-4f89-41d3-9a0c-0305e82c3301")
      .put("qr", "TG1.B.k1.NV001.tgn5c0.tgq9c0.AAAA")
      .put("checkpointId", "ws-1")
      .put("action", "IN")
      .put("at", "2026-11-22T07:30:00Z");

  @Test
  void aSpoiledScanBodyParsesToAWellFormedRequestOrIsA400() {
    BadInput.forAll("ScanRequest.fromJson", 20_000, rnd -> JsonGarbage.spoil(rnd, VALID), body -> {
      try {
        wellFormed(ScanRequest.fromJson(body));
      } catch (Rejection r) {
        assertThat(r.kind()).isEqualTo(Rejection.Kind.INVALID);
        throw r;
      }
    });
  }

  @Test
  void anyJsonObjectAtAllParsesOrIsA400() {
    BadInput.forAll("ScanRequest.fromJson(any)", 5_000, rnd -> {
      Object any = JsonGarbage.any(rnd, 3);
      return any instanceof JsonObject o ? o : new JsonObject().put("scans", any);
    }, body -> wellFormed(ScanRequest.fromJson(body)));
  }

  @Test
  void spoiledImageQueryParametersParseOrAreA400() {
    BadInput.forAll("ScanRequest.of", 20_000, ScanRequestPropertyTest::queryParameters, p -> {
      try {
        wellFormed(ScanRequest.of(p[0], p[1], p[2], p[3], p[4]));
      } catch (Rejection r) {
        assertThat(r.kind()).isEqualTo(Rejection.Kind.INVALID);
        throw r;
      }
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"IN", "in", "In", "OUT", "out", "oUt"})
  void anActionIsInOrOutInAnyAsciiCase(String action) {
    assertThat(ScanRequest.fromJson(VALID.copy().put("action", action)).action().name())
        .isEqualToIgnoringCase(action);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u0131n", "\u0131N", "o\u0075\u0163", "\uff29\uff2e", " IN", "IN\u0000", "INN", ""})
  void anActionThatOnlyLooksLikeInOrOutIsA400(String action) {
    // Found in review: Java upper-cases the dotless "\u0131n" to "IN", so it was stored as an IN.
    Rejection r = catchThrowableOfType(Rejection.class, () -> ScanRequest.fromJson(VALID.copy().put("action", action)));
    assertThat(r).isNotNull();
    assertThat(r.kind()).isEqualTo(Rejection.Kind.INVALID);
  }

  @Test
  void theFastInstantReaderAgreesWithInstantParseOrLeavesTheStringToIt() {
    Random rnd = new Random(BadInput.SEED);
    int fast = 0;
    for (int i = 0; i < 50_000; i++) {
      Instant t = Instant.ofEpochSecond(rnd.nextLong(-62_000_000_000L, 253_000_000_000L), rnd.nextInt(1_000_000_000));
      String text = t.toString();
      String s = rnd.nextBoolean() ? text : BadInput.mutateSome(rnd, text);
      Instant mine = ScanRequest.utcInstant(s);
      Instant theirs;
      try {
        theirs = Instant.parse(s);
      } catch (java.time.format.DateTimeParseException e) {
        theirs = null;
      }
      if (mine != null) {
        fast++;
        assertThat(mine).as(s).isEqualTo(theirs);
      }
    }
    assertThat(fast).as("strings read by the fast path").isGreaterThan(20_000);
    for (String s : new String[] {"2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-11-22T24:00:00Z",
        "2026-11-22T07:30:60Z", "2026-11-22t07:30:00z", "2026-11-22T07:30:00.Z", "2026-11-22T07:30:00.1234567890Z",
        "+2026-11-22T07:30:00Z", "2026-11-22T07:30:00+07:00"}) {
      assertThat(ScanRequest.utcInstant(s)).as(s).isNull();
    }
    assertThat(ScanRequest.utcInstant("2024-02-29T23:59:59.5Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.5Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ws-1", "A", "a_b-C9", "0123456789012345678901234567890123456789012345678901234567890123"})
  void aCheckpointIdOfLettersDigitsDashAndUnderscoreIsAccepted(String id) {
    assertThat(ScanRequest.fromJson(VALID.copy().put("checkpointId", id)).checkpointId()).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ws 1", "ws/1", "xưởng-1", "01234567890123456789012345678901234567890123456789012345678901234"})
  void anyOtherCheckpointIdIsA400(String id) {
    Rejection r = catchThrowableOfType(Rejection.class, () -> ScanRequest.fromJson(VALID.copy().put("checkpointId", id)));
    assertThat(r.kind()).isEqualTo(Rejection.Kind.INVALID);
  }

  @Test
  void noBodyIsA400NotANullPointer() {
    Rejection r = catchThrowableOfType(Rejection.class, () -> ScanRequest.fromJson(null));
    assertThat(r.kind()).isEqualTo(Rejection.Kind.INVALID);
  }

  private static String[] queryParameters(Random rnd) {
    String[] p = {VALID.getString("scanId"), VALID.getString("qr"), VALID.getString("checkpointId"),
        VALID.getString("action"), VALID.getString("at")};
    for (int i = 0; i < p.length; i++) {
      switch (rnd.nextInt(6)) {
        case 0 -> p[i] = null;
        case 1 -> p[i] = BadInput.text(rnd, 10);
        case 2, 3 -> p[i] = BadInput.mutateSome(rnd, p[i]);
        default -> { }
      }
    }
    return p;
  }

  /** What the rest of the scan path relies on when parsing succeeded. */
  private static void wellFormed(ScanRequest scan) {
    assertThat(scan.scanId()).isInstanceOf(UUID.class);
    assertThat(scan.qr()).isNotEmpty().hasSizeLessThanOrEqualTo(512);
    if (scan.checkpointId() != null) {
      assertThat(scan.checkpointId()).matches("[A-Za-z0-9_-]{1,64}");
    }
    assertThat(scan.action()).isNotNull();
    assertThat(scan.at()).isInstanceOf(Instant.class);
  }

  @Test
  void theGeneratorsReachBothOutcomes() {
    int parsed = 0;
    for (int i = 0; i < 2_000; i++) {
      try {
        ScanRequest.fromJson(JsonGarbage.spoil(new Random(BadInput.SEED + i), VALID));
        parsed++;
      } catch (Rejection r) {
        // the other outcome
      }
    }
    assertThat(parsed).as("spoiled bodies that still parse").isBetween(20, 1_980);
  }
}
