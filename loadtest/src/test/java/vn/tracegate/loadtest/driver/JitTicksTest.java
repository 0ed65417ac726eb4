package vn.tracegate.loadtest.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JitTicksTest {

  @Test
  void aStatLineGivesTheThreadNameEvenWithParenthesesAndItsUserPlusSystemTicks() {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
    String stat = "4242 (C2 CompilerThre) S 1 4200 4200 0 -1 1077936192 50 0 0 0 1234 56 0 0 20 0 40 0";
    String odd = "7 (a) b (c)) R 1 7 7 0 -1 0 0 0 0 0 10 20 0 0 20 0 1 0";

    assertThat(JitTicks.threadName(stat)).isEqualTo("C2 CompilerThre");
    assertThat(JitTicks.ticksOf(stat)).isEqualTo(1290);
    assertThat(JitTicks.threadName(odd)).isEqualTo("a) b (c)");
    assertThat(JitTicks.ticksOf(odd)).isEqualTo(30);
  }

  @Test
  void onlyHotSpotsCompilerThreadsCount() {
    assertThat(JitTicks.isCompilerThread("C1 CompilerThre")).isTrue();
    assertThat(JitTicks.isCompilerThread("C2 CompilerThre")).isTrue();
    assertThat(JitTicks.isCompilerThread("GC Thread#0")).isFalse();
    assertThat(JitTicks.isCompilerThread("vert.x-eventloo")).isFalse();
    assertThat(JitTicks.isCompilerThread("Sweeper thread")).isFalse();
  }

  @Test
  void thisJvmsCompilerThreadsAreFoundAndTheirWorkOnNewCodeIsCounted() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux /proc");
    long pid = ProcessHandle.current().pid();
    JitTicks jit = new JitTicks(pid);
    CpuSampler sampler = new CpuSampler(Map.of("self", pid));
    sampler.start(System.nanoTime());
    try {
      assertThat(jit.isJvm()).isTrue();
      long deadline = System.nanoTime() + 20_000_000_000L;
      long sink = 0;
      int round = 0;
      // Code this JVM has not run hot before gets compiled; stop as soon as the sampler saw some of it.
      while (System.nanoTime() < deadline && (jit.ticks() == 0 || sampledJit(sampler) == 0)) {
        sink += compileBait(round++);
      }
      assertThat(sink).isNotZero();
      long ticks = jit.ticks();
      assertThat(ticks).isPositive();
      assertThat(jit.ticks()).isGreaterThanOrEqualTo(ticks); // a counter, never back
      JsonObject average = sampler.average(0, 1e9);
      assertThat(average.getJsonObject("jit").getDouble("self")).isPositive()
          .isLessThanOrEqualTo(average.getLong("self") + 1.0); // part of the process's CPU, not beside it
    } finally {
      sampler.stop();
    }
  }

  private static double sampledJit(CpuSampler sampler) {
    return sampler.samples().stream().mapToDouble(s -> s.jit().getOrDefault("self", 0.0)).sum();
  }

  /** Varied work: regexes, decimal arithmetic, formatting, collectors and sorted maps. */
  private static long compileBait(int round) {
    long sink = 0;
    Pattern p = Pattern.compile("(\\w+)-(\\d{" + (1 + round % 5) + "})");
    MathContext mc = new MathContext(20 + round % 30);
    TreeMap<String, Integer> map = new TreeMap<>();
    for (int i = 0; i < 20_000; i++) {
      String s = "k" + (i * 31 + round) + "-" + i;
      if (p.matcher(s).find()) {
        sink++;
      }
      map.merge(s.substring(0, Math.min(4, s.length())), 1, Integer::sum);
      if (i % 100 == 0) {
        sink += new BigDecimal(i + 1).sqrt(mc).toBigInteger().longValue();
        sink += String.format("%08x|%,.3f|%s", i, i / 7.0, s).length();
      }
    }
    sink += IntStream.range(0, 5_000).boxed()
        .collect(Collectors.groupingBy(i -> i % (3 + round % 7), Collectors.summingLong(i -> (long) i * round)))
        .values().stream().mapToLong(Long::longValue).sum();
    return sink + map.size();
  }
}
