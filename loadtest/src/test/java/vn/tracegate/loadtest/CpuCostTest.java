package vn.tracegate.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class CpuCostTest {

  /** The phases of a 2,000/s run's ceilings on this machine kind (session 9's 5-minute run), % of one core. */
  private static final JsonObject PHASES = new JsonObject()
      .put("traceGateClosedLoop",
          new JsonObject().put("gateway", 67).put("cassandra", 62).put("redis", 30).put("driver", 24))
      .put("cassandraVisitLog",
          new JsonObject().put("gateway", 1).put("cassandra", 142).put("redis", 0).put("driver", 46))
      .put("bareVertx", new JsonObject().put("gateway", 1).put("cassandra", 3).put("bare", 105).put("driver", 73));

  @Test
  void theFloorIsTwoRowsOneBareRequestAndRedissShareOfAScan() {
    CpuCost.Floor floor = CpuCost.Floor.of(PHASES, 18_889, 17_661, 3_733);

    assertThat(floor.rowsMicros()).isCloseTo(2 * 188 / 100.0 * 1e6 / 18_889, within(0.01)); // 199.1
    assertThat(floor.httpMicros()).isCloseTo(178 / 100.0 * 1e6 / 17_661, within(0.01)); // 100.8
    assertThat(floor.redisMicros()).isCloseTo(30 / 100.0 * 1e6 / 3_733, within(0.01)); // 80.4
    assertThat(floor.micros()).isCloseTo(380.3, within(0.1));
    assertThat(floor.scansPerSecond(2)).isCloseTo(5_259, within(2.0));
  }

  @Test
  void theRoofTargetLeavesAScanItsBudgetAt80PercentBusyLessTwoRowsAndABareRequest() {
    // Session 15's 13:10 ramp: single inserts 49,211 rows/s at Cassandra 148 % + driver 40 % of a core.
    JsonObject phases = PHASES.copy().put("cassandraSingleInserts",
        new JsonObject().put("gateway", 1).put("cassandra", 148).put("redis", 0).put("driver", 40));
    CpuCost.Floor floor = CpuCost.Floor.of(phases, 18_889, 17_661, 3_733);

    CpuCost.RoofBound bound = CpuCost.RoofBound.of(phases, 2, 49_211, floor, 0.6);

    double roofScans = 49_211 / 2.0;
    double rowMicros = 188 / 100.0 * 1e6 / 49_211; // 38.2, cheaper than the batches' 99.6 a row
    assertThat(bound.budgetMicros()).isCloseTo(0.8 * 2e6 / (0.6 * roofScans), within(0.01)); // 108.4
    assertThat(bound.minimumMicros()).isCloseTo(2 * rowMicros + 100.8, within(0.1)); // 177.2
    assertThat(bound.leftMicros()).isCloseTo(108.4 - 177.2, within(0.2)).isNegative();
    assertThat(bound.floorShare()).isCloseTo(0.8 * 2e6 / 380.3 / roofScans, within(0.001)); // 0.171
    // Single inserts dearer than the gateway's batches (a slow host's roof): the batches' rows count.
    CpuCost.RoofBound dearInserts = CpuCost.RoofBound.of(phases, 2, 9_000, floor, 0.6);
    assertThat(dearInserts.minimumMicros()).isCloseTo(floor.rowsMicros() + floor.httpMicros(), within(0.01));
    assertThat(dearInserts.leftMicros()).isPositive(); // 0.8 * 2e6 / 2,700 = 592.6 against 299.9
    assertThat(CpuCost.RoofBound.of(PHASES, 2, 49_211, floor, 0.6)).isNull(); // single inserts' CPU not sampled
    assertThat(CpuCost.RoofBound.of(phases, 2, 49_211, null, 0.6)).isNull();
  }

  @Test
  void noFloorWithoutEveryCeiling() {
    JsonObject noBare = PHASES.copy();
    noBare.remove("bareVertx");

    assertThat(CpuCost.Floor.of(noBare, 18_889, 17_661, 3_733)).isNull();
    assertThat(CpuCost.Floor.of(PHASES, 18_889, 17_661, 0)).isNull();
  }

  @Test
  void costPerOperationIsPercentOfACoreOverTheRate() {
    CpuCost c = new CpuCost(new JsonObject().put("gateway", 60).put("redis", 28), 2_000);

    assertThat(c.micros("gateway")).isCloseTo(300, within(1e-9));
    assertThat(c.micros(java.util.List.of("gateway", "redis", "absent"))).isCloseTo(440, within(1e-9));
    assertThat(c.micros("absent")).isNaN();
    assertThat(c.projected(java.util.List.of("gateway", "redis"), 2)).isCloseTo(4_545.45, within(0.01));
  }
}
