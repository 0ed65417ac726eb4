package vn.tracegate.checkin.store;

import io.vertx.core.transport.Transport;
import java.util.Locale;

/**
 * The network transport Vert.x runs its event loops on, and with them the store connections those
 * loops serve ({@link EventLoops}): Linux's epoll through Netty's native transport, or Java NIO.
 * Native epoll is edge-triggered, reads and writes straight from native code and needs no
 * selected-key sets nor selector locks; NIO works everywhere.
 */
public enum NetTransport {
  EPOLL,
  NIO;

  /** Lettuce's switch for its epoll transport (read once, when Lettuce first loads). */
  static final String LETTUCE_EPOLL = "io.lettuce.core.epoll";

  /** {@code epoll} or {@code nio}. */
  public static NetTransport parse(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "epoll" -> EPOLL;
      case "nio" -> NIO;
      default -> throw new IllegalArgumentException("expected epoll or nio");
    };
  }

  /**
   * The Vert.x transport for this choice: epoll where its native library loads (Linux x86-64),
   * otherwise NIO, whose reason {@link #fallback} gives. Redis connections follow: with NIO,
   * Lettuce is told to use NIO too, so that its channels can still run on Vert.x's loops. Call it
   * before the first Lettuce client is made.
   */
  public Transport vertxTransport() {
    Transport chosen = this == EPOLL && Transport.EPOLL.available() ? Transport.EPOLL : Transport.NIO;
    if (chosen == Transport.NIO) {
      System.setProperty(LETTUCE_EPOLL, "false");
    }
    return chosen;
  }

  /** Why epoll was asked for and is not used, or null when it is used or was not asked for. */
  public String fallback() {
    if (this != EPOLL || Transport.EPOLL.available()) {
      return null;
    }
    Throwable cause = Transport.EPOLL.unavailabilityCause();
    return "native epoll is not available here (" + (cause == null ? "no reason given" : cause.getMessage())
        + "); running on Java NIO";
  }

  /** The setting's value, as {@link #parse} reads it. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
