package vn.tracegate.checkin.qr;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import vn.tracegate.checkin.Rejection;

/**
 * QR signing keys in Cassandra ({@code signing_keys}), so every gateway node signs and verifies
 * with the same ring and a rotation or revocation reaches all of them without a restart (they
 * reload the ring periodically). Key changes are rare and admin-only.
 */
public final class SigningKeyStore {

  private static final DateTimeFormatter KID = DateTimeFormatter.ofPattern("'k'yyyyMMddHHmmssSSS")
      .withZone(ZoneOffset.UTC);

  private final Vertx vertx;
  private final CqlSession session;
  private final PreparedStatement selectAll;
  private final PreparedStatement insertNew;
  private final PreparedStatement setStatus;

  public SigningKeyStore(Vertx vertx, CqlSession session) {
    this.vertx = vertx;
    this.session = session;
    this.selectAll = session.prepare(
        "SELECT kid, status, public_key, private_key, created_at FROM signing_keys");
    this.insertNew = session.prepare("INSERT INTO signing_keys (kid, algorithm, public_key, private_key, status,"
        + " created_at) VALUES (?, ?, ?, ?, ?, ?) IF NOT EXISTS");
    this.setStatus = session.prepare("UPDATE signing_keys SET status = ? WHERE kid = ?");
  }

  /** The current ring from the table. */
  public Future<KeyRing> load() {
    return fut(session.executeAsync(selectAll.bind())).map(rs -> {
      List<SigningKey> keys = new ArrayList<>();
      for (Row row : rs.currentPage()) {
        keys.add(toKey(row));
      }
      return KeyRing.of(keys);
    });
  }

  /** The ring, with a fresh active key created first when there is none (first start). */
  public Future<KeyRing> loadOrCreate(Instant now) {
    return load().compose(ring -> ring.activeSigner().isPresent() ? Future.succeededFuture(ring) : rotate(now));
  }

  /** Makes a new ACTIVE key; the keys that were active become RETIRED (they still verify). */
  public Future<KeyRing> rotate(Instant now) {
    SigningKey fresh = SigningKey.generate(KID.format(now), now);
    return load().compose(ring -> fut(session.executeAsync(insertNew.bind(fresh.kid(), SigningKey.ALGORITHM,
            ByteBuffer.wrap(fresh.publicKey()), ByteBuffer.wrap(fresh.privateKey()), fresh.status().name(),
            fresh.createdAt())))
        .compose(inserted -> {
          if (!inserted.wasApplied()) {
            return Future.failedFuture(Rejection.conflict("ROTATION_IN_PROGRESS",
                "another rotation made key " + fresh.kid() + " at the same moment; retry"));
          }
          List<Future<?>> retire = new ArrayList<>();
          for (SigningKey k : ring.keys()) {
            if (k.status() == KeyStatus.ACTIVE && !k.kid().equals(fresh.kid())) {
              retire.add(status(k.kid(), KeyStatus.RETIRED));
            }
          }
          return Future.all(retire);
        }))
        .compose(x -> load());
  }

  /** Refuses every payload signed with {@code kid} from now on. */
  public Future<KeyRing> revoke(String kid) {
    return status(kid, KeyStatus.REVOKED).compose(x -> load());
  }

  private Future<AsyncResultSet> status(String kid, KeyStatus status) {
    return fut(session.executeAsync(setStatus.bind(status.name(), kid)));
  }

  private static SigningKey toKey(Row row) {
    ByteBuffer priv = row.getByteBuffer("private_key");
    return new SigningKey(row.getString("kid"), KeyStatus.valueOf(row.getString("status")),
        bytes(row.getByteBuffer("public_key")), priv == null ? null : bytes(priv), row.getInstant("created_at"));
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private <T> Future<T> fut(CompletionStage<T> stage) {
    return Future.fromCompletionStage(stage, vertx.getOrCreateContext());
  }
}
