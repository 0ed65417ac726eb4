package vn.tracegate.checkin.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash chain, pure: the canonical encoding of an entry, its SHA-256, and linking new events
 * after a tail. The encoding is a version tag and every field in a fixed order, each
 * length-prefixed (null distinct from empty), so no two different entries encode alike.
 */
public final class AuditChain {

  /** The prevHash of entry 1. */
  public static final String GENESIS_HASH = "0".repeat(64);
  private static final byte[] VERSION = "TGA1".getBytes(StandardCharsets.US_ASCII);

  private AuditChain() {}

  /** Lower-case hex SHA-256 of the canonical encoding of everything in the entry but its own hash. */
  public static String hash(long seq, Instant at, Instant prevAt, AuditEvent e, String prevHash) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.writeBytes(VERSION);
    number(out, seq);
    number(out, at.toEpochMilli());
    number(out, prevAt == null ? -1 : prevAt.toEpochMilli());
    text(out, e.actor());
    text(out, e.role().name());
    text(out, e.actorEnterprise());
    text(out, e.action().name());
    text(out, e.objectType());
    text(out, e.objectId());
    number(out, e.workerIds().size());
    e.workerIds().forEach(id -> text(out, id));
    text(out, e.reason());
    text(out, prevHash);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException("SHA-256 is part of every JDK", ex);
    }
  }

  /** Recomputes the hash of a stored entry. */
  public static String hash(AuditEntry e) {
    return hash(e.seq(), e.at(), e.prevAt(), e.event(), e.prevHash());
  }

  /**
   * The entries for {@code events} appended after {@code tail}, in order. Times are cut to
   * milliseconds (what Cassandra keeps) and never go back before the tail's, whatever the clocks
   * of the nodes, so {@code at} rises with {@code seq}.
   */
  static List<AuditEntry> link(AuditTail tail, List<AuditEvent> events, Instant now) {
    List<AuditEntry> entries = new ArrayList<>(events.size());
    Instant at = now.truncatedTo(ChronoUnit.MILLIS);
    if (tail.at() != null && at.isBefore(tail.at())) {
      at = tail.at();
    }
    long seq = tail.seq();
    String prevHash = tail.hash();
    Instant prevAt = tail.at();
    for (AuditEvent e : events) {
      seq++;
      String hash = hash(seq, at, prevAt, e, prevHash);
      entries.add(new AuditEntry(seq, at, prevAt, e, prevHash, hash));
      prevHash = hash;
      prevAt = at;
    }
    return entries;
  }

  private static void number(ByteArrayOutputStream out, long value) {
    out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
  }

  private static void text(ByteArrayOutputStream out, String value) {
    if (value == null) {
      out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(-1).array());
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
    out.writeBytes(bytes);
  }
}
