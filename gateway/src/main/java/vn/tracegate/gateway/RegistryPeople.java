package vn.tracegate.gateway;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.tracegate.checkin.registry.Checkpoint;
import vn.tracegate.checkin.registry.Registry;
import vn.tracegate.checkin.registry.Worker;
import vn.tracegate.tracing.people.CheckpointDirectory;
import vn.tracegate.tracing.people.PersonDetails;
import vn.tracegate.tracing.people.WorkerDirectory;

/** The registry as tracing sees it: people's details and checkpoint names for trace lists. */
final class RegistryPeople implements WorkerDirectory, CheckpointDirectory {

  private final Registry registry;

  RegistryPeople(Registry registry) {
    this.registry = registry;
  }

  @Override
  public Future<Map<String, PersonDetails>> find(Collection<String> workerIds) {
    return registry.workers(workerIds).map(found -> {
      Map<String, PersonDetails> out = new HashMap<>();
      for (Worker w : found.values()) {
        out.put(w.id(), new PersonDetails(w.id(), w.fullName(), w.phone(), w.enterpriseId(), w.team()));
      }
      return out;
    });
  }

  @Override
  public Future<Map<String, String>> names(Collection<String> checkpointIds) {
    List<Future<java.util.Optional<Checkpoint>>> lookups = checkpointIds.stream().map(registry::checkpoint).toList();
    return Future.all(lookups).map(all -> {
      Map<String, String> out = new HashMap<>();
      lookups.forEach(f -> f.result().ifPresent(cp -> out.put(cp.id(), cp.name())));
      return out;
    });
  }
}
