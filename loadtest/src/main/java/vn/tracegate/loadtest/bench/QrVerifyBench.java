package vn.tracegate.loadtest.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import vn.tracegate.checkin.qr.KeyRing;
import vn.tracegate.checkin.qr.QrKind;
import vn.tracegate.checkin.qr.QrSigner;
import vn.tracegate.checkin.qr.QrVerifier;
import vn.tracegate.checkin.qr.SigningKey;
import vn.tracegate.checkin.qr.VerifiedQr;

/**
 * Per-scan cost of checking a badge: the JDK's Ed25519 against Bouncy Castle's, and the
 * {@link QrVerifier} on a cache hit and on a miss. Each verifier call builds its payload string
 * from bytes, as a request decoder would, and cycles through {@value #BADGES} distinct badges so
 * hashing and lookup are not flattered by one hot string.
 *
 * <p>Run: {@code java -cp loadtest/target/loadtest.jar org.openjdk.jmh.Main QrVerifyBench}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class QrVerifyBench {

  static final int BADGES = 4096;
  /** DER prefix of an X.509 SubjectPublicKeyInfo for a raw Ed25519 key (RFC 8410). */
  private static final byte[] X509_ED25519_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private byte[][] payloads;
  private int next;
  private Instant at;

  private byte[] message;
  private byte[] signature;
  private Signature jdk;
  private Ed25519PublicKeyParameters bc;

  private QrVerifier warm;
  private QrVerifier cold;

  @Setup
  public void setUp() throws Exception {
    Instant validFrom = Instant.parse("2026-11-22T00:00:00Z");
    at = validFrom.plus(Duration.ofHours(1));
    SigningKey key = SigningKey.generate("bench", validFrom);
    KeyRing ring = KeyRing.of(key);
    QrSigner signer = new QrSigner(ring);
    payloads = new byte[BADGES][];
    for (int i = 0; i < BADGES; i++) {
      payloads[i] = signer.badge(String.format("W%06d", i), validFrom, Duration.ofHours(24))
          .payload().getBytes(StandardCharsets.US_ASCII);
    }

    String one = new String(payloads[0], StandardCharsets.US_ASCII);
    int cut = one.lastIndexOf('.');
    message = one.substring(0, cut).getBytes(StandardCharsets.US_ASCII);
    signature = Base64.getUrlDecoder().decode(one.substring(cut + 1));

    byte[] spki = new byte[X509_ED25519_PREFIX.length + 32];
    System.arraycopy(X509_ED25519_PREFIX, 0, spki, 0, X509_ED25519_PREFIX.length);
    System.arraycopy(key.publicKey(), 0, spki, X509_ED25519_PREFIX.length, 32);
    PublicKey jdkKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    jdk = Signature.getInstance("Ed25519");
    jdk.initVerify(jdkKey);
    bc = new Ed25519PublicKeyParameters(key.publicKey());

    warm = new QrVerifier(ring);
    cold = new QrVerifier(ring, 0, QrVerifier.DEFAULT_SKEW);
    for (byte[] p : payloads) {
      warm.verify(new String(p, StandardCharsets.US_ASCII), QrKind.BADGE, at);
    }
    if (!jdkVerify() || !bcVerify()) {
      throw new IllegalStateException("benchmark signature does not verify");
    }
  }

  /** (a) The JDK's Ed25519 (SunEC), key already initialised. */
  @Benchmark
  public boolean jdkVerify() throws Exception {
    jdk.update(message);
    return jdk.verify(signature);
  }

  /** (b) Bouncy Castle's low-level Ed25519 with the public point decoded once. */
  @Benchmark
  public boolean bcVerify() {
    return bc.verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
  }

  /** (c) QrVerifier, payload already verified: lookup plus key status and validity checks. */
  @Benchmark
  public VerifiedQr verifierCacheHit() {
    return warm.verify(nextPayload(), QrKind.BADGE, at);
  }

  /** (d) QrVerifier with the cache off: parse, key checks and a Bouncy Castle verify. */
  @Benchmark
  public VerifiedQr verifierCacheMiss() {
    return cold.verify(nextPayload(), QrKind.BADGE, at);
  }

  private String nextPayload() {
    next = (next + 1) & (BADGES - 1);
    return new String(payloads[next], StandardCharsets.US_ASCII);
  }
}
