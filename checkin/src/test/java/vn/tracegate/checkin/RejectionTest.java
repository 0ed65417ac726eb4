package vn.tracegate.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RejectionTest {

  @Test
  void aNotFoundNamesTheIdItWasGiven() {
    assertThat(Rejection.notFound("worker", "NV-001").getMessage()).isEqualTo("worker 'NV-001' does not exist");
    assertThat(Rejection.notFound("checkpoint", "xưởng-1").getMessage()).isEqualTo("checkpoint 'xưởng-1' does not exist");
  }

  @Test
  void aNotFoundShowsAtMost64CharactersOfAnIdAndNoControlCharacters() {
    // Found by BadHttpIT: a 3 KB path segment came back whole in the 404, line breaks and all.
    assertThat(Rejection.notFound("worker", "x".repeat(3_000)).getMessage())
        .isEqualTo("worker '" + "x".repeat(64) + "…' does not exist");
    assertThat(Rejection.notFound("worker", "a\nb\u0000c\u001b\ud800").getMessage())
        .isEqualTo("worker 'a?b?c??' does not exist");
  }
}
