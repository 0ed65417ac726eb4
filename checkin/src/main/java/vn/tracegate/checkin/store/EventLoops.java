package vn.tracegate.checkin.store;

import io.netty.channel.EventLoop;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;

/**
 * Vert.x's event loops, for store clients whose sockets those loops serve: a request sent from a
 * handler is then written, answered and completed on the handler's own thread, with no hand-over
 * to a client library's I/O threads and back (on this machine kind a hand-over between threads
 * costs tens of microseconds of CPU).
 */
public final class EventLoops {

  private EventLoops() {}

  /**
   * The event loops a Java NIO channel can be registered on; none when Vert.x runs a native
   * transport (the client then keeps its own threads).
   */
  public static EventLoop[] nio(Vertx vertx) {
    if (!(vertx instanceof VertxInternal internal) || vertx.isNativeTransportEnabled()) {
      return new EventLoop[0];
    }
    List<EventLoop> found = new ArrayList<>();
    internal.nettyEventLoopGroup().forEach(e -> {
      if (e instanceof EventLoop loop) {
        found.add(loop);
      }
    });
    return found.toArray(EventLoop[]::new);
  }

  /** The index in {@code loops} of the loop running the calling thread, or -1. */
  public static int current(EventLoop[] loops) {
    for (int i = 0; i < loops.length; i++) {
      if (loops[i].inEventLoop()) {
        return i;
      }
    }
    return -1;
  }
}
