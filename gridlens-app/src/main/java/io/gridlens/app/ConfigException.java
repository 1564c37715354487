package io.gridlens.app;

/** A configuration that cannot run; the message names the key, the value and what is accepted. */
final class ConfigException extends IllegalArgumentException {

  ConfigException(String message) {
    super(message);
  }

  ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
