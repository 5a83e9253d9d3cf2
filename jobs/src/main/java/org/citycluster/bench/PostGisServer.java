package org.citycluster.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL + PostGIS server for {@code bench --vs-postgis}: {@code initdb} in a
 * temporary directory, started with {@code pg_ctl} on 127.0.0.1 and a free port (trust
 * authentication, user {@code postgres}, {@code fsync=off}, 2 GB shared buffers, 2 parallel
 * workers), stopped and deleted by {@link #close}. PostgreSQL refuses to run as root: as root the
 * server runs as the system user {@code postgres} (created by Debian's package) through {@code
 * runuser}; {@code psql} runs as the calling user over TCP.
 *
 * <p>Needs Debian's {@code postgresql-15-postgis-3} (or another {@code postgresql-N} with PostGIS
 * under {@code /usr/lib/postgresql/N/bin}). {@link #ensureInstalled} installs it with apt-get when
 * missing and running as root, else fails naming the package.
 */
final class PostGisServer implements AutoCloseable {

  private final Path bin;
  private final Path dataDir;
  private final int port;
  private final boolean asPostgres;

  private PostGisServer(Path bin, Path dataDir, int port, boolean asPostgres) {
    this.bin = bin;
    this.dataDir = dataDir;
    this.port = port;
    this.asPostgres = asPostgres;
  }

  /** The PostgreSQL bin directory that has PostGIS, installing the package if needed. */
  static Path ensureInstalled(java.io.PrintStream log) throws IOException, InterruptedException {
    Path found = find();
    if (found != null) {
      return found;
    }
    if (!isRoot()) {
      throw new IllegalStateException(
          "PostGIS not found (no /usr/share/postgresql/*/extension/postgis.control); install it:"
              + " sudo apt-get install -y postgresql-15-postgis-3");
    }
    log.println("[bench] installing postgresql-15-postgis-3 (apt-get) ...");
    exec(List.of("apt-get", "update", "-qq"), null);
    exec(List.of("apt-get", "install", "-y", "-qq", "postgresql-15-postgis-3"), null);
    found = find();
    if (found == null) {
      throw new IllegalStateException("apt-get installed postgresql-15-postgis-3 but no PostGIS");
    }
    return found;
  }

  private static Path find() throws IOException {
    Path share = Path.of("/usr/share/postgresql");
    if (!Files.isDirectory(share)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(share)) {
      for (Path v : versions.sorted(Comparator.comparing(Path::toString).reversed()).toList()) {
        Path bin = Path.of("/usr/lib/postgresql", v.getFileName().toString(), "bin");
        if (Files.exists(v.resolve("extension/postgis.control"))
            && Files.isExecutable(bin.resolve("initdb"))) {
          return bin;
        }
      }
    }
    return null;
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** initdb and start; the caller closes. */
  static PostGisServer start(Path bin) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("citycluster-pg-");
    boolean asPostgres = isRoot();
    if (asPostgres) {
      exec(List.of("chown", "postgres:postgres", dir.toString()), null);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    PostGisServer server = new PostGisServer(bin, dir, port, asPostgres);
    server.asServerUser(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync"));
    String opts =
        String.join(
            " ",
            "-p " + port,
            "-c listen_addresses=127.0.0.1",
            "-c unix_socket_directories=" + dir,
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
            "-c shared_buffers=2GB",
            "-c work_mem=256MB",
            "-c maintenance_work_mem=1GB",
            "-c max_wal_size=8GB",
            "-c max_parallel_workers_per_gather=2",
            "-c jit=off");
    server.asServerUser(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-l",
            dir.resolve("server.log").toString(),
            "-o",
            opts,
            "-w",
            "start"));
    server.sql("CREATE EXTENSION postgis");
    return server;
  }

  int port() {
    return port;
  }

  /** Runs SQL (psql -c, stop on error) and returns psql's output (unaligned, tuples only). */
  String sql(String sql) throws IOException, InterruptedException {
    return exec(
        List.of(
            bin.resolve("psql").toString(),
            "-h",
            "127.0.0.1",
            "-p",
            Integer.toString(port),
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-v",
            "ON_ERROR_STOP=1",
            "-qAt",
            "-c",
            sql),
        null);
  }

  private void asServerUser(List<String> command) throws IOException, InterruptedException {
    List<String> c = new ArrayList<>();
    if (asPostgres) {
      c.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    c.addAll(command);
    exec(c, null);
  }

  @Override
  public void close() {
    try {
      asServerUser(
          List.of(
              bin.resolve("pg_ctl").toString(),
              "-D",
              dataDir.resolve("data").toString(),
              "-m",
              "immediate",
              "-w",
              "stop"));
    } catch (IOException | InterruptedException | RuntimeException e) {
      System.err.println("[bench] could not stop PostgreSQL in " + dataDir + ": " + e);
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(PostGisServer::deleteQuietly);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // left for the temp cleaner
    }
  }

  static String exec(List<String> command, Path dir) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int rc = p.waitFor();
    if (rc != 0) {
      throw new IllegalStateException(
          "command failed (exit " + rc + "): " + String.join(" ", command) + "\n" + out.strip());
    }
    return out.strip();
  }
}
