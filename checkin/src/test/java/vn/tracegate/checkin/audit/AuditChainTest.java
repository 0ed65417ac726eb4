package vn.tracegate.checkin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.access.Role;

/** The hash chain and its check, without a store. */
class AuditChainTest {

  static final Instant T0 = Instant.parse("2026-11-22T07:30:00.123456Z");
  static final Duration RETENTION = Duration.ofDays(365);

  static AuditEvent event(int i) {
    return new AuditEvent("health:officer-" + i, Role.HEALTH, null, AuditAction.TRACE, "trace", "t-" + i,
        List.of("NV00" + i, "NV10" + i), "ca F0 số " + i);
  }

  static List<AuditEntry> chain(int n) {
    return AuditChain.link(AuditTail.GENESIS, IntStream.rangeClosed(1, n).mapToObj(AuditChainTest::event).toList(), T0);
  }

  static AuditCheck check(List<AuditEntry> entries, long from, AuditTail before, AuditTail head, Instant now) {
    ChainWalk walk = new ChainWalk(from, Long.MAX_VALUE, before, now, RETENTION);
    for (AuditEntry e : entries) {
      if (!walk.accept(e)) {
        break;
      }
    }
    return walk.finish(head);
  }

  static AuditCheck checkAll(List<AuditEntry> entries, AuditTail head) {
    return check(entries, 1, AuditTail.GENESIS, head, T0.plusSeconds(60));
  }

  static AuditTail headOf(List<AuditEntry> entries) {
    return AuditTail.of(entries.get(entries.size() - 1));
  }

  static AuditEntry withReason(AuditEntry e, String reason) {
    return new AuditEntry(e.seq(), e.at(), e.prevAt(), e.event().withReason(reason), e.prevHash(), e.hash());
  }

