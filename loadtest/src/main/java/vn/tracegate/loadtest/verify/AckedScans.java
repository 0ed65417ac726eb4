package vn.tracegate.loadtest.verify;

import java.util.Arrays;
import java.util.UUID;

/**
 * Every scan the gateway acknowledged (200 or 201) in a run, kept compactly (36 bytes a scan, so
 * a million fit in 40 MB) for the no-loss check: scanId, worker and checkpoint (park indexes) and
 * the scan's {@code at}. Not thread-safe: the driver's event loop appends, the check reads after.
 */
public final class AckedScans {

  private long[] msb = new long[1 << 16];
  private long[] lsb = new long[1 << 16];
  private long[] at = new long[1 << 16];
  private int[] worker = new int[1 << 16];
  private int[] checkpoint = new int[1 << 16];
  private int size;

  public void add(UUID scanId, int workerIndex, int checkpointIndex, long atEpochMillis) {
    if (size == msb.length) {
      int grown = size * 2;
      msb = Arrays.copyOf(msb, grown);
      lsb = Arrays.copyOf(lsb, grown);
      at = Arrays.copyOf(at, grown);
      worker = Arrays.copyOf(worker, grown);
      checkpoint = Arrays.copyOf(checkpoint, grown);
    }
    msb[size] = scanId.getMostSignificantBits();
    lsb[size] = scanId.getLeastSignificantBits();
    at[size] = atEpochMillis;
    worker[size] = workerIndex;
    checkpoint[size] = checkpointIndex;
    size++;
  }

  public int size() {
    return size;
  }

  public UUID scanId(int i) {
    return new UUID(msb[i], lsb[i]);
  }

  public int worker(int i) {
    return worker[i];
  }

  public int checkpoint(int i) {
    return checkpoint[i];
  }

  public long atMillis(int i) {
    return at[i];
  }
}
