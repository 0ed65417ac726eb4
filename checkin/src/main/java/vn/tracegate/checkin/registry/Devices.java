package vn.tracegate.checkin.registry;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.checkin.registry.RegistryStore.StoredDevice;

/** Scanner devices: registration with a fresh key, key authentication (cached), revocation. */
final class Devices {

  private final RegistryStore store;
  private final DeviceKeys keys;
  private final ExpiringCache<String, Device> byKeyHash;

  Devices(RegistryStore store, DeviceKeys keys, ExpiringCache<String, Device> byKeyHash) {
    this.store = store;
    this.keys = keys;
    this.byKeyHash = byKeyHash;
  }

  Future<DeviceCreated> create(Device device) {
    List<String> checkpointIds = device.checkpointIds().stream().sorted().toList();
    return store.requireEnterprise("enterpriseId", device.enterpriseId())
        .compose(v -> BoundedFanOut.map(checkpointIds, 8, id ->
            store.one(RegistryStore::checkpoint, store.selectCheckpoint, id).map(found -> usable(device, id, found))))
        .compose(v -> {
          String key = keys.generate();
          String hash = DeviceKeys.hash(key);
          // The key row goes first: a device must never exist without it. Authentication checks the
          // hash in the device row too, so a key row left behind by a refused insert opens nothing.
          return store.execute(store.insertDeviceKey, hash, device.id())
              .compose(x -> store.execute(store.insertDevice, device.id(), device.enterpriseId(),
                  device.checkpointIds(), hash))
              .compose(rs -> rs.wasApplied()
                  ? Future.succeededFuture(new DeviceCreated(device, key))
                  : store.execute(store.deleteDeviceKey, hash).transform(x -> Registry.alreadyExists("device", device.id())));
        });
  }

  Future<Optional<Device>> device(String id) {
    return store.one(RegistryStore::device, store.selectDevice, id).map(found -> found.map(StoredDevice::device));
  }

  Future<Device> authenticate(String apiKey) {
    if (!DeviceKeys.wellFormed(apiKey)) {
      return Future.failedFuture(badKey());
    }
    return byKeyHash.get(DeviceKeys.hash(apiKey), this::lookup);
  }

  Future<Void> revoke(String id) {
    return store.execute(store.revokeDevice, id).compose(rs -> {
      if (!rs.wasApplied()) {
        return Future.failedFuture(Rejection.notFound("device", id));
      }
      // Keys are cached by hash, which this process does not know for the device: forget them all.
      byKeyHash.clear();
      return Future.succeededFuture();
    });
  }

  private Future<Device> lookup(String hash) {
    return store.one(row -> row.getString("device_id"), store.selectDeviceByKey, hash)
        .compose(id -> id.isEmpty()
            ? Future.succeededFuture(Optional.<StoredDevice>empty())
            : store.one(RegistryStore::device, store.selectDevice, id.get()))
        .compose(found -> found
            .filter(stored -> hash.equals(stored.keyHash()) && !stored.device().revoked())
            .map(stored -> Future.succeededFuture(stored.device()))
            .orElseGet(() -> Future.failedFuture(badKey())));
  }

  private static Checkpoint usable(Device device, String id, Optional<Checkpoint> found) {
    Checkpoint checkpoint = found.orElseThrow(() -> Rejection.unprocessable(Registry.UNKNOWN_CHECKPOINT,
        "checkpointIds: checkpoint '" + id + "' is not registered"));
    if (!checkpoint.shared() && !checkpoint.enterpriseId().equals(device.enterpriseId())) {
      throw Rejection.unprocessable(Registry.FOREIGN_CHECKPOINT,
          "checkpointIds: checkpoint '" + id + "' belongs to another enterprise");
    }
    return checkpoint;
  }

  private static Rejection badKey() {
    return new Rejection(Rejection.Kind.UNAUTHENTICATED, Registry.BAD_API_KEY, "the API key is unknown or revoked");
  }
}
