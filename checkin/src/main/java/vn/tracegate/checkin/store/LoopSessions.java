package vn.tracegate.checkin.store;

import com.datastax.oss.driver.api.core.CqlSession;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions a hot write path sends through: per Vert.x event loop a session whose connection
 * that loop serves, and the gateway's shared session for every other thread.
 *
 * <p>With the shared session alone, every write is handed to one of the driver's I/O threads and
 * its answer handed back to the event loop: four thread wake-ups a request, which on this machine
 * kind cost more CPU than the write itself. A request sent from a loop through that loop's session
 * is written, answered and completed on the loop's own thread. A loop session never blocks: it
 * must only be used asynchronously (a synchronous call on its own loop would wait forever).
 */
public final class LoopSessions {

  private static final Logger LOG = LoggerFactory.getLogger(LoopSessions.class);

  private final CqlSession shared;
  private final EventLoop[] loops;
  /** Index 0 is the shared session; index i + 1 serves loops[i] (the shared one if it could not open). */
  private final List<CqlSession> all;

  private LoopSessions(CqlSession shared, EventLoop[] loops, List<CqlSession> all) {
    this.shared = shared;
    this.loops = loops;
    this.all = List.copyOf(all);
  }

  /** The shared session only (tests and tools). */
  public static LoopSessions sharedOnly(CqlSession shared) {
    return new LoopSessions(shared, new EventLoop[0], List.of(shared));
  }

  /**
   * Opens one session per event loop of {@code vertx}; a loop whose session cannot open uses the
   * shared one (logged), so this never fails.
   */
  public static Future<LoopSessions> open(Vertx vertx, CassandraSettings settings, CqlSession shared) {
    // The driver opens whatever channel class it is given: the one of Vert.x's own transport.
    Class<? extends Channel> channel = EventLoops.socketChannel(vertx);
    EventLoop[] loops = EventLoops.serving(vertx, channel);
    List<Future<CqlSession>> opening = new ArrayList<>(loops.length);
    for (int i = 0; i < loops.length; i++) {
      int n = i;
      opening.add(Future.fromCompletionStage(settings.openOn(loops[i], channel, "loop" + i))
          .recover(err -> {
            LOG.warn("Cassandra: event loop {} writes through the shared session ({})", n, err.getMessage());
            return Future.succeededFuture(shared);
          }));
    }
    return Future.all(opening).map(done -> {
      List<CqlSession> all = new ArrayList<>(loops.length + 1);
      all.add(shared);
      all.addAll(done.list());
      return new LoopSessions(shared, loops, all);
    });
  }

  /** Every session, the shared one first; a caller prepares its statements on each. */
  public List<CqlSession> all() {
    return all;
  }

  /** The index in {@link #all()} of the session for the calling thread. */
  public int current() {
    return EventLoops.current(loops) + 1;
  }

  /** Closes the loop sessions (not the shared one, which its owner closes). */
  public Future<Void> close() {
    return Future.join(all.stream().filter(s -> s != shared)
        .map(s -> Future.fromCompletionStage(s.closeAsync())).toList()).mapEmpty();
  }
}
