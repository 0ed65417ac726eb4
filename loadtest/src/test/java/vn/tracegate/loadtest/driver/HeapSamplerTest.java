package vn.tracegate.loadtest.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The gateway's /metrics read the way the load report reads them: heap, and scans a visit write carried. */
class HeapSamplerTest {

  @Test
  void scansPerWriteIsTheRatioOfTheCounterDeltasInsideTheSpan() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      AtomicInteger scrape = new AtomicInteger();
      HttpServer server = vertx.createHttpServer().requestHandler(req -> {
        int n = scrape.getAndIncrement();
        // Each scrape: 100 more write requests carrying 250 more scans (2.5 a request).
        req.response().end("jvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\"} 1048576.0\n"
            + "jvm_memory_max_bytes{area=\"heap\",id=\"G1 Old Gen\"} 536870912.0\n"
            + "tracegate_visit_writes_total " + (1000 + 100 * n) + ".0\n"
            + "tracegate_visit_scans_written_total " + (2000 + 250 * n) + ".0\n");
      }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      HeapSampler sampler = new HeapSampler(vertx, WebClient.create(vertx,
          new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort())));
      long t0 = System.nanoTime();
      sampler.start(t0);
      long deadline = System.currentTimeMillis() + 15_000;
      while (sampler.samples().size() < 3 && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      sampler.stop();

      assertThat(sampler.samples()).hasSizeGreaterThanOrEqualTo(3);
      assertThat(sampler.scansPerWrite(0, 3600)).isEqualTo(2.5);
      assertThat(sampler.scansPerWrite(3600, 7200)).as("no scrape in the span").isNaN();
      assertThat(sampler.samples().get(0).oldMb()).isEqualTo(1.0);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
