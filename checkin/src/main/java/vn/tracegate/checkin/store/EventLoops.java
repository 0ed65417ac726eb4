package vn.tracegate.checkin.store;

import io.netty.channel.Channel;
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
 *
 * <p>A loop serves only the socket channels of its own transport (Java NIO, or Linux epoll when
 * Vert.x runs natively; see {@link NetTransport}), so a client shares the loops only when it opens
 * channels of that class.
 */
public final class EventLoops {

  private EventLoops() {}

  /**
   * The socket channel class of {@code vertx}'s transport ({@code NioSocketChannel},
   * {@code EpollSocketChannel}, ...), or null when it cannot be told.
   */
  public static Class<? extends Channel> socketChannel(Vertx vertx) {
    if (!(vertx instanceof VertxInternal internal)) {
      return null;
    }
    // The transport names no class; an unconnected channel shows it (one socket, closed at once).
    Channel probe = internal.transport().channelFactory(false).newChannel();
    try {
      return probe.getClass();
    } finally {
      probe.unsafe().closeForcibly();
    }
  }

  /**
   * The event loops a client whose sockets are {@code channel}s can be registered on: all of
   * Vert.x's, or none when its transport runs another channel class (the client then keeps its
   * own threads).
   */
  public static EventLoop[] serving(Vertx vertx, Class<? extends Channel> channel) {
    if (channel == null || channel != socketChannel(vertx)) {
      return new EventLoop[0];
    }
    List<EventLoop> found = new ArrayList<>();
    ((VertxInternal) vertx).nettyEventLoopGroup().forEach(e -> {
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
