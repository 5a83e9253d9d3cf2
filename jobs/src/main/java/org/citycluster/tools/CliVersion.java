package org.citycluster.tools;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * What {@code --version} prints for every subcommand: the project version from the build and the
 * code version (git describe) the launcher passes as {@code -Dcitycluster.code.version}, the same
 * one a run's manifest records.
 */
public final class CliVersion implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {line()};
  }

  /** {@code citycluster 0.1.0-SNAPSHOT (code c98237a)}. */
  public static String line() {
    String code = System.getProperty("citycluster.code.version", "");
    return "citycluster " + projectVersion() + (code.isBlank() ? "" : " (code " + code + ")");
  }

  static String projectVersion() {
    try (InputStream in = CliVersion.class.getResourceAsStream("/citycluster-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