  @Test
  void entriesAreNumberedFromOneAndEachLinksToTheOneBefore() {
    List<AuditEntry> entries = chain(3);
    assertThat(entries).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L);
    assertThat(entries.get(0).prevHash()).isEqualTo(AuditChain.GENESIS_HASH);
    assertThat(entries.get(1).prevHash()).isEqualTo(entries.get(0).hash());
    assertThat(entries.get(2).prevAt()).isEqualTo(entries.get(1).at());
    assertThat(entries.get(0).at()).isEqualTo(Instant.parse("2026-11-22T07:30:00.123Z"));
    assertThat(entries).extracting(AuditEntry::hash).doesNotHaveDuplicates().allMatch(h -> h.matches("[0-9a-f]{64}"));
  }

  @Test
  void anEntryLinkedAfterANewerTailNeverGoesBackInTime() {
    AuditTail tail = new AuditTail(7, "a".repeat(64), T0.plusSeconds(5));
    AuditEntry e = AuditChain.link(tail, List.of(event(1)), T0).get(0);
    assertThat(e.seq()).isEqualTo(8);
    assertThat(e.at()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void theEncodingTellsFieldBoundariesAndNullFromEmpty() {
    AuditEvent a = new AuditEvent("ab", Role.ADMIN, null, AuditAction.BADGE, "c", "x", List.of(), null);
    AuditEvent b = new AuditEvent("a", Role.ADMIN, null, AuditAction.BADGE, "bc", "x", List.of(), null);
    AuditEvent c = new AuditEvent("ab", Role.ADMIN, "", AuditAction.BADGE, "c", "x", List.of(), null);
    AuditEvent d = new AuditEvent("ab", Role.ADMIN, null, AuditAction.BADGE, "c", "x", List.of(), "");
    String prev = AuditChain.GENESIS_HASH;
    assertThat(List.of(a, b, c, d)).extracting(e -> AuditChain.hash(1, T0, null, e, prev)).doesNotHaveDuplicates();
  }

  @Test
  void anIntactChainChecksOk() {
    List<AuditEntry> entries = chain(5);
    AuditCheck result = checkAll(entries, headOf(entries));
    assertThat(result.ok()).isTrue();
    assertThat(result.checked()).isEqualTo(5);
    assertThat(result.lastHash()).isEqualTo(entries.get(4).hash());
  }

  @Test
  void aChangedReasonIsAHashMismatchAtThatEntry() {
    List<AuditEntry> entries = new ArrayList<>(chain(5));
    entries.set(2, withReason(entries.get(2), "không có lý do"));
    AuditCheck result = checkAll(entries, headOf(entries));
    assertThat(result.ok()).isFalse();
    assertThat(result.problem().seq()).isEqualTo(3);
    assertThat(result.problem().kind()).isEqualTo(AuditCheck.Kind.HASH_MISMATCH);
  }

  @Test
  void aChangedEntryWithARecomputedHashBreaksTheLinkOfTheNext() {
    List<AuditEntry> entries = new ArrayList<>(chain(5));
    AuditEntry forged = withReason(entries.get(2), "sửa lại");
    entries.set(2, new AuditEntry(3, forged.at(), forged.prevAt(), forged.event(), forged.prevHash(), AuditChain.hash(forged)));
    AuditCheck result = checkAll(entries, headOf(entries));
    assertThat(result.problem().seq()).isEqualTo(4);
    assertThat(result.problem().kind()).isEqualTo(AuditCheck.Kind.BROKEN_LINK);
  }

  @Test
  void aRemovedEntryInTheMiddleIsAMissingSeq() {
    List<AuditEntry> entries = new ArrayList<>(chain(5));
    AuditTail head = headOf(entries);
    entries.remove(1);
    AuditCheck result = checkAll(entries, head);
    assertThat(result.problem().seq()).isEqualTo(2);
    assertThat(result.problem().kind()).isEqualTo(AuditCheck.Kind.MISSING_SEQ);
    assertThat(result.checked()).isEqualTo(1);
  }

  @Test
  void removedNewestEntriesAreFoundThroughTheHeadRecord() {
    List<AuditEntry> entries = new ArrayList<>(chain(5));
    AuditTail head = headOf(entries);
    entries.remove(4);
    AuditCheck result = checkAll(entries, head);
    assertThat(result.problem().seq()).isEqualTo(5);
    assertThat(result.problem().kind()).isEqualTo(AuditCheck.Kind.MISSING_SEQ);
  }

  @Test
  void aReplacedNewestEntryDiffersFromTheHeadRecord() {
    List<AuditEntry> entries = new ArrayList<>(chain(5));
    AuditTail head = headOf(entries);
    AuditEntry forged = withReason(entries.get(4), "khác");
    entries.set(4, new AuditEntry(5, forged.at(), forged.prevAt(), forged.event(), forged.prevHash(), AuditChain.hash(forged)));
    AuditCheck result = checkAll(entries, head);
    assertThat(result.problem().seq()).isEqualTo(5);
    assertThat(result.problem().kind()).isEqualTo(AuditCheck.Kind.BROKEN_LINK);
  }

  @Test
  void aHeadRecordThatLagsBehindTheChainIsNoProblem() {
    List<AuditEntry> entries = chain(5);
    assertThat(checkAll(entries, AuditTail.of(entries.get(2))).ok()).isTrue();
  }

  @Test
  void entriesPastTheirRetentionMayBeGoneFromTheStart() {
    List<AuditEntry> entries = chain(5);
    Instant later = T0.plus(RETENTION).plusSeconds(3600);
    AuditCheck result = check(entries.subList(2, 5), 1, AuditTail.GENESIS, headOf(entries), later);
    assertThat(result.ok()).isTrue();
    assertThat(result.firstSeq()).isEqualTo(3);
  }

  @Test
  void theOldestEntriesRemovedWithinRetentionAreFound() {
    List<AuditEntry> entries = chain(5);
    AuditCheck result = check(entries.subList(2, 5), 1, AuditTail.GENESIS, headOf(entries), T0.plusSeconds(60));
    assertThat(result.problem().seq()).isEqualTo(2);
    assertThat(result.problem().kind()).isEqualTo(AuditCheck.Kind.MISSING_SEQ);
  }

  @Test
  void aRangeStartingMidChainLinksToTheStoredEntryBeforeIt() {
    List<AuditEntry> entries = new ArrayList<>(chain(5));
    AuditTail before = AuditTail.of(entries.get(1));
    assertThat(check(entries.subList(2, 5), 3, before, headOf(entries), T0).ok()).isTrue();
    AuditEntry forged = withReason(entries.get(2), "khác");
    entries.set(2, new AuditEntry(3, forged.at(), forged.prevAt(), forged.event(), "b".repeat(64),
        AuditChain.hash(3, forged.at(), forged.prevAt(), forged.event(), "b".repeat(64))));
    AuditCheck result = check(entries.subList(2, 5), 3, before, headOf(entries), T0);
    assertThat(result.problem().seq()).isEqualTo(3);
    assertThat(result.problem().kind()).isEqualTo(AuditCheck.Kind.BROKEN_LINK);
  }

  @Test
  void anUnreadableRowCountsAsAChangedEntry() {
    ChainWalk walk = new ChainWalk(1, Long.MAX_VALUE, AuditTail.GENESIS, T0, RETENTION);
    walk.accept(chain(1).get(0));
    walk.unreadable(2);
    assertThat(walk.finish(null).problem().kind()).isEqualTo(AuditCheck.Kind.HASH_MISMATCH);
  }
}
