package org.citycluster.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One consistent view of a published warehouse for readers that read several tables or partitions
 * (the report, the GeoJSON export): the version directory {@code _current} names at the moment the
 * snapshot is taken (see {@link PublishedVersions}), so a publish that lands while the reader works
 * cannot mix two runs; the warehouse root itself for a warehouse without versions (the fallback
 * layout of a file system without symbolic links, or a warehouse written before versions existed).
 * The version stays readable until the second publish after it.
 *
 * <p>Partitions follow the contract layout {@code <table>/level=<L>/run_date=<YYYY-MM-DD>}.
 */
public final class PublishedSnapshot {

  private static final String RUN_DATE = "run_date=";

  private final Path root;

  private PublishedSnapshot(Path root) {
    this.root = root;
  }

  /** Takes the snapshot: resolves {@code _current} of {@code warehouse} once. */
  public static PublishedSnapshot of(Path warehouse) throws IOException {
    Path normalized = warehouse.toAbsolutePath().normalize();
    Optional<Path> current = new PublishedVersions(normalized).current();
    return new PublishedSnapshot(current.orElse(normalized));
  }

  /** The directory the tables are read under (a version directory, or the warehouse root). */
  public Path root() {
    return root;
  }

  /** The partition directory of one table, level and run date (it may not exist). */
  public Path partition(String table, String level, String runDate) {
    return root.resolve(table).resolve("level=" + level).resolve(RUN_DATE + runDate);
  }

  /** The run dates published for a table at a level, oldest first ([] if none). */
  public List<String> runDates(String table, String level) throws IOException {
    Path dir = root.resolve(table).resolve("level=" + level);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> dates = Files.list(dir)) {
      return dates
          .filter(Files::isDirectory)
          .map(d -> d.getFileName().toString())
          .filter(n -> n.startsWith(RUN_DATE))
          .map(n -> n.substring(RUN_DATE.length()))
          .sorted()
          .toList();
    }
  }

  /** The newest run date published for a table at a level, if any. */
  public Optional<String> newestRunDate(String table, String level) throws IOException {
    List<String> dates = runDates(table, level);
    return dates.isEmpty() ? Optional.empty() : Optional.of(dates.get(dates.size() - 1));
  }
}
