package vn.tracegate.checkin.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tracegate.checkin.qr.QrVerifierTest.K1;
import static vn.tracegate.checkin.qr.QrVerifierTest.SIGNER;
import static vn.tracegate.checkin.qr.QrVerifierTest.T0;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VerifiedCacheTest {

  private static final VerifiedCache.Entry ENTRY =
      new VerifiedCache.Entry(new VerifiedQr(QrKind.POSTER, "k1", "gate-a", T0, null), new byte[32]);

  @Test
  void aPayloadInUseSurvivesGenerationSwapsWhileAnIdleOneIsDropped() {
    VerifiedCache cache = new VerifiedCache(4);
    cache.put("a", ENTRY);
    cache.put("b", ENTRY); // young full: a and b become the old generation

    assertThat(cache.get("a")).isSameAs(ENTRY); // copied back to the young generation
    cache.put("c", ENTRY); // young full again: b is dropped with the old generation

    assertThat(cache.get("a")).isSameAs(ENTRY);
    assertThat(cache.get("c")).isSameAs(ENTRY);
    assertThat(cache.get("b")).isNull();
  }

  @Test
  void aCapacityBelowTwoTurnsTheCacheOff() {
    VerifiedCache cache = new VerifiedCache(1);
    cache.put("a", ENTRY);

    assertThat(cache.get("a")).isNull();
    assertThat(cache.size()).isZero();
  }

  @Test
  void manyThreadsVerifyingThroughASmallCacheGetRightAnswersWithinTheBound() throws Exception {
    List<String> posters = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      posters.add(SIGNER.poster("cp-" + i, T0));
    }
    QrVerifier verifier = new QrVerifier(KeyRing.of(K1), 100, QrVerifier.DEFAULT_SKEW);
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int seed = t;
        results.add(pool.submit(() -> {
          int wrong = 0;
          for (int i = 0; i < 3000; i++) {
            int n = (i * 7 + seed * 13) % (i % 2 == 0 ? 20 : 300); // some hot, some cold
            wrong += verifier.verify(posters.get(n), QrKind.POSTER, T0).subjectId()
                .equals("cp-" + n) ? 0 : 1;
          }
          return wrong;
        }));
      }
      for (Future<Integer> r : results) {
        assertThat(r.get(30, TimeUnit.SECONDS)).isZero();
      }
    } finally {
      pool.shutdownNow();
    }

    QrVerifier.Stats stats = verifier.stats();
    assertThat(stats.cacheHits() + stats.cacheMisses()).isEqualTo(threads * 3000L);
    assertThat(stats.cacheHits()).isGreaterThan(threads * 1000L);
    assertThat(stats.cached()).isLessThanOrEqualTo(100 + 2 * threads);
  }
}
