package org.citycluster.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Atomic, versioned publishing of a warehouse on a POSIX file system, with symbolic links and no
 * Spark: a run's partitions become visible together or not at all, and a published partition is
 * never absent while it is replaced.
 *
 * <p>Layout under the root (names starting with {@code _} are hidden from Spark, DuckDB and pyarrow
 * listings):
 *
 * <ul>
 *   <li>{@code _data/<run_id>/<table>/level=<L>/run_date=<D>/*.parquet}: a run's files, never
 *       changed once published;
 *   <li>{@code _versions/v<NNNNNN>/<table>/level=<L>/run_date=<D>}: one directory per publish
 *       holding one relative symbolic link per partition into {@code _data}; a publish carries over
 *       every partition of the previous version it does not replace (other dates, other levels);
 *   <li>{@code _current}: the one pointer, a symbolic link to the current version, replaced by
 *       {@code rename(2)} of a fresh link (atomic on POSIX);
 *   <li>{@code <table>}: a stable link to {@code _current/<table>}, so the published contract path
 *       {@code <root>/<table>/level=<L>/run_date=<D>/*.parquet} always names the current version.
 * </ul>
 *
 * <p>Readers: one partition read through the contract path is always whole and of one run. A reader
 * that reads several tables (or a long read of one) and must see a single run resolves {@code
 * _current} once and reads under the version directory it names; the last {@value #KEPT_VERSIONS}
 * versions (and the data they reference) are kept, so such a reader has until the second publish
 * after it to finish. Unreferenced versions and data directories are deleted after each publish.
 * The caller holds the warehouse lock; a publish killed at any moment leaves either the old or the
 * new version current, and {@link #recover} removes its leftovers.
 *
 * <p>A warehouse of the old layout (real {@code <table>} directories) is migrated on the first
 * publish: each table directory is moved into {@code _data/legacy_<time>/} and replaced by a link
 * at once (two renames: a reader listing that table in that instant can miss it, once), then a
 * version holding every old partition is made current before the run's own version.
 */
public final class PublishedVersions {

  /** The pointer to the current version. */
  public static final String CURRENT = "_current";

  /** The directory of the versions. */
  public static final String VERSIONS = "_versions";

  /** The directory of the runs' immutable data. */
  public static final String DATA = "_data";

  /** Versions kept for in-flight readers: the current one and the one before it. */
  public static final int KEPT_VERSIONS = 2;

  private static final String LEGACY_PREFIX = "legacy_";
  private static final String TMP_PREFIX = "._tmp_";

  private final Path root;

  public PublishedVersions(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /**
   * True when the file system of {@code root} (created if missing) takes symbolic links: tried by
   * making and removing one.
   */
  public static boolean supported(Path root) {
    try {
      Files.createDirectories(root);
      Path probe =
          root.resolve(
              TMP_PREFIX
                  + "probe_"
                  + ProcessHandle.current().pid()
                  + "_"
                  + Thread.currentThread().getId()
                  + "_"
                  + System.nanoTime());
      Files.deleteIfExists(probe);
      Files.createSymbolicLink(probe, Path.of("."));
      Files.delete(probe);
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** The current version directory, or empty before the first publish. */
  public Optional<Path> current() throws IOException {
    Path link = root.resolve(CURRENT);
    if (!Files.isSymbolicLink(link)) {
      return Optional.empty();
    }
    return Optional.of(link.resolveSibling(Files.readSymbolicLink(link)).normalize());
  }

  /**
   * Publishes the staged partitions of a run: {@code staged/<table>/level=<L>/run_date=<D>}
   * directories are moved to {@code _data/<runId>/}, a new version with them (and every other
   * partition of the current version) is written, and the pointer is switched to it in one rename.
   * Returns the contract paths of the published partitions, in staging order.
   */
  public List<Path> publish(String runId, Path staged) throws IOException {
    List<String> partitions = partitionsUnder(staged);
    if (partitions.isEmpty()) {
      throw new IOException("nothing staged for run " + runId + " under " + staged);
    }
    migrateLegacyTables();
    Path data = root.resolve(DATA).resolve(runId);
    Files.createDirectories(data.getParent());
    if (Files.exists(data, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(data + " exists: run " + runId + " was published");
    }
    Files.move(staged, data, StandardCopyOption.ATOMIC_MOVE);

    Map<String, String> links = currentLinks();
    for (String partition : partitions) {
      links.put(partition, root.relativize(data.resolve(partition)).toString());
    }
    Optional<Path> previous = current();
    Path version = writeVersion(links);
    for (String table : tablesOf(links.keySet())) {
      linkTable(table);
    }
    switchTo(version);
    collectGarbage(version, previous.orElse(null));
    List<Path> published = new ArrayList<>();
    for (String partition : partitions) {
      published.add(root.resolve(partition));
    }
    return published;
  }

  /**
   * Cleans up after a run killed while it held the warehouse lock: half-written versions (newer
   * than the current one), temporary links and unreferenced data directories are removed, and a
   * table directory a killed migration had moved but not yet linked is linked again. Returns
   * whether the dead run's data is part of the current version (it was published before the kill).
   */
  public boolean recover(String deadRunId) throws IOException {
    if (!Files.isDirectory(root)) {
      return false;
    }
    relinkMigratedTables();
    try (Stream<Path> s = Files.list(root)) {
      for (Path p : s.toList()) {
        if (p.getFileName().toString().startsWith(TMP_PREFIX)) {
          Files.deleteIfExists(p);
        }
      }
    }
    Optional<Path> current = current();
    Path previous = current.isPresent() ? versionBefore(current.get()) : null;
    collectGarbage(current.orElse(null), previous);
    if (current.isEmpty()) {
      return false;
    }
    String prefix = DATA + "/" + deadRunId + "/";
    return linksOf(current.get()).values().stream().anyMatch(t -> t.startsWith(prefix));
  }

  /** The run ids whose data the current version references, by partition. */
  public Map<String, String> currentRuns() throws IOException {
    Map<String, String> runs = new TreeMap<>();
    for (var e : currentLinks().entrySet()) {
      runs.put(e.getKey(), Path.of(e.getValue()).getName(1).toString());
    }
    return runs;
  }

  /**
   * Partition paths ({@code <table>/level=<L>/run_date=<D>}, relative) under a directory of tables,
   * sorted. Entries whose names start with {@code _} or {@code .} are not tables.
   */
  static List<String> partitionsUnder(Path tables) throws IOException {
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(tables)) {
      return out;
    }
    for (Path table : sortedChildren(tables)) {
      String name = table.getFileName().toString();
      if (name.startsWith("_") || name.startsWith(".") || !Files.isDirectory(table)) {
        continue;
      }
      for (String partition : partitionsOfTable(table)) {
        out.add(name + "/" + partition);
      }
    }
    return out;
  }

  /** The partitions ({@code level=<L>/run_date=<D>}) of one table directory, sorted. */
  static List<String> partitionsOfTable(Path table) throws IOException {
    List<String> out = new ArrayList<>();
    for (Path level : sortedChildren(table)) {
      if (!level.getFileName().toString().startsWith("level=") || !Files.isDirectory(level)) {
        continue;
      }
      for (Path date : sortedChildren(level)) {
        if (date.getFileName().toString().startsWith("run_date=") && Files.isDirectory(date)) {
          out.add(level.getFileName() + "/" + date.getFileName());
        }
      }
    }
    return out;
  }

  /** The current version's partition links: partition path -> link target relative to root. */
  private Map<String, String> currentLinks() throws IOException {
    Optional<Path> current = current();
    return current.isPresent() ? linksOf(current.get()) : new TreeMap<>();
  }

  /** A version's partition links: partition path -> target relative to the root. */
  private Map<String, String> linksOf(Path version) throws IOException {
    Map<String, String> links = new TreeMap<>();
    for (String partition : partitionsUnder(version)) {
      Path link = version.resolve(partition);
      if (Files.isSymbolicLink(link)) {
        Path target = link.resolveSibling(Files.readSymbolicLink(link)).normalize();
        links.put(partition, root.relativize(target).toString());
      }
    }
    return links;
  }

  /** Writes a new version directory with one relative link per partition; returns it. */
  private Path writeVersion(Map<String, String> links) throws IOException {
    Path versions = root.resolve(VERSIONS);
    Files.createDirectories(versions);
    Path version = versions.resolve(String.format("v%06d", lastVersionNumber() + 1));
    Files.createDirectory(version);
    for (var e : links.entrySet()) {
      Path link = version.resolve(e.getKey());
      Files.createDirectories(link.getParent());
      // from _versions/vN/<table>/level=L/ up to the root: four levels
      Files.createSymbolicLink(link, Path.of("../../../..").resolve(e.getValue()));
    }
    return version;
  }

  private int lastVersionNumber() throws IOException {
    int last = 0;
    for (Path v : versionDirs()) {
      last = Math.max(last, number(v));
    }
    return last;
  }

  private List<Path> versionDirs() throws IOException {
    Path versions = root.resolve(VERSIONS);
    List<Path> out = new ArrayList<>();
    if (Files.isDirectory(versions)) {
      for (Path v : sortedChildren(versions)) {
        if (v.getFileName().toString().matches("v\\d+")) {
          out.add(v);
        }
      }
    }
    out.sort(Comparator.comparingInt(PublishedVersions::number));
    return out;
  }

  private static int number(Path version) {
    return Integer.parseInt(version.getFileName().toString().substring(1));
  }

  /** The newest version older than {@code version}, or null. */
  private Path versionBefore(Path version) throws IOException {
    Path before = null;
    for (Path v : versionDirs()) {
      if (number(v) < number(version)) {
        before = v;
      }
    }
    return before;
  }

  /** Makes {@code <root>/<table>} a link to {@code _current/<table>} (atomically if one exists). */
  private void linkTable(String table) throws IOException {
    Path link = root.resolve(table);
    Path target = Path.of(CURRENT).resolve(table);
    if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
      return;
    }
    if (Files.exists(link, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(link)) {
      throw new IOException(link + " is not a link; the migration of the old layout failed");
    }
    replaceLink(link, target);
  }

  /** Replaces (or creates) a link by renaming a fresh one over it: rename(2) is atomic. */
  private void replaceLink(Path link, Path target) throws IOException {
    Path tmp = root.resolve(TMP_PREFIX + link.getFileName() + "_" + System.nanoTime());
    Files.createSymbolicLink(tmp, target);
    Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The atomic step: {@code _current} now names {@code version}. */
  private void switchTo(Path version) throws IOException {
    replaceLink(root.resolve(CURRENT), root.relativize(version));
  }

  /**
   * Deletes every version but {@code keep} and {@code keepToo}, then every data directory that no
   * kept version and no table link references.
   */
  private void collectGarbage(Path keep, Path keepToo) throws IOException {
    Set<String> referenced = new HashSet<>();
    for (Path v : versionDirs()) {
      if (v.equals(keep) || v.equals(keepToo)) {
        for (String target : linksOf(v).values()) {
          referenced.add(Path.of(target).getName(1).toString());
        }
      } else {
        deleteTree(v);
      }
    }
    try (Stream<Path> s = Files.list(root)) {
      for (Path entry : s.toList()) {
        if (Files.isSymbolicLink(entry)) {
          Path target = entry.resolveSibling(Files.readSymbolicLink(entry)).normalize();
          Path rel = root.relativize(target);
          if (rel.getNameCount() > 1 && rel.getName(0).toString().equals(DATA)) {
            referenced.add(rel.getName(1).toString());
          }
        }
      }
    }
    Path data = root.resolve(DATA);
    if (Files.isDirectory(data)) {
      for (Path run : sortedChildren(data)) {
        if (!referenced.contains(run.getFileName().toString())) {
          deleteTree(run);
        }
      }
    }
  }

  /**
   * Moves each table directory of the old layout to {@code _data/legacy_<time>/<table>}, linking it
   * back at once, and makes current a version that holds the old partitions too. No-op when there
   * is none.
   */
  private void migrateLegacyTables() throws IOException {
    List<Path> legacy = new ArrayList<>();
    for (Path entry : sortedChildren(root)) {
      String name = entry.getFileName().toString();
      if (name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) && hasPartitions(entry)) {
        legacy.add(entry);
      }
    }
    List<String> relinked = new ArrayList<>();
    for (Path entry : sortedChildren(root)) {
      if (Files.isSymbolicLink(entry) && !entry.getFileName().toString().startsWith("_")) {
        Path target = Files.readSymbolicLink(entry);
        if (!target.equals(Path.of(CURRENT).resolve(entry.getFileName().toString()))
            && Files.isDirectory(entry)
            && hasPartitions(entry)) {
          relinked.add(entry.getFileName().toString());
        }
      }
    }
    if (legacy.isEmpty() && relinked.isEmpty()) {
      return;
    }
    Path legacyData =
        root.resolve(DATA)
            .resolve(
                LEGACY_PREFIX
                    + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
                        .withZone(ZoneOffset.UTC)
                        .format(Instant.now()));
    Files.createDirectories(legacyData);
    for (Path table : legacy) {
      Path moved = legacyData.resolve(table.getFileName().toString());
      Files.move(table, moved, StandardCopyOption.ATOMIC_MOVE);
      Files.createSymbolicLink(table, root.relativize(moved));
      relinked.add(table.getFileName().toString());
    }
    Map<String, String> links = currentLinks();
    Path realRoot = root.toRealPath();
    for (String table : relinked) {
      Path target = root.resolve(table).toRealPath();
      for (String partition : partitionsOfTable(target)) {
        links.put(
            table + "/" + partition, realRoot.relativize(target.resolve(partition)).toString());
      }
    }
    Optional<Path> previous = current();
    Path version = writeVersion(links);
    switchTo(version);
    for (String table : relinked) {
      linkTable(table);
    }
    collectGarbage(version, previous.orElse(null));
  }

  /** After a migration killed between its two renames: links a moved table that has no entry. */
  private void relinkMigratedTables() throws IOException {
    Path data = root.resolve(DATA);
    if (!Files.isDirectory(data)) {
      return;
    }
    for (Path run : sortedChildren(data)) {
      if (!run.getFileName().toString().startsWith(LEGACY_PREFIX)) {
        continue;
      }
      for (Path table : sortedChildren(run)) {
        Path entry = root.resolve(table.getFileName().toString());
        if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(entry, root.relativize(table));
        }
      }
    }
  }

  private static boolean hasPartitions(Path table) throws IOException {
    for (Path level : sortedChildren(table)) {
      if (level.getFileName().toString().startsWith("level=") && Files.isDirectory(level)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> tablesOf(Set<String> partitions) {
    Map<String, Boolean> tables = new LinkedHashMap<>();
    for (String p : partitions) {
      tables.put(p.substring(0, p.indexOf('/')), true);
    }
    return List.copyOf(tables.keySet());
  }

  private static List<Path> sortedChildren(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(out::add);
    } catch (NoSuchFileException e) {
      return out;
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /** Deletes a tree without following links (a link is removed, never its target). */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
