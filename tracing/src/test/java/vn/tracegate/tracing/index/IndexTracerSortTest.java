package vn.tracegate.tracing.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The radix sort the index's tracer orders its answer with gives what a comparison sort gives. */
class IndexTracerSortTest {

  @ParameterizedTest(name = "{0} keys")
  @ValueSource(ints = {0, 1, 5, 4095, 4096, 10_000, 300_000})
  void sortsNonNegativeKeysLikeArraysSort(int n) {
    Random random = new Random(n);
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      // Shift-change-like: few distinct starts in the high bits, positions in the low 21.
      long start = random.nextInt(4) == 0 ? random.nextInt(1 << 30) : 3_600_000L * random.nextInt(96);
      keys[i] = start << 21 | i;
    }
    long[] expected = keys.clone();
    Arrays.sort(expected);
    IndexTracer.radixSort(keys);
    assertThat(keys).containsExactly(expected);
  }

  @ParameterizedTest(name = "width {0} bits")
  @ValueSource(ints = {16, 17, 40, 63})
  void sortsEveryDigitWidth(int bits) {
    Random random = new Random(bits);
    long[] keys = new long[20_000];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = random.nextLong() >>> (64 - bits);
    }
    long[] expected = keys.clone();
    Arrays.sort(expected);
    IndexTracer.radixSort(keys);
    assertThat(keys).containsExactly(expected);
  }
}
