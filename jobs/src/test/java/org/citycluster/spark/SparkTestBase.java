package org.citycluster.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;

/**
 * The one shared local SparkSession of a test JVM ({@code local[2]}, UI off, bound to 127.0.0.1),
 * created on first use and stopped when the JVM exits. Tests write only under their
 * {@code @TempDir}.
 */
public abstract class SparkTestBase {

  protected static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    synchronized (SparkTestBase.class) {
      if (spark == null) {
        spark = SparkSessions.create("citycluster-tests", "local[2]", 4);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> spark.stop()));
      }
    }
  }

  /** The real shared data root, from the {@code citycluster.data} system property set by Maven. */
  protected static Path sharedData() {
    String root = System.getProperty("citycluster.data");
    if (root == null || !Files.isDirectory(Path.of(root))) {
      throw new IllegalStateException(
          "the real data is needed: system property citycluster.data (set by the Maven build to"
              + " ../shared/data) points at '"
              + root
              + "', which is not a directory");
    }
    return Path.of(root).toAbsolutePath().normalize();
  }
}
