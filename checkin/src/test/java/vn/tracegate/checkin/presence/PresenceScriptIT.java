package vn.tracegate.checkin.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.store.LuaScript;
import vn.tracegate.checkin.store.RedisFixture;

/**
 * The presence script was shortened (one HMGET, one HSET, at most one HDEL) to cost Redis fewer
 * calls a scan. Here both versions take the same random scans in the real Redis, each in a key
 * space of its own, and must answer the same and leave the same keys behind: the workers'
 * fields, who is in which place since when, the places' expiry, and the visit feed.
 */
class PresenceScriptIT {

  static final String NOW = LuaScript.resource(PresenceCache.class, "presence.lua");
  static final String BEFORE = LuaScript.resource(PresenceScriptIT.class, "presence-v1.lua");

  static RedisClient client;
  static StatefulRedisConnection<String, String> connection;
  static RedisCommands<String, String> redis;

  @BeforeAll
  static void connect() {
    client = RedisClient.create(RedisFixture.uri());
    connection = client.connect();
    redis = connection.sync();
  }

  @AfterAll
  static void close() {
    connection.close();
    client.shutdown();
  }

  @Test
  void theShortScriptAnswersAndLeavesExactlyWhatTheLongOneDid() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String[] workers = {"w1", "w2", "w3", "w4"};
    String[] places = {"gate-a", "gate-b", "ws-1", "ws-2", "canteen"};
    Random rnd = new Random(20_261_201L);
    long t = 1_764_600_000_000L;
    int applied = 0;
    int stale = 0;
    for (int i = 0; i < 3_000; i++) {
      String worker = workers[rnd.nextInt(workers.length)];
      String place = places[rnd.nextInt(places.length)];
      boolean gate = place.startsWith("gate");
      String action = rnd.nextInt(3) == 0 ? "OUT" : "IN";
      // Time goes forward (sometimes not at all); one scan in ten arrives late, older than others.
      t += rnd.nextInt(3) * 1_000L;
      long at = rnd.nextInt(10) == 0 ? t - 1_000 - rnd.nextInt(60_000) : t;
      // Now and then a stay long past its limit, so that the stale sweep removes someone.
      long staleBefore = t - (rnd.nextInt(20) == 0 ? 1_000 : 3_600_000);
      boolean feed = rnd.nextBoolean();
      List<Object> before = apply(BEFORE, "a" + run, worker, place, gate, action, at, staleBefore, feed, i);
      List<Object> now = apply(NOW, "b" + run, worker, place, gate, action, at, staleBefore, feed, i);
      assertThat(now).as("answer to scan %d", i).isEqualTo(before);
      applied += ((Number) now.get(1)).intValue();
      stale += ((Number) now.get(1)).intValue() == 0 ? 1 : 0;
      if (i % 100 == 99) {
        assertThat(state("b" + run)).as("keys after scan %d", i).isEqualTo(state("a" + run));
      }
    }
    assertThat(state("b" + run)).isEqualTo(state("a" + run));
    assertThat(applied).as("scans applied").isGreaterThan(2_000);
    assertThat(stale).as("late scans not applied").isGreaterThan(50);
    assertThat(redis.xrange("b" + run + ":feed", io.lettuce.core.Range.create("-", "+")).size())
        .isEqualTo(redis.xrange("a" + run + ":feed", io.lettuce.core.Range.create("-", "+")).size())
        .isGreaterThan(1_000);
    redis.del(redis.keys("a" + run + ":*").toArray(String[]::new));
    redis.del(redis.keys("b" + run + ":*").toArray(String[]::new));
  }

  private static List<Object> apply(String script, String space, String worker, String place, boolean gate,
      String action, long at, long staleBefore, boolean feed, int i) {
    String prefix = space + ":cp:";
    List<String> keys = new ArrayList<>(List.of(space + ":w:" + worker, prefix + place));
    List<String> args = new ArrayList<>(List.of(prefix, worker, place, action, Long.toString(at), gate ? "1" : "0",
        Long.toString(staleBefore), "50400"));
    if (feed) {
      keys.add(space + ":feed");
      args.addAll(List.of("100000", "scan-" + i, gate ? "GATE" : "WORKSHOP"));
    }
    return redis.eval(script, ScriptOutputType.MULTI, keys.toArray(String[]::new), args.toArray(String[]::new));
  }

  /** Every key of a key space, its name without the space, with what it holds and whether it expires. */
  private static Map<String, Object> state(String space) {
    Map<String, Object> all = new TreeMap<>();
    for (String key : redis.keys(space + ":*")) {
      String name = key.substring(space.length());
      String type = redis.type(key);
      Object value = switch (type) {
        case "hash" -> new TreeMap<>(redis.hgetall(key));
        case "zset" -> redis.zrangeWithScores(key, 0, -1).stream()
            .map(sv -> sv.getValue() + "@" + (long) sv.getScore()).toList();
        case "stream" -> redis.xrange(key, io.lettuce.core.Range.create("-", "+")).stream()
            .map(m -> new TreeMap<>(m.getBody())).toList();
        default -> type;
      };
      all.put(name, List.of(value, redis.ttl(key) > 0));
    }
    return all;
  }
}
