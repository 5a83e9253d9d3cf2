package org.citycluster.config;

/** A configuration option with a wrong value; the message names the option and what is allowed. */
public class ConfigException extends RuntimeException {

  public ConfigException(String option, String value, String allowed) {
    super("option '" + option + "' has value '" + value + "'; allowed: " + allowed);
  }

  public ConfigException(String message) {
    super(message);
  }
}
