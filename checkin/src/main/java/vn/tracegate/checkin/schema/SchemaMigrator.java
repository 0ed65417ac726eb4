package vn.tracegate.checkin.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies the versioned CQL in {@code deploy/cql} (on the classpath under {@code schema/}) to a
 * keyspace, idempotently: the keyspace is created with the configured replication, each file
 * runs once and is recorded in {@code schema_migrations}, and the visit tables' TTL is brought to
 * the configured retention on every run, so the table TTL always equals the config.
 *
 * <p>Runs at deployment time (`tracegate-gateway.jar migrate`) and in integration tests; it is
 * asynchronous all the way through, so it may also run on an event loop.
 */
public final class SchemaMigrator {

  /** Every schema file, in order. Add new files here and in deploy/cql. */
  static final List<String> FILES =
      List.of("V001__visit_log.cql", "V002__registry.cql", "V003__tracing.cql", "V004__audit.cql",
          "V005__fast_replica_failover.cql", "V006__trace_graph_chunks.cql");

  private static final Pattern FILE_NAME = Pattern.compile("V(\\d{3})__(\\w+)\\.cql");
  private static final Pattern TTL_TABLE =
      Pattern.compile("CREATE TABLE IF NOT EXISTS (\\w+)[^;]*\\$\\{retention_seconds}", Pattern.DOTALL);

  private final CqlSession session;
  private final String keyspace;
  private final Replication replication;
  private final Duration retention;

  public SchemaMigrator(CqlSession session, String keyspace, Replication replication, Duration retention) {
    if (!keyspace.matches("[a-z][a-z0-9_]{0,47}")) {
      throw new IllegalArgumentException("keyspace must match [a-z][a-z0-9_]{0,47}, got '" + keyspace + "'");
    }
    this.session = session;
    this.keyspace = keyspace;
    this.replication = replication;
    this.retention = retention;
  }

  /** Applies what is missing; completes with the names of the files applied in this run. */
  public CompletionStage<List<String>> migrate() {
    List<String> applied = new ArrayList<>();
    CompletionStage<?> chain = run("CREATE KEYSPACE IF NOT EXISTS " + keyspace
            + " WITH replication = " + replication.toCql())
        .thenCompose(rs -> run("CREATE TABLE IF NOT EXISTS " + keyspace + ".schema_migrations ("
            + "version int PRIMARY KEY, name text, checksum text, applied_at timestamp)"));
    for (String file : FILES) {
      chain = chain.thenCompose(x -> applyOnce(file, applied));
    }
    for (String file : FILES) {
      for (String table : ttlTables(read(file))) {
        chain = chain.thenCompose(x -> alignTtl(table));
      }
    }
    return chain.thenApply(x -> List.copyOf(applied));
  }

  private CompletionStage<Void> applyOnce(String file, List<String> applied) {
    Matcher m = FILE_NAME.matcher(file);
    if (!m.matches()) {
      throw new IllegalStateException("schema file name must be V000__name.cql: " + file);
    }
    int version = Integer.parseInt(m.group(1));
    String text = read(file);
    String checksum = sha256(text);
    return run(SimpleStatement.newInstance(
            "SELECT checksum FROM " + keyspace + ".schema_migrations WHERE version = ?", version))
        .thenCompose(rs -> {
          Row row = rs.one();
          if (row != null) {
            if (!checksum.equals(row.getString("checksum"))) {
              throw new IllegalStateException(file + " changed after it was applied; add a new V file instead");
            }
            return CompletableFuture.completedFuture(null);
          }
          CompletionStage<?> steps = CompletableFuture.completedFuture(null);
          for (String cql : statements(text)) {
            steps = steps.thenCompose(x -> run(qualify(cql)));
          }
          return steps
              .thenCompose(x -> run(SimpleStatement.newInstance(
                  "INSERT INTO " + keyspace + ".schema_migrations (version, name, checksum, applied_at)"
                      + " VALUES (?, ?, ?, ?)", version, file, checksum, Instant.now())))
              .thenAccept(x -> applied.add(file));
        });
  }

  private CompletionStage<Void> alignTtl(String table) {
    int seconds = Math.toIntExact(retention.toSeconds());
    return run(SimpleStatement.newInstance("SELECT default_time_to_live FROM system_schema.tables"
            + " WHERE keyspace_name = ? AND table_name = ?", keyspace, table))
        .thenCompose(rs -> {
          Row row = rs.one();
          if (row != null && row.getInt(0) == seconds) {
            return CompletableFuture.completedFuture(null);
          }
          return run("ALTER TABLE " + keyspace + "." + table + " WITH default_time_to_live = " + seconds)
              .thenAccept(x -> { });
        });
  }

  private CompletionStage<AsyncResultSet> run(String cql) {
    return run(SimpleStatement.newInstance(cql));
  }

  private CompletionStage<AsyncResultSet> run(SimpleStatement statement) {
    return session.executeAsync(statement.setTimeout(Duration.ofSeconds(60)));
  }

  /** Fills placeholders and qualifies table names with the keyspace. */
  private String qualify(String cql) {
    return cql.replace("${retention_seconds}", Long.toString(retention.toSeconds()))
        .replaceFirst("(?i)^(CREATE|ALTER) (TABLE|INDEX|TYPE)( IF NOT EXISTS)? (\\w+)",
            "$1 $2$3 " + keyspace + ".$4");
  }

  static List<String> statements(String text) {
    StringBuilder clean = new StringBuilder();
    for (String line : text.split("\n")) {
      String stripped = line.strip();
      if (!stripped.startsWith("--")) {
        clean.append(line).append('\n');
      }
    }
    List<String> out = new ArrayList<>();
    for (String part : clean.toString().split(";")) {
      if (!part.isBlank()) {
        out.add(part.strip());
      }
    }
    return out;
  }

  static List<String> ttlTables(String text) {
    List<String> tables = new ArrayList<>();
    for (String cql : statements(text)) {
      Matcher m = TTL_TABLE.matcher(cql);
      if (m.find()) {
        tables.add(m.group(1));
      }
    }
    return tables;
  }

  static String read(String file) {
    try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream("schema/" + file)) {
      if (in == null) {
        throw new IllegalStateException("schema/" + file + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
