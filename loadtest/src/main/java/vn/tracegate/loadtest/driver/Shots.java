package vn.tracegate.loadtest.driver;

import io.vertx.core.buffer.Buffer;

/** What a driver sends, request by request, and who hears of each acknowledgement. */
public interface Shots {

  /** Request number {@code index}, meant to leave at {@code atEpochMillis} (its {@code at} field). */
  Shot shot(long index, long atEpochMillis);

  /** A 2xx answer to {@code shot}; called on the driver's event loop. */
  default void acknowledged(Shot shot, int status, Buffer body) {}
}
