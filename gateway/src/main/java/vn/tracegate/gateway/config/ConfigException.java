package vn.tracegate.gateway.config;

/** A configuration value that stops start-up; the message names the key and its variable. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
