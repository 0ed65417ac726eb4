package vn.tracegate.loadtest.chaos;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import vn.tracegate.loadtest.driver.OpenLoadDriver;
import vn.tracegate.loadtest.driver.ScanShots;
import vn.tracegate.loadtest.driver.Shot;
import vn.tracegate.loadtest.verify.AckedScans;

/**
 * The chaos run's scanners: new scans leave at a constant rate (open model: whether or not earlier
 * ones were answered), and every scan not acknowledged is sent again, the same request with the
 * same scanId, after its {@code Retry-After} or an exponential backoff (0.25 s doubling to 5 s,
 * jittered), until it is acknowledged or {@code retryFor} has passed since its first send. A 4xx
 * other than 408 and 429 is final. Retries are sent at most at twice the scan rate (a fleet of
 * scanners does not all retry at once; after an outage the backlog drains at that pace), and
 * requests in flight are capped: a new scan due at the cap is counted as not sent, a due retry waits. Everything runs on one event loop; the controller (on
 * another thread) moves it from phase to phase, asks for the first 2xx after a heal, and stops it.
 */
public final class ChaosDriver {

  static final long BACKOFF_BASE_MILLIS = 250;
  static final long BACKOFF_MAX_MILLIS = 5_000;

  /** A scan between attempts. */
  private static final class Pending {
    final Shot shot;
    final int index;
    final int phase;
    final long firstSentNanos;
    int attempts;
    long dueNanos;

    Pending(Shot shot, int index, int phase, long firstSentNanos) {
      this.shot = shot;
      this.index = index;
      this.phase = phase;
      this.firstSentNanos = firstSentNanos;
    }
  }

  private record Reply(int status, String retryAfter, Buffer body) {}

  private final Vertx vertx;
  private final HttpClient client;
  private final ScanShots shots;
  private final double rate;
  private final int maxInFlight;
  private final long requestTimeoutMillis;
  private final long retryForNanos;
  private final List<PhaseTally> phases = new ArrayList<>();

