package vn.tracegate.checkin.qr;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.Rejection;

class DecodePoolTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void framesBeyondTheThreadsAndTheWaitingRoomAre503AtOnceAndAcceptedAgainAfterwards() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    DecodePool pool = new DecodePool(vertx, bytes -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "TG1.B." + bytes.length;
    }, 1, 2);

    Future<String> running = pool.decode(new byte[1]);
    Future<String> waiting1 = pool.decode(new byte[2]);
    Future<String> waiting2 = pool.decode(new byte[3]);
    Future<String> refused = pool.decode(new byte[4]);

    assertThat(refused.failed()).isTrue();
    assertThat(refused.cause()).isInstanceOfSatisfying(Rejection.class, r -> {
      assertThat(r.kind()).isEqualTo(Rejection.Kind.UNAVAILABLE);
      assertThat(r.code()).isEqualTo("DECODER_BUSY");
    });
    assertThat(pool.admitted()).isEqualTo(3);

    release.countDown();
    assertThat(Future.all(running, waiting1, waiting2).await(10, TimeUnit.SECONDS).list())
        .containsExactly("TG1.B.1", "TG1.B.2", "TG1.B.3");
    assertThat(pool.decode(new byte[5]).await(10, TimeUnit.SECONDS)).isEqualTo("TG1.B.5");
    assertThat(pool.admitted()).isZero();
  }

  @Test
  void aRejectedFrameFreesItsPlace() throws Exception {
    DecodePool pool = new DecodePool(vertx, new QrDecoder()::decode, 1, 0);
    Future<String> bad = pool.decode(new byte[] {1, 2, 3});
    assertThat(bad.otherwise(err -> ((Rejection) err).code()).await(10, TimeUnit.SECONDS))
        .isEqualTo("IMAGE_UNREADABLE");
    assertThat(pool.admitted()).isZero();
  }
}
