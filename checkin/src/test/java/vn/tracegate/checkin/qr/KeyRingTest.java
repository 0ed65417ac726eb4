package vn.tracegate.checkin.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.Rejection;

class KeyRingTest {

  static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");

  @Test
  void aGeneratedKeyIsActiveCanSignAndKeepsItsCreationToTheMillisecond() {
    SigningKey key = SigningKey.generate("k1", Instant.parse("2026-11-22T00:00:00.123456Z"));

    assertThat(key.status()).isEqualTo(KeyStatus.ACTIVE);
    assertThat(key.canSign()).isTrue();
    assertThat(key.publicKey()).hasSize(32);
    assertThat(key.privateKey()).hasSize(32);
    assertThat(key.createdAt()).isEqualTo(Instant.parse("2026-11-22T00:00:00.123Z"));
  }

  @Test
  void aKeyPrintsNoKeyMaterial() {
    SigningKey key = SigningKey.generate("k1", T0);
    HexFormat hex = HexFormat.of();

    assertThat(key.toString())
        .contains("k1")
        .doesNotContain(hex.formatHex(key.privateKey()).substring(0, 8))
        .doesNotContain(hex.formatHex(key.publicKey()).substring(0, 8));
  }

  @Test
  void aPrivateKeyThatDoesNotMatchItsPublicKeyIsRefusedAtLoad() {
    SigningKey a = SigningKey.generate("a", T0);
    SigningKey b = SigningKey.generate("b", T0);

    assertThatThrownBy(
        () -> new SigningKey("a", KeyStatus.ACTIVE, a.publicKey(), b.privateKey(), T0))
        .hasMessageContaining("does not match");
  }

  @Test
  void aKeyIdOutsideTheGrammarIsRefused() {
    SigningKey a = SigningKey.generate("a", T0);

    assertThatThrownBy(
        () -> new SigningKey("a.b", KeyStatus.ACTIVE, a.publicKey(), null, T0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SigningKey.generate("k".repeat(33), T0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theActiveSignerIsTheNewestActiveKeyThatHasAPrivateKey() {
    SigningKey old = SigningKey.generate("old", T0);
    SigningKey current = SigningKey.generate("current", T0.plusSeconds(10));
    SigningKey retired = SigningKey.generate("retired", T0.plusSeconds(20))
        .withStatus(KeyStatus.RETIRED);
    SigningKey verifyingOnly = SigningKey.generate("remote", T0.plusSeconds(30)).verifyingOnly();

    KeyRing ring = KeyRing.of(old, current, retired, verifyingOnly);

    assertThat(ring.activeSigner()).contains(current);
    assertThat(ring.find("remote")).contains(verifyingOnly);
    assertThat(ring.find("nope")).isEmpty();
  }

  @Test
  void twoKeysWithOneIdAreRefused() {
    SigningKey a = SigningKey.generate("k1", T0);
    SigningKey b = SigningKey.generate("k1", T0);

    assertThatThrownBy(() -> KeyRing.of(a, b)).hasMessageContaining("duplicate key id k1");
  }

  @Test
  void rotatingRetiresTheOldKeyAndTheSignerMovesToTheNewOne() {
    SigningKey k1 = SigningKey.generate("k1", T0);
    SigningKey k2 = SigningKey.generate("k2", T0.plusSeconds(60));
    QrSigner signer = new QrSigner(KeyRing.of(k1));
    String before = signer.poster("gate-a", T0);

    KeyRing rotated = KeyRing.of(k1).withKey(k1.withStatus(KeyStatus.RETIRED)).withKey(k2);
    signer.updateKeys(rotated);
    QrVerifier verifier = new QrVerifier(rotated);

    assertThat(rotated.keys()).hasSize(2);
    assertThat(verifier.verify(signer.poster("gate-a", T0), QrKind.POSTER, T0).kid())
        .isEqualTo("k2");
    assertThat(verifier.verify(before, QrKind.POSTER, T0).kid()).isEqualTo("k1");
  }

  @Test
  void signingWithoutAnActiveKeyIsUnavailable() {
    SigningKey retired = SigningKey.generate("k1", T0).withStatus(KeyStatus.RETIRED);
    QrSigner signer = new QrSigner(KeyRing.of(retired));

    assertThatThrownBy(() -> signer.poster("gate-a", T0))
        .isInstanceOfSatisfying(Rejection.class, r -> {
          assertThat(r.kind()).isEqualTo(Rejection.Kind.UNAVAILABLE);
          assertThat(r.code()).isEqualTo("QR_NO_SIGNING_KEY");
        });
  }

  @Test
  void aBadgeWindowIsKeptToTheSecondAndEndsAfterItsValidity() {
    QrSigner signer = new QrSigner(KeyRing.of(SigningKey.generate("k1", T0)));

    BadgeToken badge = signer.badge("W1", T0.plusMillis(1_700), Duration.ofMinutes(30));

    assertThat(badge.validUntil()).isEqualTo(T0.plusSeconds(1 + 30 * 60));
    assertThatThrownBy(() -> signer.badge("W1", T0, Duration.ofMillis(999)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