  /** Every scan sent at least once, by send order; the index of a scan in here is its index. */
  private final AckedScans sent = new AckedScans();
  private final BitSet acknowledged = new BitSet();
  private final List<Integer> phaseFirstIndex = new ArrayList<>();
  private final PriorityQueue<Pending> retries = new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos, b.dueNanos));

  private volatile int phase;
  private volatile boolean stopping;
  private volatile long watchFromNanos;
  private volatile boolean watchNeedsFresh;
  private final AtomicLong firstOkAfterWatch = new AtomicLong();

  private Promise<Void> done;
  private long t0;
  private long wall0;
  private long next;
  private int inFlight;
  private int currentPhase = -1;
  private long ticker = -1;
  private final double retryRate;
  private double retryTokens;
  private long lastRefill;
  private boolean closed;

  public ChaosDriver(Vertx vertx, HttpClient client, ScanShots shots, double rate, int maxInFlight,
      long requestTimeoutMillis, double retryForSeconds, List<String> phaseNames) {
    this.vertx = vertx;
    this.client = client;
    this.shots = shots;
    this.rate = rate;
    this.maxInFlight = maxInFlight;
    this.requestTimeoutMillis = requestTimeoutMillis;
    this.retryForNanos = (long) (retryForSeconds * 1e9);
    this.retryRate = 2 * rate;
    phaseNames.forEach(n -> phases.add(new PhaseTally(n)));
  }

  /** Starts sending in phase 0; completes once stopped and nothing is in flight or waiting for a retry. */
  public Future<Void> run(Context on) {
    done = Promise.promise();
    on.runOnContext(v -> {
      wall0 = System.currentTimeMillis();
      t0 = System.nanoTime();
      lastRefill = t0;
      ticker = vertx.setPeriodic(1, id -> tick());
    });
    return done.future();
  }

  /** New scans from now on belong to phase {@code k}. */
  public void phase(int k) {
    phase = k;
  }

  /** Stops remembering 2xx answers until the next {@link #watchRecovery}. */
  public void clearWatch() {
    watchFromNanos = 0;
  }

  /** Remembers the first 2xx answered at or after {@code fromNanos} (without PRESENCE_STALE if asked). */
  public void watchRecovery(long fromNanos, boolean needsFreshPresence) {
    firstOkAfterWatch.set(0);
    watchNeedsFresh = needsFreshPresence;
    watchFromNanos = fromNanos;
  }

  /** {@link System#nanoTime()} of the first 2xx since the watch began; 0 if none yet. */
  public long firstOkAfterWatch() {
    return firstOkAfterWatch.get();
  }

  /** No new scans; retries go on until each is acknowledged or given up. */
  public void stop() {
    stopping = true;
  }

  /** Gives up every scan still waiting for a retry and completes the run (the controller's bound). */
  public void abandonWaiting(Context on) {
    on.runOnContext(v -> {
      while (!retries.isEmpty()) {
        phases.get(retries.poll().phase).abandoned++;
      }
      phases.get(phase).abandoned += inFlight; // their phase is not known here: the current one
      closed = true;
      finish();
    });
  }

  private void tick() {
    long now = System.nanoTime();
    if (!stopping) {
      long due = (long) ((now - t0) / 1e9 * rate);
      while (next < due) {
        fireNew(next++, now);
      }
    }
    retryTokens = Math.min(Math.max(1, retryRate / 10), retryTokens + (now - lastRefill) / 1e9 * retryRate);
    lastRefill = now;
    while (retryTokens >= 1 && !retries.isEmpty() && retries.peek().dueNanos <= now && inFlight < maxInFlight) {
      retryTokens--;
      attempt(retries.poll());
    }
    if (stopping && inFlight == 0 && retries.isEmpty()) {
      finish();
    }
  }

  private void finish() {
    if (ticker >= 0) {
      vertx.cancelTimer(ticker);
      ticker = -1;
    }
    done.tryComplete();
  }

  private void fireNew(long n, long now) {
    int k = phase;
    if (k != currentPhase) {
      while (phaseFirstIndex.size() <= k) {
        phaseFirstIndex.add(sent.size());
      }
      currentPhase = k;
    }
    PhaseTally tally = phases.get(k);
    if (inFlight >= maxInFlight) {
      tally.unsent++;
      return;
    }
    Shot shot = shots.shot(n, wall0 + Math.round(n * 1000 / rate));
    ScanShots.Ref ref = (ScanShots.Ref) shot.ref();
    int index = sent.size();
    sent.add(ref.scanId(), ref.worker(), ref.checkpoint(), ref.at());
    tally.sent++;
    attempt(new Pending(shot, index, k, now));
  }

  private void attempt(Pending p) {
    PhaseTally origin = phases.get(p.phase);
    PhaseTally sending = phases.get(phase);
    p.attempts++;
    sending.attempts++;
    if (p.attempts == 2) {
      origin.retriedScans++;
    }
    if (p.attempts > 1) {
      sending.retryAttempts++;
    }
    inFlight++;
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI(p.shot.uri())
        .putHeader("Authorization", p.shot.authorization()).putHeader("Content-Type", "application/json")
        .setIdleTimeout(requestTimeoutMillis);
    client.request(options)
        .compose(req -> req.send(p.shot.body()))
        .compose(resp -> resp.body().map(body -> new Reply(resp.statusCode(), resp.getHeader("Retry-After"), body)))
        .onComplete(ar -> {
          inFlight--;
          if (closed) {
            return; // answered after the run was cut short: counted as abandoned already
          }
          long now = System.nanoTime();
          PhaseTally answering = phases.get(phase);
          if (ar.succeeded() && ar.result().status() / 100 == 2) {
            Reply r = ar.result();
            boolean stale = r.body().toString().contains("PRESENCE_STALE");
            answering.answered(r.status(), stale);
            origin.acknowledged((now - p.firstSentNanos) / 1000);
            acknowledged.set(p.index);
            shots.acknowledged(p.shot, r.status(), r.body());
            long watch = watchFromNanos;
            if (watch != 0 && now >= watch && !(watchNeedsFresh && stale)) {
              firstOkAfterWatch.compareAndSet(0, now);
            }
            return;
          }
          long retryAfterMillis = 0;
          if (ar.succeeded()) {
            Reply r = ar.result();
            answering.refused(refusalKey(r.status(), errorCode(r.body()), r.retryAfter() != null));
            if (!(r.status() >= 500 || r.status() == 429 || r.status() == 408)) {
              origin.rejected++;
              return;
            }
            retryAfterMillis = retryAfterMillis(r.retryAfter());
          } else {
            answering.transportError(OpenLoadDriver.failureKey(ar.cause()));
          }
          if (now - p.firstSentNanos > retryForNanos) {
            origin.abandoned++;
            return;
          }
          p.dueNanos = now + Math.max(retryAfterMillis, backoffMillis(p.attempts)) * 1_000_000;
          retries.add(p);
        });
  }

  /** "503 STORE_UNAVAILABLE", and " without Retry-After" when a 503 or 429 lacks it. */
  static String refusalKey(int status, String code, boolean retryAfter) {
    return status + (code == null ? "" : " " + code)
        + ((status == 503 || status == 429) && !retryAfter ? " without Retry-After" : "");
  }

  /** The {@code error.code} of a TraceGate error body; null when the body is not one. */
  static String errorCode(Buffer body) {
    try {
      JsonObject error = new JsonObject(body).getJsonObject("error");
      return error == null ? null : error.getString("code");
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The pause before attempt {@code attempts + 1}: 0.25 s doubling up to 5 s, times 0.5 to 1.5. */
  static long backoffMillis(int attempts) {
    long base = BACKOFF_BASE_MILLIS << Math.min(attempts - 1, 10);
    return Math.round(Math.min(BACKOFF_MAX_MILLIS, base) * (0.5 + ThreadLocalRandom.current().nextDouble()));
  }

  /** {@code Retry-After} in seconds as milliseconds; 0 when absent or not a number of seconds. */
  static long retryAfterMillis(String header) {
    if (header == null) {
      return 0;
    }
    try {
      return Math.min(60_000, Math.max(0, Long.parseLong(header.trim()) * 1000));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  // Read once the run has completed.

  public List<PhaseTally> phases() {
    return phases;
  }

  public AckedScans sent() {
    return sent;
  }

  public BitSet acknowledged() {
    return acknowledged;
  }

  /** The phase that scan {@code index} was first sent in. */
  public int phaseOf(int index) {
    int k = phaseFirstIndex.size() - 1;
    while (k > 0 && phaseFirstIndex.get(k) > index) {
      k--;
    }
    return Math.max(k, 0);
  }
}
