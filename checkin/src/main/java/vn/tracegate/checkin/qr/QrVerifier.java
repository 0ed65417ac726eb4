package vn.tracegate.checkin.qr;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import vn.tracegate.checkin.Rejection;

/**
 * Checks a scanned QR payload: grammar, kind, key, Ed25519 signature and, for a badge, validity
 * at the instant of the scan. Thread-safe and lock-free, so event loops may call it directly.
 *
 * <p>Why it is fast: the signature is checked with Bouncy Castle's low-level Ed25519 (about 7x
 * the JDK's) and only once per distinct payload; a bounded cache then remembers what the payload
 * says. Key status and validity are cheap and re-checked on every call, so revoking a key refuses
 * even payloads already cached. Validity is judged at the scan's {@code at}, never at the
 * server's clock, so a device's offline batch uploaded hours later is still accepted.
 *
 * <p>Posters have no validity window: they live until their key is revoked.
 */
public final class QrVerifier {

  /** Default bound of the verified-payload cache: about 80 MB when full (~400 bytes a badge). */
  public static final int DEFAULT_CACHE_SIZE = 200_000;
  /** Default clock skew allowed between a scanner and the badge's window. */
  public static final Duration DEFAULT_SKEW = Duration.ofMinutes(2);

  /** Counters for metrics; {@code refusals} counts every refused call, whatever the reason. */
  public record Stats(long cacheHits, long cacheMisses, long badSignatures, long refusals,
      int cached) {}

  private volatile KeyRing keys;
  private final VerifiedCache cache;
  private final Duration skew;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder badSignatures = new LongAdder();
  private final LongAdder refusals = new LongAdder();

  /** A verifier with the default cache size and skew. */
  public QrVerifier(KeyRing keys) {
    this(keys, DEFAULT_CACHE_SIZE, DEFAULT_SKEW);
  }

  /**
   * @param keys the keys to trust now
   * @param cacheSize bound of the verified-payload cache; below 2 turns it off
   * @param skew how far outside a badge's window a scan's {@code at} may still be accepted
   */
  public QrVerifier(KeyRing keys, int cacheSize, Duration skew) {
    if (skew.isNegative()) {
      throw new IllegalArgumentException("skew must not be negative");
    }
    this.keys = keys;
    this.cache = new VerifiedCache(cacheSize);
    this.skew = skew;
  }

  /** Trusts another key set from the next call on: rotation and revocation without a restart. */
  public void updateKeys(KeyRing next) {
    this.keys = next;
  }

  /**
   * Verifies {@code payload} as a code of kind {@code expected}, scanned at {@code at}.
   *
   * @throws Rejection UNPROCESSABLE with code QR_MALFORMED, QR_WRONG_KIND, QR_UNKNOWN_KEY,
   *     QR_KEY_REVOKED, QR_BAD_SIGNATURE, QR_EXPIRED or QR_NOT_YET_VALID
   */
  public VerifiedQr verify(String payload, QrKind expected, Instant at) {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(at, "at");
    try {
      return check(payload, expected, at);
    } catch (Rejection r) {
      refusals.increment();
      throw r;
    }
  }

  /** Counters since start. */
  public Stats stats() {
    return new Stats(hits.sum(), misses.sum(), badSignatures.sum(), refusals.sum(), cache.size());
  }

  private VerifiedQr check(String payload, QrKind expected, Instant at) {
    KeyRing ring = keys;
    VerifiedCache.Entry cached =
        payload == null || payload.length() > QrPayloadFormat.MAX_LENGTH ? null : cache.get(payload);
    if (cached != null) {
      VerifiedQr qr = cached.qr();
      KeyRing.Entry key = usableKey(ring, qr, expected);
      if (Arrays.equals(cached.publicKey(), key.publicKey())) {
        hits.increment();
        return withinValidity(qr, at);
      }
      // The kid now names another key pair: check the signature again below.
    }
    misses.increment();
    QrPayloadFormat.Parsed parsed = QrPayloadFormat.parse(payload);
    VerifiedQr qr = parsed.qr();
    KeyRing.Entry key = usableKey(ring, qr, expected);
    byte[] message = payload.getBytes(StandardCharsets.US_ASCII);
    if (!key.verifier().verify(Ed25519.Algorithm.Ed25519, null,
        message, 0, parsed.signedLength(), parsed.signature(), 0)) {
      badSignatures.increment();
      throw Rejection.unprocessable("QR_BAD_SIGNATURE", "the signature of this "
          + qr.kind().noun() + " does not match: it was altered or forged");
    }
    cache.put(payload, new VerifiedCache.Entry(qr, key.publicKey()));
    return withinValidity(qr, at);
  }

  private static KeyRing.Entry usableKey(KeyRing ring, VerifiedQr qr, QrKind expected) {
    if (qr.kind() != expected) {
      throw Rejection.unprocessable("QR_WRONG_KIND", "this is a " + qr.kind().noun()
          + ", a " + expected.noun() + " is expected here");
    }
    KeyRing.Entry key = ring.entry(qr.kid());
    if (key == null) {
      throw Rejection.unprocessable("QR_UNKNOWN_KEY", "this " + qr.kind().noun()
          + " was signed with key '" + qr.kid() + "', which this server does not know");
    }
    if (key.key().status() == KeyStatus.REVOKED) {
      throw Rejection.unprocessable("QR_KEY_REVOKED", "this " + qr.kind().noun()
          + " was signed with revoked key '" + qr.kid() + "'; print or fetch a new one");
    }
    return key;
  }

  private VerifiedQr withinValidity(VerifiedQr qr, Instant at) {
    if (qr.kind() != QrKind.BADGE) {
      return qr;
    }
    if (at.isBefore(qr.issuedAt().minus(skew))) {
      throw Rejection.unprocessable("QR_NOT_YET_VALID", "worker badge is valid only from "
          + qr.issuedAt() + " and was scanned at " + at + "; check the scanner's clock");
    }
    if (!at.isBefore(qr.validUntil().plus(skew))) {
      throw Rejection.unprocessable("QR_EXPIRED", "worker badge expired at " + qr.validUntil()
          + "; ask the worker to refresh it");
    }
    return qr;
  }
}
