package vn.tracegate.loadtest.driver;

import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import vn.tracegate.loadtest.park.DayTimeline.ScanEvent;
import vn.tracegate.loadtest.park.SeededPark;
import vn.tracegate.loadtest.verify.AckedScans;

/**
 * Scans of a seeded park as requests: request {@code i} is the scanner at event {@code i}'s
 * checkpoint reading that worker's badge, with a fresh scanId and {@code at} = the request's
 * intended send time. Events repeat when the scenario runs out. Acknowledged scans are kept for
 * the no-loss check.
 */
public final class ScanShots implements Shots {

  /** What a scan request was: its scanId, the park indexes of worker and checkpoint, its {@code at}. */
  public record Ref(UUID scanId, int worker, int checkpoint, long at) {}

  private final SeededPark park;
  private final List<ScanEvent> events;
  private final AckedScans acked;

  public ScanShots(SeededPark park, List<ScanEvent> events, AckedScans acked) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("the scenario has no scans");
    }
    this.park = park;
    this.events = events;
    this.acked = acked;
  }

  @Override
  public Shot shot(long index, long atEpochMillis) {
    ScanEvent e = events.get((int) (index % events.size()));
    UUID scanId = randomUuid();
    String body = "{\"scanId\":\"" + scanId + "\",\"qr\":\"" + park.badges().get(e.worker())
        + "\",\"checkpointId\":\"" + park.park().checkpoints().get(e.checkpoint()).id()
        + "\",\"action\":\"" + e.action().name() + "\",\"at\":\"" + Instant.ofEpochMilli(atEpochMillis) + "\"}";
    return new Shot("/v1/scans", park.deviceAuthorization(e.checkpoint()), Buffer.buffer(body),
        new Ref(scanId, e.worker(), e.checkpoint(), atEpochMillis));
  }

  @Override
  public void acknowledged(Shot shot, int status, Buffer body) {
    Ref ref = (Ref) shot.ref();
    acked.add(ref.scanId(), ref.worker(), ref.checkpoint(), ref.at());
  }

  /** A version-4 UUID without SecureRandom's lock: scanIds need to be unique, not secret. */
  public static UUID randomUuid() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}
