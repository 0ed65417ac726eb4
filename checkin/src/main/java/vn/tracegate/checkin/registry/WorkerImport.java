package vn.tracegate.checkin.registry;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.checkin.registry.WorkerCsv.Parsed;
import vn.tracegate.checkin.registry.WorkerCsv.Row;

/**
 * Stores an HR roster: parses it off the event loop, checks each distinct enterprise once, then
 * upserts every good line with 32 writes in flight. HR re-imports the whole roster, so an unchanged
 * worker is not written again and a worker who moved enterprise leaves the old enterprise's index.
 */
final class WorkerImport {

  static final int WRITES_IN_FLIGHT = 32;
  private static final int LOOKUPS_IN_FLIGHT = 8;

  private final Vertx vertx;
  private final RegistryStore store;

  WorkerImport(Vertx vertx, RegistryStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  Future<ImportReport> run(byte[] csv, String onlyEnterprise) {
    return vertx.executeBlocking(() -> WorkerCsv.parse(csv), false)
        .compose(parsed -> store(parsed, onlyEnterprise));
  }

  private Future<ImportReport> store(Parsed parsed, String onlyEnterprise) {
    List<LineError> errors = new ArrayList<>(parsed.errors());
    List<Row> allowed = new ArrayList<>();
    for (Row row : parsed.rows()) {
      if (onlyEnterprise == null || onlyEnterprise.equals(row.worker().enterpriseId())) {
        allowed.add(row);
      } else {
        errors.add(new LineError(row.line(), "enterpriseId '" + row.worker().enterpriseId()
            + "' is not yours; you may import only workers of '" + onlyEnterprise + "'"));
      }
    }
    List<String> enterpriseIds = allowed.stream().map(r -> r.worker().enterpriseId()).distinct().toList();
    return BoundedFanOut.map(enterpriseIds, LOOKUPS_IN_FLIGHT,
            id -> store.one(RegistryStore::enterprise, store.selectEnterprise, id))
        .compose(found -> {
          Set<String> known = new HashSet<>();
          found.forEach(enterprise -> enterprise.ifPresent(e -> known.add(e.id())));
          List<Row> writable = new ArrayList<>();
          for (Row row : allowed) {
            if (known.contains(row.worker().enterpriseId())) {
              writable.add(row);
            } else {
              errors.add(new LineError(row.line(),
                  "enterpriseId '" + row.worker().enterpriseId() + "' is not a registered enterprise"));
            }
          }
          return BoundedFanOut.map(writable, WRITES_IN_FLIGHT, row -> upsert(row, onlyEnterprise));
        })
        .map(outcomes -> {
          outcomes.forEach(outcome -> outcome.ifPresent(errors::add));
          errors.sort(Comparator.comparingInt(LineError::line));
          int imported = (int) outcomes.stream().filter(Optional::isEmpty).count();
          return new ImportReport(imported, errors.size(), errors);
        });
  }

  /** Stores one worker; an empty answer means stored (or already so), otherwise why not. */
  private Future<Optional<LineError>> upsert(Row row, String onlyEnterprise) {
    Worker worker = row.worker();
    return store.one(RegistryStore::worker, store.selectWorker, worker.id())
        .compose(existing -> {
          if (existing.isPresent() && existing.get().equals(worker)) {
            return Future.succeededFuture(Optional.<LineError>empty());
          }
          if (existing.isPresent() && onlyEnterprise != null && !existing.get().enterpriseId().equals(onlyEnterprise)) {
            return Future.succeededFuture(Optional.of(new LineError(row.line(),
                "worker '" + worker.id() + "' is registered with another enterprise")));
          }
          List<CompletionStage<BoundStatement>> writes = new ArrayList<>();
          writes.add(existing.isEmpty()
              ? store.insertWorkerUnconditionally.bind(worker.id(), worker.enterpriseId(), worker.fullName(),
                  worker.phone(), worker.team())
              : store.updateWorker.bind(worker.enterpriseId(), worker.fullName(), worker.phone(), worker.team(),
                  worker.id()));
          writes.add(store.insertWorkerOfEnterprise.bind(worker.enterpriseId(), worker.id()));
          existing.map(Worker::enterpriseId)
              .filter(previous -> !previous.equals(worker.enterpriseId()))
              .ifPresent(previous -> writes.add(store.deleteWorkerOfEnterprise.bind(previous, worker.id())));
          return store.executeLogged(writes).map(rs -> Optional.<LineError>empty());
        })
        .recover(failure -> failure instanceof Rejection r && r.kind() == Rejection.Kind.UNAVAILABLE
            ? Future.succeededFuture(Optional.of(new LineError(row.line(),
                "not stored: the registry store did not answer; import the file again")))
            : Future.failedFuture(failure));
  }
}
