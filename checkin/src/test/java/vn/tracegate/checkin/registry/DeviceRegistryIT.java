package vn.tracegate.checkin.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tracegate.checkin.registry.CassandraFixture.await;
import static vn.tracegate.checkin.registry.CassandraFixture.rejection;
import static vn.tracegate.checkin.registry.CassandraFixture.row;
import static vn.tracegate.checkin.registry.CassandraFixture.rows;

import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.Rejection;

/** Scanner devices against the real Cassandra: keys stored hashed, authentication, revocation. */
class DeviceRegistryIT {

  private static Registry registry;

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private String enterprise;
  private String gate;
  private String bus;

  @BeforeAll
  static void start() throws Exception {
    registry = new Registry(CassandraFixture.vertx(), CassandraFixture.session());
  }

  @BeforeEach
  void checkpoints() throws Exception {
    enterprise = CassandraFixture.enterprise(registry);
    gate = "gate-" + run;
    bus = "bus-" + run;
    await(registry.createCheckpoint(Checkpoint.of(gate, enterprise, "GATE", "Cổng số 1", 500)));
    await(registry.createCheckpoint(Checkpoint.of(bus, null, "BUS", "Xe tuyến Thủ Dầu Một", 45)));
  }

  @Test
  void aNewDeviceGetsAKeyThatIsStoredOnlyAsItsHash() throws Exception {
    String id = "scanner-" + run;
    DeviceCreated created = await(registry.createDevice(Device.of(id, enterprise, List.of(gate, bus))));
    String key = created.apiKey();
    assertThat(key).startsWith("tgd_").hasSize(47);
    Row device = row("SELECT enterprise_id, checkpoint_ids, key_hash, revoked FROM devices WHERE id = ?", id);
    assertThat(device.getString("key_hash")).isEqualTo(DeviceKeys.hash(key)).doesNotContain(key.substring(4));
    assertThat(device.getSet("checkpoint_ids", String.class)).isEqualTo(Set.of(gate, bus));
    assertThat(device.getBoolean("revoked")).isFalse();
    assertThat(row("SELECT device_id FROM devices_by_key WHERE key_hash = ?", DeviceKeys.hash(key)).getString(0))
        .isEqualTo(id);
    assertThat(await(registry.device(id))).contains(new Device(id, enterprise, Set.of(gate, bus), false));
  }

  @Test
  void theKeyAuthenticatesItsDeviceAndAWrongKeyIsUnauthenticated() throws Exception {
    String id = "scanner-" + run;
    String key = await(registry.createDevice(Device.of(id, enterprise, List.of(gate)))).apiKey();
    Device device = await(registry.authenticateDevice(key));
    assertThat(device.id()).isEqualTo(id);
    assertThat(device.scansFor(gate)).isTrue();

    String wrong = key.substring(0, key.length() - 2) + (key.endsWith("AA") ? "BB" : "AA");
    for (String bad : new String[] {wrong, "tgd_nonsense", "", null}) {
      Rejection refused = rejection(registry.authenticateDevice(bad));
      assertThat(refused.kind()).isEqualTo(Rejection.Kind.UNAUTHENTICATED);
      assertThat(refused.code()).isEqualTo("BAD_API_KEY");
      assertThat(refused.getMessage()).doesNotContain(key.substring(4));
    }
  }

  @Test
  void aRevokedDeviceIsRefusedAtOnceHereAndAfterTheCacheExpiresOnAnotherGateway() throws Exception {
    Registry otherGateway = new Registry(CassandraFixture.vertx(), CassandraFixture.session(),
        Duration.ofMillis(800), Duration.ofMillis(300));
    String id = "scanner-" + run;
    String key = await(registry.createDevice(Device.of(id, enterprise, List.of(gate)))).apiKey();
    assertThat(await(otherGateway.authenticateDevice(key)).id()).isEqualTo(id);

    await(registry.revokeDevice(id));
    assertThat(row("SELECT revoked FROM devices WHERE id = ?", id).getBoolean(0)).isTrue();
    assertThat(rejection(registry.authenticateDevice(key)).code()).isEqualTo("BAD_API_KEY");
    // The other gateway still holds the device for at most its TTL, then asks the store again.
    assertThat(await(otherGateway.authenticateDevice(key)).id()).isEqualTo(id);
    Thread.sleep(900);
    assertThat(rejection(otherGateway.authenticateDevice(key)).code()).isEqualTo("BAD_API_KEY");
  }

  @Test
  void revokingAnUnknownDeviceIsNotFound() throws Exception {
    assertThat(rejection(registry.revokeDevice("ghost-" + run)).kind()).isEqualTo(Rejection.Kind.NOT_FOUND);
    assertThat(rows("SELECT id FROM devices WHERE id = ?", "ghost-" + run)).isEmpty();
  }

  @Test
  void aDeviceForAnUnknownCheckpointOrAnotherEnterprisesCheckpointIsUnprocessable() throws Exception {
    String id = "scanner-" + run;
    Rejection unknown = rejection(registry.createDevice(Device.of(id, enterprise, List.of(gate, "nowhere-" + run))));
    assertThat(unknown.kind()).isEqualTo(Rejection.Kind.UNPROCESSABLE);
    assertThat(unknown.code()).isEqualTo("UNKNOWN_CHECKPOINT");
    assertThat(unknown).hasMessage("checkpointIds: checkpoint 'nowhere-" + run + "' is not registered");

    String otherEnterprise = CassandraFixture.enterprise(registry);
    String theirs = "ws-" + run;
    await(registry.createCheckpoint(Checkpoint.of(theirs, otherEnterprise, "WORKSHOP", "Xưởng B", 100)));
    assertThat(rejection(registry.createDevice(Device.of(id, enterprise, List.of(theirs)))).code())
        .isEqualTo("FOREIGN_CHECKPOINT");
    assertThat(rejection(registry.createDevice(Device.of(id, "none-" + run, List.of(gate)))).code())
        .isEqualTo("UNKNOWN_ENTERPRISE");
    assertThat(rows("SELECT id FROM devices WHERE id = ?", id)).isEmpty();
  }

  @Test
  void aTakenDeviceIdIsAConflictAndTheFirstKeyStillWorks() throws Exception {
    String id = "scanner-" + run;
    String key = await(registry.createDevice(Device.of(id, enterprise, List.of(gate)))).apiKey();
    Rejection again = rejection(registry.createDevice(Device.of(id, enterprise, List.of(bus))));
    assertThat(again.code()).isEqualTo("ALREADY_EXISTS");
    assertThat(await(registry.authenticateDevice(key)).checkpointIds()).containsExactly(gate);
    assertThat(rows("SELECT key_hash FROM devices_by_key WHERE device_id = ? ALLOW FILTERING", id)).hasSize(1);
  }
}
