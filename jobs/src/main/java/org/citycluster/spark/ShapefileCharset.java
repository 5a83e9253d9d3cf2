package org.citycluster.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.citycluster.io.DbfCharsetDetector;
import org.citycluster.io.InputDataException;

/**
 * The text encoding to hand Sedona's shapefile reader: the configured one; else none when a
 * non-blank .cpg declares it (Sedona reads the .cpg itself); else {@link DbfCharsetDetector}'s
 * answer from the .dbf. Works on a .shp path or a directory of shapefiles, on any Hadoop file
 * system. A .dbf that cannot be read is an {@link InputDataException} naming the source.
 */
final class ShapefileCharset {

  private ShapefileCharset() {}

  /** The charset option for {@code p}, or "" for Sedona's own (.cpg) choice. */
  static String of(FileSystem fs, Path p, String configured, String sourceName) {
    if (!configured.isEmpty()) {
      return configured;
    }
    try {
      if (hasCpg(fs, p)) {
        return "";
      }
      try (InputStream in = fs.open(dbfOf(fs, p))) {
        return DbfCharsetDetector.detect(in, sourceName);
      }
    } catch (IOException e) {
      throw new InputDataException(sourceName, "file", null, "cannot read .dbf: " + e, e);
    }
  }

  private static boolean hasCpg(FileSystem fs, Path p) throws IOException {
    if (fs.getFileStatus(p).isDirectory()) {
      for (FileStatus s : fs.listStatus(p)) {
        if (s.getPath().getName().toLowerCase().endsWith(".cpg")) {
          return cpgDeclaresCharset(fs, s.getPath());
        }
      }
      return false;
    }
    Path cpg = new Path(p.getParent(), p.getName().replaceAll("(?i)\\.shp$", ".cpg"));
    return fs.exists(cpg) && cpgDeclaresCharset(fs, cpg);
  }

  private static boolean cpgDeclaresCharset(FileSystem fs, Path cpg) throws IOException {
    try (InputStream in = fs.open(cpg)) {
      return !new String(in.readAllBytes(), StandardCharsets.US_ASCII).isBlank();
    }
  }

  private static Path dbfOf(FileSystem fs, Path p) throws IOException {
    if (fs.getFileStatus(p).isDirectory()) {
      for (FileStatus s : fs.listStatus(p)) {
        if (s.getPath().getName().toLowerCase().endsWith(".dbf")) {
          return s.getPath();
        }
      }
      throw new IOException("no .dbf file in " + p);
    }
    return new Path(p.getParent(), p.getName().replaceAll("(?i)\\.shp$", ".dbf"));
  }
}
