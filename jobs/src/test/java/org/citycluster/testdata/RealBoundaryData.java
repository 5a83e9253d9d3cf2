package org.citycluster.testdata;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.citycluster.io.Feature;
import org.citycluster.io.GeoJsonFeatureReader;

/**
 * Locates the real boundary layers through the system property {@code citycluster.data} (set by
 * surefire in jobs/pom.xml) and caches what was read. A missing property or file fails the calling
 * test with a message; it never skips.
 */
public final class RealBoundaryData {

  public static final String PROPERTY = "citycluster.data";
  private static final Map<String, List<Feature>> CACHE = new ConcurrentHashMap<>();

  private RealBoundaryData() {}

  /** Path of {@code boundaries/<fileName>} under the data directory; fails if absent. */
  public static Path boundaryFile(String fileName) {
    String dir = System.getProperty(PROPERTY);
    if (dir == null || dir.isBlank()) {
      fail(
          "system property '"
              + PROPERTY
              + "' is not set: run through Maven (surefire sets it to <repo>/../shared/data) or"
              + " pass -D"
              + PROPERTY
              + "=<dir containing boundaries/>");
    }
    Path file = Path.of(dir, "boundaries", fileName);
    if (!Files.isRegularFile(file)) {
      fail("real boundary file not found: " + file + " (from -D" + PROPERTY + "=" + dir + ")");
    }
    return file;
  }

  /** Features of {@code boundaries/<fileName>}, read once per JVM. */
  public static List<Feature> features(String fileName) {
    return CACHE.computeIfAbsent(
        fileName,
        name -> {
          try {
            return List.copyOf(new GeoJsonFeatureReader().read(boundaryFile(name)));
          } catch (IOException e) {
            throw new AssertionError("cannot read " + name + ": " + e.getMessage(), e);
          }
        });
  }
}
