package org.citycluster.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * The content of one Parquet table directory (every {@code *.parquet} file in it), read with plain
 * parquet-hadoop (no Spark), as one canonical text line per row, and an order-independent checksum:
 * the sum (mod 2<sup>64</sup>) of the first 8 bytes of each row's SHA-256. Equal checksums mean the
 * same multiset of rows whatever the file split and row order. Binary columns (WKB geometries) are
 * compared byte for byte, doubles exactly.
 */
public record ParquetTableDigest(long rows, long checksum, List<String> sortedRows) {

  /** Reads every Parquet file directly in {@code dir}. */
  public static ParquetTableDigest of(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IOException("no .parquet files in " + dir);
    }
    List<String> lines = new ArrayList<>();
    Configuration conf = new Configuration(false);
    for (Path file : files) {
      try (ParquetReader<Group> reader =
          ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(file.toUri()))
              .withConf(conf)
              .build()) {
        for (Group g; (g = reader.read()) != null; ) {
          StringBuilder sb = new StringBuilder();
          append(sb, g);
          lines.add(sb.toString());
        }
      }
    }
    long sum = 0;
    for (String line : lines) {
      sum += rowHash(line);
    }
    Collections.sort(lines);
    return new ParquetTableDigest(lines.size(), sum, List.copyOf(lines));
  }

  /** A short description of how {@code other} differs: counts and a few rows only one side has. */
  public String differences(ParquetTableDigest other, int max) {
    List<String> onlyHere = new ArrayList<>(sortedRows);
    List<String> onlyThere = new ArrayList<>(other.sortedRows);
    for (String r : sortedRows) {
      onlyThere.remove(r);
    }
    for (String r : other.sortedRows) {
      onlyHere.remove(r);
    }
    return rows
        + " vs "
        + other.rows
        + " rows; "
        + onlyHere.size()
        + " only in the first, e.g. "
        + shorten(onlyHere, max)
        + "; "
        + onlyThere.size()
        + " only in the second, e.g. "
        + shorten(onlyThere, max);
  }

  private static List<String> shorten(List<String> rows, int max) {
    return rows.stream()
        .limit(max)
        .map(r -> r.length() > 600 ? r.substring(0, 600) + "..." : r)
        .toList();
  }

  private static long rowHash(String line) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(d).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void append(StringBuilder sb, Group g) {
    GroupType type = g.getType();
    for (int f = 0; f < type.getFieldCount(); f++) {
      Type field = type.getType(f);
      int n = g.getFieldRepetitionCount(f);
      sb.append(field.getName()).append('=');
      if (n == 0) {
        sb.append("null");
      }
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          sb.append(',');
        }
        if (!field.isPrimitive()) {
          sb.append('{');
          append(sb, g.getGroup(f, i));
          sb.append('}');
        } else if (isRawBinary(field.asPrimitiveType())) {
          sb.append("0x").append(HexFormat.of().formatHex(g.getBinary(f, i).getBytes()));
        } else {
          sb.append(g.getValueToString(f, i));
        }
      }
      sb.append(';');
    }
  }

  private static boolean isRawBinary(PrimitiveType t) {
    boolean binary =
        t.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY
            || t.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
    return binary
        && !(t.getLogicalTypeAnnotation()
            instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation);
  }
}
