package org.citycluster.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongPredicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The warehouse's single-writer lock: {@code <warehouse>/_lock}, created atomically (create without
 * overwrite) and holding the run id, host, process id and start time.
 *
 * <p>A second run while the lock is held fails fast with {@link LockedException}, naming the
 * holder. A lock is <em>stale</em> when its holder is on this host and its process is gone (a run
 * killed with {@code kill -9}), or when it is older than the configured maximum age; a stale lock
 * is taken over after the dead run's leftovers are recovered ({@link
 * Warehouse#recoverAbandonedRun}). Limit: on a shared file system, liveness of a holder on another
 * host cannot be checked, so only the age rule applies there.
 */
public final class WarehouseLock implements AutoCloseable {

  /** The warehouse is held by a live run. */
  public static final class LockedException extends RuntimeException {
    LockedException(String message) {
      super(message);
    }
  }

  private final FileSystem fs;
  private final Path lockPath;
  private final String runId;
  private boolean held;

  private WarehouseLock(FileSystem fs, Path lockPath, String runId) {
    this.fs = fs;
    this.lockPath = lockPath;
    this.runId = runId;
  }

  /** The id of the run that held a stale lock and was recovered, or null. */
  private String recoveredRunId;

  public String recoveredRunId() {
    return recoveredRunId;
  }

  /**
   * Takes the lock of {@code warehouse} for {@code runId}, recovering a stale one.
   *
   * @param maxAge a lock older than this is stale whatever its holder
   * @param processAlive whether a process id on this host is alive (injectable for tests)
   */
  public static WarehouseLock acquire(
      Warehouse warehouse,
      Configuration conf,
      String runId,
      Duration maxAge,
      LongPredicate processAlive)
      throws IOException {
    Path lockPath = new Path(warehouse.root(), "_lock");
    FileSystem fs = lockPath.getFileSystem(conf);
    WarehouseLock lock = new WarehouseLock(fs, lockPath, runId);
    String host = InetAddress.getLocalHost().getHostName();
    for (int attempt = 0; attempt < 2; attempt++) {
      try (OutputStream out = fs.create(lockPath, false)) {
        Map<String, Object> holder = new LinkedHashMap<>();
        holder.put("run_id", runId);
        holder.put("host", host);
        holder.put("pid", ProcessHandle.current().pid());
        holder.put("started_at", Instant.now().toString());
        out.write(new ObjectMapper().writeValueAsBytes(holder));
        lock.held = true;
        return lock;
      } catch (FileAlreadyExistsException e) {
        JsonNode holder = readHolder(fs, lockPath);
        String holderRun = holder.path("run_id").asText("?");
        long pid = holder.path("pid").asLong(-1);
        String holderHost = holder.path("host").asText("?");
        Instant since = Instant.parse(holder.path("started_at").asText(Instant.now().toString()));
        boolean deadHere = holderHost.equals(host) && pid > 0 && !processAlive.test(pid);
        if (holder.path("empty").asBoolean(false)) {
          // killed between creating and writing the lock: stale once it is a minute old
          long ageMillis =
              System.currentTimeMillis() - fs.getFileStatus(lockPath).getModificationTime();
          deadHere = ageMillis > 60_000;
        }
        boolean tooOld = Duration.between(since, Instant.now()).compareTo(maxAge) > 0;
        if (!deadHere && !tooOld) {
          throw new LockedException(
              "warehouse "
                  + warehouse.root()
                  + " is locked by run "
                  + holderRun
                  + " (pid "
                  + pid
                  + " on "
                  + holderHost
                  + " since "
                  + since
                  + "); if no run is active, delete "
                  + lockPath);
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("run_id", holderRun);
        facts.put("host", holderHost);
        facts.put("pid", pid);
        facts.put("started_at", since.toString());
        warehouse.recoverAbandonedRun(
            holderRun,
            facts,
            (deadHere
                    ? "its process " + pid + " on " + holderHost + " was gone"
                    : "its lock was older than " + maxAge)
                + "; detected by run "
                + runId);
        fs.delete(lockPath, false);
        lock.recoveredRunId = holderRun;
      }
    }
    throw new IOException("could not take the lock " + lockPath + " after recovering a stale one");
  }

  private static JsonNode readHolder(FileSystem fs, Path lockPath) throws IOException {
    try (InputStream in = fs.open(lockPath)) {
      byte[] bytes = in.readAllBytes();
      if (bytes.length == 0) {
        // killed between create and write: treat as a dead holder on this host
        return new ObjectMapper().readTree("{\"empty\":true}");
      }
      return new ObjectMapper().readTree(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  /** True when the process is alive (the default liveness check). */
  public static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  @Override
  public void close() throws IOException {
    if (held) {
      fs.delete(lockPath, false);
      held = false;
    }
  }

  public String runId() {
    return runId;
  }
}
