package vn.tracegate.checkin.registry;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import vn.tracegate.checkin.Rejection;

/**
 * The park's registry in Cassandra: enterprises, checkpoints, workers and scanner devices. Creating
 * is insert-if-absent (409 ALREADY_EXISTS when the id is taken; registry writes are rare, so a
 * lightweight transaction is affordable), a reference to a missing enterprise or checkpoint is a
 * 422, and the roster import upserts. Lookups answer {@code Optional.empty()} for an unknown id.
 *
 * <p>The scan path calls {@link #checkpoint} and {@link #authenticateDevice} on every scan; both
 * are cached a few seconds (shorter for misses), so a revoked device stops within seconds on
 * every gateway and bad keys do not reach the store more than once per key per 2 s.
 */
public final class Registry {

  public static final String ALREADY_EXISTS = "ALREADY_EXISTS";
  public static final String UNKNOWN_ENTERPRISE = "UNKNOWN_ENTERPRISE";
  public static final String UNKNOWN_CHECKPOINT = "UNKNOWN_CHECKPOINT";
  public static final String FOREIGN_CHECKPOINT = "FOREIGN_CHECKPOINT";
  public static final String BAD_API_KEY = "BAD_API_KEY";
  static final Duration TTL = Duration.ofSeconds(5);
  static final Duration NEGATIVE_TTL = Duration.ofSeconds(2);
  static final int CACHE_ENTRIES = 100_000;
  private static final int READS_IN_FLIGHT = 32;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final RegistryStore store;
  private final ExpiringCache<String, Optional<Checkpoint>> checkpointCache;
  private final Devices devices;
  private final WorkerImport workerImport;

  /** @param session bound to the TraceGate keyspace */
  public Registry(Vertx vertx, CqlSession session) {
    this(vertx, session, TTL, NEGATIVE_TTL);
  }

  /** With other cache TTLs, so a test can watch an entry expire. */
  Registry(Vertx vertx, CqlSession session, Duration ttl, Duration negativeTtl) {
    this.store = new RegistryStore(vertx, session);
    this.checkpointCache = new ExpiringCache<>(ttl, negativeTtl, CACHE_ENTRIES,
        Optional::isEmpty, failure -> false, System::nanoTime);
    this.devices = new Devices(store, new DeviceKeys(new SecureRandom()),
        new ExpiringCache<>(ttl, negativeTtl, CACHE_ENTRIES, device -> false,
            failure -> failure instanceof Rejection r && r.kind() == Rejection.Kind.UNAUTHENTICATED,
            System::nanoTime));
    this.workerImport = new WorkerImport(vertx, store);
  }

  /** Registers an enterprise; 409 ALREADY_EXISTS if the id is taken. */
  public Future<Enterprise> createEnterprise(Enterprise enterprise) {
    return store.execute(store.insertEnterprise, enterprise.id(), enterprise.name())
        .compose(rs -> rs.wasApplied() ? Future.succeededFuture(enterprise) : alreadyExists("enterprise", enterprise.id()));
  }

  public Future<Optional<Enterprise>> enterprise(String id) {
    return wellFormed(id) ? store.one(RegistryStore::enterprise, store.selectEnterprise, id) : none();
  }

  /** Registers a checkpoint; 422 UNKNOWN_ENTERPRISE if its enterprise is not registered, 409 if the id is taken. */
  public Future<Checkpoint> createCheckpoint(Checkpoint checkpoint) {
    Future<Void> owner = checkpoint.shared()
        ? Future.succeededFuture()
        : store.requireEnterprise("enterpriseId", checkpoint.enterpriseId());
    return owner
        .compose(v -> store.execute(store.insertCheckpoint, checkpoint.id(), checkpoint.enterpriseId(),
            checkpoint.kind().name(), checkpoint.name(), checkpoint.capacity()))
        .compose(rs -> {
          checkpointCache.invalidate(checkpoint.id());
          return rs.wasApplied() ? Future.succeededFuture(checkpoint) : alreadyExists("checkpoint", checkpoint.id());
        });
  }

  /** A checkpoint by id, cached 5 s (an unknown id 2 s): called on every scan. */
  public Future<Optional<Checkpoint>> checkpoint(String id) {
    if (!wellFormed(id)) {
      return none();
    }
    return checkpointCache.get(id, key -> store.one(RegistryStore::checkpoint, store.selectCheckpoint, key));
  }

  /** Every checkpoint, read page by page: for rebuilding presence after Redis was lost. */
  public Future<List<Checkpoint>> checkpoints() {
    return store.all(RegistryStore::checkpoint, store.selectAllCheckpoints);
  }

  /** Registers a worker (admin); see {@link #createWorker(Worker, String)}. */
  public Future<Worker> createWorker(Worker worker) {
    return createWorker(worker, null);
  }

