package vn.tracegate.checkin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tracegate.checkin.registry.CassandraFixture.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The link's event-loop connections against the real Redis: commands sent in one turn of a loop
 * reach Redis in one write, every one is answered, and the answers come back on the loop.
 */
class RedisLinkIT {

  private static Vertx vertx;
  private static RedisClient observer;
  private static StatefulRedisConnection<String, String> info;

  @BeforeAll
  static void start() {
    // Lettuce runs epoll wherever its native library loads (as here); so does the gateway's Vert.x.
    vertx = Vertx.builder().withTransport(Transport.EPOLL).build();
    observer = RedisClient.create(RedisFixture.uri());
    info = observer.connect();
  }

  @AfterAll
  static void stop() throws Exception {
    info.close();
    observer.shutdown();
    await(vertx.close());
  }

  @Test
  void fiftyCommandsSentInOneTurnOfTheLoopAreOneReadForRedisAndAllAnsweredOnTheLoop() throws Exception {
    RedisLink redis = RedisFixture.connect(vertx, true);
    try {
      String key = "test:redis-link:" + UUID.randomUUID();
      long readsBefore = readsProcessed();
      List<Future<Long>> answers = new ArrayList<>();
      List<Future<Boolean>> onLoop = new ArrayList<>();
      Promise<Void> sent = Promise.promise();
      vertx.runOnContext(v -> {
        Thread loop = Thread.currentThread();
        for (int i = 0; i < 50; i++) {
          var stage = redis.commands().incr(key);
          answers.add(Future.fromCompletionStage(stage));
          onLoop.add(Future.fromCompletionStage(stage.thenApply(n -> Thread.currentThread() == loop)));
        }
        sent.complete();
      });
      await(sent.future());
      await(Future.all(answers));
      long reads = readsProcessed() - readsBefore;

      assertThat(answers).extracting(Future::result).containsExactlyElementsOf(
          java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList());
      assertThat(onLoop).extracting(Future::result).containsOnly(true);
      // The 50 INCRs in one write, plus the INFO that reads the counter (and a little slack).
      assertThat(reads).as("reads Redis processed for 50 commands sent in one turn").isLessThanOrEqualTo(3);
      assertThat(info.sync().get(key)).isEqualTo("50");
      info.sync().del(key);
    } finally {
      redis.close();
    }
  }

  @Test
  void onAVertxOfAnotherTransportThanLettucesCommandsAreStillAnsweredOnLettucesOwnThreads() throws Exception {
    Vertx nio = Vertx.builder().withTransport(Transport.NIO).build();
    RedisLink redis = RedisFixture.connect(nio, true);
    try {
      String key = "test:redis-link:" + UUID.randomUUID();
      String gate = key + ":gate";
      Promise<String> answeredOn = Promise.promise();
      // The INCR waits behind a BLPOP on the same connection until the gate opens, so its answer
      // cannot arrive before the callback is attached (a callback attached to a future already
      // complete would run on the event loop that attaches it, whichever thread answered).
      nio.runOnContext(v -> {
        redis.commands().blpop(5, gate);
        redis.commands().incr(key).thenAccept(n -> answeredOn.complete(n + " on " + Thread.currentThread().getName()));
      });
      long deadline = System.currentTimeMillis() + 5_000;
      while (!info.sync().info("clients").contains("blocked_clients:1") && System.currentTimeMillis() < deadline) {
        Thread.sleep(10);
      }
      info.sync().rpush(gate, "open");
      assertThat(await(answeredOn.future())).startsWith("1 on ").doesNotContain("vert.x-eventloop");
      assertThat(info.sync().get(key)).isEqualTo("1");
      info.sync().del(key);
    } finally {
      redis.close();
      await(nio.close());
    }
  }

  private static long readsProcessed() {
    Matcher m = Pattern.compile("total_reads_processed:(\\d+)").matcher(info.sync().info("stats"));
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }
}
