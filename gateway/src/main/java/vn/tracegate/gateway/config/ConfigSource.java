package vn.tracegate.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Raw configuration: the defaults in {@code tracegate.properties}, then an optional file named by
 * {@code TRACEGATE_CONFIG}, then {@code TRACEGATE_*} environment variables. Typed getters refuse
 * a bad value with a message that names the key and the variable.
 */
public final class ConfigSource {

  private final Map<String, String> values;

  private ConfigSource(Map<String, String> values) {
    this.values = values;
  }

  public static ConfigSource load(Map<String, String> env) {
    Map<String, String> values = new HashMap<>();
    putAll(values, readDefaults());
    String file = env.get("TRACEGATE_CONFIG");
    if (file != null && !file.isBlank()) {
      Properties props = new Properties();
      try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
        props.load(r);
      } catch (IOException e) {
        throw new ConfigException("TRACEGATE_CONFIG: cannot read " + file + ": " + e.getMessage());
      }
      for (String key : props.stringPropertyNames()) {
        if (!values.containsKey(key)) {
          throw new ConfigException("unknown config key '" + key + "' in " + file);
        }
        values.put(key, props.getProperty(key).trim());
      }
    }
    for (String key : values.keySet().toArray(String[]::new)) {
      String fromEnv = env.get(envName(key));
      if (fromEnv != null) {
        values.put(key, fromEnv.trim());
      }
    }
    return new ConfigSource(values);
  }

  /** Same keys as {@link #load} but with some values replaced (tests, tools). */
  public ConfigSource with(String key, String value) {
    if (!values.containsKey(key)) {
      throw new ConfigException("unknown config key '" + key + "'");
    }
    Map<String, String> copy = new HashMap<>(values);
    copy.put(key, value);
    return new ConfigSource(copy);
  }

  static String envName(String key) {
    return "TRACEGATE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public String string(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new ConfigException("missing config key '" + key + "' (" + envName(key) + ")");
    }
    return v;
  }

  public String nonBlank(String key) {
    String v = string(key);
    if (v.isBlank()) {
      throw fail(key, v, "must not be empty");
    }
    return v;
  }

  public int integer(String key, int min, int max) {
    String v = string(key);
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw fail(key, v, "expected a whole number from " + min + " to " + max);
  }

  public Duration duration(String key, Duration min, Duration max) {
    String v = string(key);
    try {
      Duration d = Duration.parse(v);
      if (d.compareTo(min) >= 0 && d.compareTo(max) <= 0) {
        return d;
      }
    } catch (DateTimeParseException ignored) {
      // reported below
    }
    throw fail(key, v, "expected an ISO-8601 duration from " + min + " to " + max);
  }

  /** Parses with {@code parser}; any exception becomes a message naming the key. */
  public <T> T parsed(String key, Function<String, T> parser) {
    String v = string(key);
    try {
      return parser.apply(v);
    } catch (RuntimeException e) {
      throw fail(key, v, e.getMessage());
    }
  }

  private static ConfigException fail(String key, String value, String why) {
    return new ConfigException("config key '" + key + "' (" + envName(key) + "): " + why
        + ", got '" + value + "'");
  }

  private static Properties readDefaults() {
    Properties props = new Properties();
    try (InputStream in = ConfigSource.class.getClassLoader().getResourceAsStream("tracegate.properties")) {
      if (in == null) {
        throw new IllegalStateException("tracegate.properties is missing from the classpath");
      }
      props.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return props;
  }

  private static void putAll(Map<String, String> values, Properties props) {
    for (String key : props.stringPropertyNames()) {
      values.put(key, props.getProperty(key).trim());
    }
  }
}