  /**
   * Registers a worker; 403 when {@code onlyEnterprise} (a safety user's enterprise) is another,
   * 422 UNKNOWN_ENTERPRISE, 409 ALREADY_EXISTS.
   *
   * @param onlyEnterprise the only enterprise the caller may add workers to, or null for any
   */
  public Future<Worker> createWorker(Worker worker, String onlyEnterprise) {
    if (onlyEnterprise != null && !onlyEnterprise.equals(worker.enterpriseId())) {
      return Future.failedFuture(Rejection.forbidden(
          "you may add workers only to enterprise '" + onlyEnterprise + "'"));
    }
    // The index row goes first: a worker must never exist without it. A refused insert undoes it
    // unless the existing worker belongs to the same enterprise.
    return store.requireEnterprise("enterpriseId", worker.enterpriseId())
        .compose(v -> store.execute(store.insertWorkerOfEnterprise, worker.enterpriseId(), worker.id()))
        .compose(v -> store.execute(store.insertWorker, worker.id(), worker.enterpriseId(), worker.fullName(),
            worker.phone(), worker.team()))
        .compose(rs -> {
          if (rs.wasApplied()) {
            return Future.succeededFuture(worker);
          }
          var existing = rs.one();
          boolean sameEnterprise = existing != null && worker.enterpriseId().equals(existing.getString("enterprise_id"));
          Future<?> undo = sameEnterprise
              ? Future.succeededFuture()
              : store.execute(store.deleteWorkerOfEnterprise, worker.enterpriseId(), worker.id());
          return undo.compose(x -> alreadyExists("worker", worker.id()));
        });
  }

  public Future<Optional<Worker>> worker(String id) {
    return wellFormed(id) ? store.one(RegistryStore::worker, store.selectWorker, id) : none();
  }

  /** The workers with these ids that exist, keyed by id in the order given; 32 reads in flight. */
  public Future<Map<String, Worker>> workers(Collection<String> ids) {
    List<String> distinct = ids.stream().filter(Registry::wellFormed).distinct().toList();
    return BoundedFanOut.map(distinct, READS_IN_FLIGHT, this::worker).map(found -> {
      Map<String, Worker> byId = new LinkedHashMap<>();
      found.forEach(worker -> worker.ifPresent(w -> byId.put(w.id(), w)));
      return byId;
    });
  }

  /** The workers of one enterprise, ordered by id. */
  public Future<List<Worker>> workersOfEnterprise(String enterpriseId) {
    if (!wellFormed(enterpriseId)) {
      return Future.succeededFuture(List.of());
    }
    return store.all(row -> row.getString("worker_id"), store.selectWorkersOfEnterprise, enterpriseId)
        .compose(this::workers)
        .map(byId -> byId.values().stream().filter(w -> w.enterpriseId().equals(enterpriseId)).toList());
  }

  /**
   * Imports an HR roster (see {@link WorkerCsv}): every good line is upserted, every bad one is
   * reported with its line number. Fails as a whole only for a file that cannot be read (400), is
   * too large (413), or a store that does not answer (503).
   *
   * @param onlyEnterprise a safety user's enterprise: lines for any other fail; null for an admin
   */
  public Future<ImportReport> importWorkers(byte[] csv, String onlyEnterprise) {
    return workerImport.run(Objects.requireNonNull(csv, "csv"), onlyEnterprise);
  }

  /**
   * Registers a scanner and returns its API key, which is not stored and cannot be shown again.
   * 422 UNKNOWN_ENTERPRISE, UNKNOWN_CHECKPOINT, or FOREIGN_CHECKPOINT for another enterprise's
   * checkpoint; 409 ALREADY_EXISTS.
   */
  public Future<DeviceCreated> createDevice(Device device) {
    return devices.create(device);
  }

  public Future<Optional<Device>> device(String id) {
    return wellFormed(id) ? devices.device(id) : none();
  }

  /** The device holding this key; 401 BAD_API_KEY for an unknown or revoked key. Cached 5 s (bad keys 2 s). */
  public Future<Device> authenticateDevice(String apiKey) {
    return devices.authenticate(apiKey);
  }

  /** Revokes a device: its key stops working here at once and on other gateways within 5 s. 404 if unknown. */
  public Future<Void> revokeDevice(String id) {
    return wellFormed(id) ? devices.revoke(id) : Future.failedFuture(Rejection.notFound("device", id));
  }

  static boolean wellFormed(String id) {
    return id != null && ID.matcher(id).matches();
  }

  static <T> Future<T> alreadyExists(String what, String id) {
    return Future.failedFuture(Rejection.conflict(ALREADY_EXISTS, what + " '" + id + "' already exists"));
  }

  private static <T> Future<Optional<T>> none() {
    return Future.succeededFuture(Optional.empty());
  }
}
