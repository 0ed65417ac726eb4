package vn.tracegate.loadtest.park;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.tracegate.checkin.registry.CheckpointKind;
import vn.tracegate.checkin.registry.RegistryRules;
import vn.tracegate.checkin.registry.WorkerCsv;
import vn.tracegate.loadtest.park.Park.Commute;
import vn.tracegate.loadtest.park.Park.Worker;

class ParkGeneratorTest {

  @Test
  void theSameSeedGivesTheSamePark() {
    assertThat(ParkGenerator.generate(42, 3_000)).isEqualTo(ParkGenerator.generate(42, 3_000));
  }

  @Test
  void anotherSeedGivesAnotherParkUnderItsOwnIds() {
    Park a = ParkGenerator.generate(1, 3_000);
    Park b = ParkGenerator.generate(2, 3_000);
    assertThat(a.workers().get(0).fullName() + a.workers().get(1).fullName())
        .isNotEqualTo(b.workers().get(0).fullName() + b.workers().get(1).fullName());
    assertThat(a.checkpoints()).allSatisfy(c -> assertThat(c.id()).startsWith("k1-"));
    assertThat(b.workers()).allSatisfy(w -> assertThat(w.id()).startsWith("k2-"));
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 2_500, 20_000})
  void everyIdIsUniqueAndValidForTheRegistry(int workers) {
    Park park = ParkGenerator.generate(7, workers);
    Set<String> ids = new HashSet<>();
    park.checkpoints().forEach(c -> assertThat(ids.add(RegistryRules.id("id", c.id()))).as(c.id()).isTrue());
    park.workers().forEach(w -> assertThat(ids.add(RegistryRules.id("id", w.id()))).as(w.id()).isTrue());
    park.enterprises().forEach(e -> assertThat(ids.add(RegistryRules.id("id", e.id()))).isTrue());
    assertThat(ids.add(park.board().id())).isTrue();
    assertThat(park.workers()).hasSize(workers);
    // A scanner's id is its checkpoint's id plus "-may" and a six-letter run tag.
    park.checkpoints().forEach(c -> RegistryRules.id("id", c.id() + "-mayabcdef"));
  }

  @Test
  void theRosterPassesTheImportRulesLineForLine() {
    Park park = ParkGenerator.generate(3, 5_000);
    String csv = ParkSeeder.rosterCsv(park, park.workers());
    WorkerCsv.Parsed parsed = WorkerCsv.parse(csv.getBytes(StandardCharsets.UTF_8));
    assertThat(parsed.errors()).isEmpty();
    assertThat(parsed.rows()).hasSize(5_000);
    assertThat(parsed.rows().get(0).worker().fullName()).isEqualTo(park.workers().get(0).fullName());
  }

  @Test
  void namesAreVietnameseInNfcAndNguyenIsTheCommonestFamilyName() {
    Park park = ParkGenerator.generate(5, 10_000);
    Map<String, Long> families = park.workers().stream()
        .collect(Collectors.groupingBy(w -> w.fullName().split(" ")[0], Collectors.counting()));
    String commonest = families.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    assertThat(commonest).isEqualTo("Nguyễn");
    assertThat(park.workers()).allSatisfy(w -> {
      assertThat(Normalizer.isNormalized(w.fullName(), Normalizer.Form.NFC)).isTrue();
      assertThat(w.phone()).matches("09\\d{8}");
    });
  }

  @Test
  void everyKindOfPlaceIsThereAndSharedOnesBelongToNoEnterprise() {
    Park park = ParkGenerator.generate(9, 20_000);
    for (CheckpointKind k : List.of(CheckpointKind.GATE, CheckpointKind.WORKSHOP, CheckpointKind.CANTEEN,
        CheckpointKind.DORMITORY, CheckpointKind.BUS)) {
      assertThat(park.count(k)).as(k.name()).isPositive();
    }
    assertThat(park.checkpoints()).allSatisfy(c -> assertThat(c.enterpriseId() == null)
        .isEqualTo(c.kind() == CheckpointKind.BUS || c.kind() == CheckpointKind.DORMITORY));
    assertThat(park.enterprises()).hasSize(10);
  }

  @Test
  void aWorkshopHoldsItsLargestShiftAndABusCarriesAtMostItsSeats() {
    Park park = ParkGenerator.generate(11, 8_000);
    for (int i = 0; i < park.checkpoints().size(); i++) {
      Park.Checkpoint c = park.checkpoints().get(i);
      int index = i;
      if (c.kind() == CheckpointKind.WORKSHOP) {
        for (Shift s : Shift.values()) {
          long present = park.workers().stream().filter(w -> w.workshop() == index && w.shift() == s).count();
          assertThat(present).as(c.id() + " " + s).isLessThanOrEqualTo(c.capacity());
        }
      }
    }
    Map<Integer, Long> perTrip = park.workers().stream().filter(w -> w.commute() == Commute.BUS)
        .collect(Collectors.groupingBy(Worker::inboundTrip, Collectors.counting()));
    assertThat(perTrip.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(ParkGenerator.BUS_SEATS));
    assertThat(park.workers()).filteredOn(w -> w.commute() == Commute.BUS)
        .allSatisfy(w -> assertThat(park.trips().get(w.inboundTrip()).shift()).isEqualTo(w.shift()));
  }

  @Test
  void aParkOfTooFewWorkersOrANegativeSeedIsRefused() {
    assertThatThrownBy(() -> ParkGenerator.generate(1, 5)).hasMessageContaining("workers must be from 10");
    assertThatThrownBy(() -> ParkGenerator.generate(-1, 100)).hasMessageContaining("seed must be 0 or more");
  }
}
