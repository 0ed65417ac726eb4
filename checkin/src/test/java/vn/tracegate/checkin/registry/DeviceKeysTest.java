package vn.tracegate.checkin.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceKeysTest {

  private final DeviceKeys keys = new DeviceKeys(new SecureRandom());

  @Test
  void aNewKeyIsPrefixedUrlSafeAndDifferentEachTime() {
    String a = keys.generate();
    String b = keys.generate();
    assertThat(a).startsWith("tgd_").hasSize(4 + 43).matches("tgd_[A-Za-z0-9_-]+");
    assertThat(a).isNotEqualTo(b);
    assertThat(DeviceKeys.wellFormed(a)).isTrue();
  }

  @Test
  void theStoredHashIsHexSha256OfTheKey() {
    assertThat(DeviceKeys.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"tgd_short", "xyz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "tgd_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+", "tgd_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
  void textThatIsNotShapedLikeAKeyIsRefusedWithoutALookup(String key) {
    assertThat(DeviceKeys.wellFormed(key)).isFalse();
  }
}
