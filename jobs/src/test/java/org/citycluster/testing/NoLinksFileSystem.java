package org.citycluster.testing;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local file system under another scheme, {@code nolinks:///<local path>}: to Hadoop and Spark
 * a file system that is not {@code file}, as HDFS or an object store is, so that the warehouse
 * publishes by its rename fallback. {@link #onRename} lets a test fail, refuse or "kill" (throw an
 * {@link Error}) a rename at a chosen moment. Register it with {@link #register}.
 */
public final class NoLinksFileSystem extends RawLocalFileSystem {

  public static final String SCHEME = "nolinks";

  /** What a rename does before it happens; the default lets it happen. */
  public interface RenameHook {
    /**
     * @return false to refuse the rename (as {@code FileSystem.rename} does), true to let it happen
     */
    boolean before(Path from, Path to) throws IOException;
  }

  /** The hook of every instance (tests of one JVM run one after another). */
  public static volatile RenameHook onRename = (from, to) -> true;

  /** Makes {@code nolinks://} paths resolve to this class in {@code conf}. */
  public static void register(Configuration conf) {
    conf.set("fs." + SCHEME + ".impl", NoLinksFileSystem.class.getName());
    conf.setBoolean("fs." + SCHEME + ".impl.disable.cache", true);
  }

  /** The {@code nolinks:} URI of a local path. */
  public static String uri(java.nio.file.Path local) {
    return SCHEME + "://" + local.toAbsolutePath().toUri().getPath();
  }

  @Override
  public void initialize(URI uri, Configuration conf) throws IOException {
    super.initialize(uri, conf);
    setConf(conf);
  }

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    if (!onRename.before(src, dst)) {
      return false;
    }
    return super.rename(src, dst);
  }
}
