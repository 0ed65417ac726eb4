package vn.tracegate.tracing.people;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.Map;

/**
 * Checkpoint names for trace lists ("Xưởng may 2", "Xe đưa đón 51B-123.45"); the gateway adapts
 * the registry to it. Ids it does not know are absent, and the list shows the id instead.
 */
public interface CheckpointDirectory {

  Future<Map<String, String>> names(Collection<String> checkpointIds);
}
