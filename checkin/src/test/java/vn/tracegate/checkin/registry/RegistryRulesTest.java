package vn.tracegate.checkin.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.tracegate.checkin.Rejection;

class RegistryRulesTest {

  private static final String ID_MESSAGE = "id must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -";
  private static final String PHONE_MESSAGE = "phone must be a Vietnamese mobile number: 10 digits starting"
      + " with 03, 05, 07, 08 or 09, or +84 and 9 digits";

  @ParameterizedTest
  @ValueSource(strings = {"a", "NV-0001", "bus_12", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"})
  void anIdOfSlugCharactersIsAccepted(String id) {
    assertThat(RegistryRules.id("id", id)).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nv 001", "nv/001", "nhà-máy", "a.b", " a", "a\n"})
  void anIdWithOtherCharactersIsRefusedNamingTheField(String id) {
    assertInvalid(() -> RegistryRules.id("id", id), ID_MESSAGE);
  }

  @Test
  void anIdOfSixtyFourCharactersIsAcceptedAndOneMoreIsNot() {
    assertThat(RegistryRules.id("id", "x".repeat(64))).hasSize(64);
    assertInvalid(() -> RegistryRules.id("id", "x".repeat(65)), ID_MESSAGE);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void aMissingIdIsRequired(String id) {
    assertInvalid(() -> RegistryRules.id("enterpriseId", id), "enterpriseId is required");
  }

  @Test
  void aNameIsTrimmedAndNormalisedToNfc() {
    String decomposed = "Xu\u031Bo\u031B\u0309ng May"; // "Xưởng May" typed with combining marks
    assertThat(RegistryRules.name("name", "  " + decomposed + " ")).isEqualTo("Xưởng May");
  }

  @Test
  void aNameOfTwoHundredCharactersIsAcceptedAndOneMoreIsNot() {
    assertThat(RegistryRules.name("name", "ư".repeat(200))).hasSize(200);
    assertInvalid(() -> RegistryRules.name("name", "ư".repeat(201)), "name must be at most 200 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Canteen\u0007A", "Line\nbreak", "Tab\there", "evil\u202Egnp.exe", "a\u2028b"})
  void aNameWithControlCharactersIsRefused(String name) {
    assertInvalid(() -> RegistryRules.name("name", name), "name must not contain control characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Xưởng \ud800", "\udfff1", "Tổ \udbff", "ab\udc00\ud800"})
  void aNameOrTeamWithAnUnpairedSurrogateIsRefusedNotStoredAsAQuestionMark(String text) {
    // Found by RegistryJsonPropertyTest: JSON's "\ud800" passed, and the driver's UTF-8 encoder threw (a 500).
    assertInvalid(() -> RegistryRules.name("name", text), "name must be valid Unicode text (it has an unpaired surrogate)");
    assertInvalid(() -> RegistryRules.team(text), "team must be valid Unicode text (it has an unpaired surrogate)");
    assertThat(RegistryRules.name("name", "Căng tin \ud83d\ude00")).isEqualTo("Căng tin \ud83d\ude00");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Nguyễn Văn An", "Trần Thị Ánh Tuyết", "Đặng Hữu Phước", "O'Neil", "Lê Thị-Hoa", "Ng. Văn B"})
  void aVietnameseFullNameIsKeptIntact(String name) {
    assertThat(RegistryRules.fullName(name)).isEqualTo(name);
  }

  @Test
  void aFullNameCollapsesRunsOfSpaces() {
    assertThat(RegistryRules.fullName("  Nguyễn   Văn\u00A0 An ")).isEqualTo("Nguyễn Văn An");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Nguyễn Văn 2", "Trần <b>", "Lê_Hoa", "=HYPERLINK(\"x\")", "Phạm\tAn"})
  void aFullNameWithDigitsOrSymbolsIsRefused(String name) {
    assertInvalid(() -> RegistryRules.fullName(name), "fullName may contain only letters, spaces and . ' -");
  }

  @Test
  void aFullNameOfMoreThanOneHundredCharactersIsRefused() {
    assertThat(RegistryRules.fullName("Đ".repeat(100))).hasSize(100);
    assertInvalid(() -> RegistryRules.fullName("Đ".repeat(101)), "fullName must be at most 100 characters");
  }

  @ParameterizedTest
  @CsvSource({
      "0912345678, 0912345678",
      "+84912345678, 0912345678",
      "84912345678, 0912345678",
      "+84 0912 345 678, 0912345678",
      "912345678, 0912345678",
      "0912.345.678, 0912345678",
      "(+84) 38-123-4567, 0381234567",
      "0581234567, 0581234567",
      "0701234567, 0701234567",
      "0861234567, 0861234567",
  })
  void aVietnameseMobileNumberIsNormalisedToTenDigits(String given, String stored) {
    assertThat(RegistryRules.phone(given)).isEqualTo(stored);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0212345678", "091234567", "09123456789", "+1 415 555 0100", "0912-abc-678",
      "84012345678", "9.12345678E8", "+8491234567"})
  void aNumberThatIsNotAVietnameseMobileIsRefusedWithoutEchoingIt(String phone) {
    assertInvalid(() -> RegistryRules.phone(phone), PHONE_MESSAGE);
  }

  @Test
  void aMissingPhoneIsRequired() {
    assertInvalid(() -> RegistryRules.phone(" "), "phone is required");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   "})
  void aBlankTeamMeansNoTeam(String team) {
    assertThat(RegistryRules.team(team)).isNull();
  }

  @Test
  void aTeamIsTrimmedAndLimitedToSixtyFourCharacters() {
    assertThat(RegistryRules.team(" Tổ may 3 ")).isEqualTo("Tổ may 3");
    assertThat(RegistryRules.team("t".repeat(64))).hasSize(64);
    assertInvalid(() -> RegistryRules.team("t".repeat(65)), "team must be at most 64 characters");
    assertInvalid(() -> RegistryRules.team("Tổ\u0000"), "team must not contain control characters");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 20, 100_000})
  void aCapacityFromOneToOneHundredThousandIsAccepted(int capacity) {
    assertThat(RegistryRules.capacity(capacity)).isEqualTo(capacity);
  }

  @Test
  void aWholeCapacityWrittenAsADecimalIsAccepted() {
    assertThat(RegistryRules.capacity(20.0)).isEqualTo(20);
    assertThat(RegistryRules.capacity(20L)).isEqualTo(20);
  }

  @ParameterizedTest
  @CsvSource(value = {"0", "-1", "100001", "20.5", "NaN", "text20", "true", "null", "9999999999999"}, nullValues = "null")
  void aCapacityThatIsNotAWholeNumberInRangeIsRefused(String text) {
    Object raw = switch (text == null ? "null" : text) {
      case "null" -> null;
      case "text20" -> "20";
      case "true" -> Boolean.TRUE;
      case "NaN" -> Double.NaN;
      default -> text.contains(".") ? (Object) Double.valueOf(text) : (Object) Long.valueOf(text);
    };
    assertInvalid(() -> RegistryRules.capacity(raw), "capacity must be an integer from 1 to 100000");
  }

  @ParameterizedTest
  @CsvSource({"BUS, BUS", "workshop, WORKSHOP", " Canteen , CANTEEN", "gate, GATE"})
  void aKindIsReadCaseInsensitively(String given, CheckpointKind kind) {
    assertThat(RegistryRules.kind(given)).isEqualTo(kind);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TRUCK", "BUSES", "xe buýt"})
  void anUnknownKindListsTheAllowedOnes(String kind) {
    assertInvalid(() -> RegistryRules.kind(kind),
        "kind must be one of GATE, WORKSHOP, CANTEEN, DORMITORY, BUS, OTHER");
  }

  @Test
  void aDeviceListsOneToSixtyFourCheckpointsCountingRepeatsOnce() {
    assertThat(RegistryRules.checkpointIds(List.of("gate-1", "ws-2", "gate-1"))).containsExactly("gate-1", "ws-2");
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 65; i++) {
      many.add("cp" + i);
    }
    assertThat(RegistryRules.checkpointIds(many.subList(0, 64))).hasSize(64);
    String message = "checkpointIds must list 1 to 64 checkpoints";
    assertInvalid(() -> RegistryRules.checkpointIds(many), message);
    assertInvalid(() -> RegistryRules.checkpointIds(Collections.emptyList()), message);
    assertInvalid(() -> RegistryRules.checkpointIds(null), message);
    assertInvalid(() -> RegistryRules.checkpointIds(List.of("gate 1")),
        "checkpointIds must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -");
  }

  static void assertInvalid(Runnable call, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(Rejection.class, r -> {
          assertThat(r.kind()).isEqualTo(Rejection.Kind.INVALID);
          assertThat(r.code()).isEqualTo("INVALID");
        })
        .hasMessage(message);
  }
}
