package vn.tracegate.checkin.qr;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import vn.tracegate.checkin.Rejection;

/**
 * Decodes camera frames off the event loop on a few threads of their own, so frames never take
 * the worker pool that other blocking work needs, and at most {@code threads} frames (~16 MB
 * each at the 4 MP limit) are in memory being decoded. Frames beyond {@code maxWaiting} more are
 * refused at once with 503 DECODER_BUSY and Retry-After, not queued without bound.
 */
public final class DecodePool implements AutoCloseable {

  private final Function<byte[], String> decoder;
  private final WorkerExecutor executor;
  private final int limit;
  private final AtomicInteger admitted = new AtomicInteger();

  /** @param decoder {@link QrDecoder#decode} in production */
  public DecodePool(Vertx vertx, Function<byte[], String> decoder, int threads, int maxWaiting) {
    this.decoder = decoder;
    this.executor = vertx.createSharedWorkerExecutor("tracegate-qr-decode", threads);
    this.limit = threads + maxWaiting;
  }

  /** The QR text in the frame; fails with the decoder's rejections, or 503 when too many wait. */
  public Future<String> decode(byte[] image) {
    if (admitted.incrementAndGet() > limit) {
      admitted.decrementAndGet();
      return Future.failedFuture(Rejection.unavailable("DECODER_BUSY",
          "too many camera frames are being decoded; retry shortly, or decode on the scanner"));
    }
    return executor.executeBlocking(() -> decoder.apply(image), false)
        .andThen(done -> admitted.decrementAndGet());
  }

  /** Frames being decoded or waiting now. */
  public int admitted() {
    return admitted.get();
  }

  @Override
  public void close() {
    executor.close();
  }
}
