package vn.tracegate.tracing.people;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.Map;

/**
 * The registry's workers as tracing needs them; the gateway adapts the registry to it. Ids the
 * registry does not know are simply absent from the map.
 */
public interface WorkerDirectory {

  Future<Map<String, PersonDetails>> find(Collection<String> workerIds);
}
