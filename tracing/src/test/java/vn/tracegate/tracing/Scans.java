package vn.tracegate.tracing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import vn.tracegate.checkin.registry.CheckpointKind;
import vn.tracegate.checkin.visits.ScanAction;
import vn.tracegate.checkin.visits.Visit;

/** A hand-written visit log for tests, in local time (UTC+7) as officers read it. */
public final class Scans {

  public static final ZoneOffset LOCAL = ZoneOffset.ofHours(7);
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");

  private final List<Visit> visits = new ArrayList<>();

  /** "2021-07-15 07:00" or "2021-07-15 07:00:30" in UTC+7. */
  public static Instant t(String local) {
    return LocalDateTime.parse(local, FORMAT).toInstant(LOCAL);
  }

  public Scans in(String worker, String checkpoint, CheckpointKind kind, String local) {
    return scan(worker, checkpoint, kind, ScanAction.IN, local);
  }

  public Scans out(String worker, String checkpoint, CheckpointKind kind, String local) {
    return scan(worker, checkpoint, kind, ScanAction.OUT, local);
  }

  /** IN at {@code from}, OUT at {@code to}. */
  public Scans stay(String worker, String checkpoint, CheckpointKind kind, String from, String to) {
    return in(worker, checkpoint, kind, from).out(worker, checkpoint, kind, to);
  }

  public Scans scan(String worker, String checkpoint, CheckpointKind kind, ScanAction action, String local) {
    Instant at = t(local);
    String key = worker + "|" + checkpoint + "|" + action + "|" + at;
    visits.add(new Visit(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)), worker, checkpoint,
        kind, action, at, at, "dev-" + checkpoint, "hash-" + key.hashCode()));
    return this;
  }

  public List<Visit> visits() {
    return List.copyOf(visits);
  }

  /** The scans of one worker only. */
  public List<Visit> of(String worker) {
    return visits.stream().filter(v -> v.workerId().equals(worker)).toList();
  }
}
