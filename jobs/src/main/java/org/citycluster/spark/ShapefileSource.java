package org.citycluster.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.util.SerializableConfiguration;
import org.citycluster.dq.DqIssue;
import org.citycluster.geo.GeometryRepair;
import org.citycluster.io.InputDataException;
import org.citycluster.io.ShapefileGeometry;

/**
 * Reads an ESRI shapefile (a .shp with its .shx, .dbf and optional .cpg; or a directory of them)
 * record by record in Spark tasks, so that one bad record is one repaired or quarantined feature.
 *
 * <p>The driver reads only the small parts: the .shp header, the .shx index (8 bytes a record; when
 * there is no .shx, the .shp's record headers are scanned instead) and the .dbf header. Each task
 * then reads a slice of records by their offsets: the shape (decoded and checked by {@link
 * ShapefileGeometry}, then sanitised by {@link GeometryRepair#sanitize}) and its .dbf record, which
 * is the record of the same number (dBase records have a fixed length). So {@code record N} is the
 * N-th record of the file counted from 0, whatever the partitioning: the feature id (FID) that
 * ogrinfo, QGIS and ArcGIS show (the .shp's own record headers number from 1).
 *
 * <p>Rows: {@code record_index} (the record number; file k of a directory adds k·2³²), {@code
 * record_id} ({@code record N}, or {@code <file>.shp record N} for a directory), every .dbf field
 * as text under its own name (character fields decoded with the charset of {@link ShapefileCharset}
 * and trimmed; numbers, flags and dates as written; blank is null), and {@code geometry_read},
 * struct(geometry, status, problem) as {@link GeometryFunctions#READ}. A record the .dbf marks
 * deleted is QUARANTINED with that reason.
 *
 * <p>File-level faults stop the read with an {@link InputDataException} naming the file: not a
 * .shp, no .dbf, a truncated .dbf, a .dbf whose record count differs from the .shp's, a .cpg naming
 * an unknown encoding, the same field twice. Record-level faults (a record past the end of a
 * truncated .shp, a record length that does not fit, any geometry fault) are per record.
 */
final class ShapefileSource {

  /** Records per Spark task; package-private so that tests can force several partitions. */
  static int recordsPerTask = 20_000;

  /** The rows and the file-level notes (fields not read, no .shx). */
  record Result(Dataset<Row> rows, List<DqIssue> issues) {}

  private static final int SHP_HEADER = 100;
  private static final int FILE_CODE = 9994;

  private ShapefileSource() {}

  static Result read(
      SparkSession spark, FileSystem fs, Path path, String configuredCharset, String sourceName)
      throws IOException {
    List<Path> shps = shpFiles(fs, path, sourceName);
    boolean several = shps.size() > 1;
    List<DqIssue> issues = new ArrayList<>();
    Map<String, Integer> columns = new LinkedHashMap<>();
    List<Slice> slices = new ArrayList<>();
    for (int k = 0; k < shps.size(); k++) {
      Layout layout = layout(fs, shps.get(k), configuredCharset, sourceName, issues);
      int[] column = new int[layout.fields.size()];
      for (int f = 0; f < column.length; f++) {
        DbfField field = layout.fields.get(f);
        if (field == null) {
          column[f] = -1;
          continue;
        }
        column[f] = columns.computeIfAbsent(field.name, n -> columns.size());
      }
      String prefix = several ? shps.get(k).getName() + " record " : "record ";
      for (int from = 0; from < layout.offsets.length; from += recordsPerTask) {
        int to = Math.min(layout.offsets.length, from + recordsPerTask);
        slices.add(
            new Slice(
                layout.shp.toString(),
                layout.dbf.toString(),
                layout.charset,
                layout.fields,
                column,
                layout.dbfHeaderLength,
                layout.dbfRecordLength,
                layout.shpLength,
                ((long) k) << 32,
                prefix,
                from,
                Arrays.copyOfRange(layout.offsets, from, to),
                Arrays.copyOfRange(layout.lengths, from, to)));
      }
    }
    List<StructField> schema = new ArrayList<>();
    schema.add(DataTypes.createStructField("record_index", DataTypes.LongType, false));
    schema.add(DataTypes.createStructField("record_id", DataTypes.StringType, false));
    for (String name : columns.keySet()) {
      schema.add(DataTypes.createStructField(name, DataTypes.StringType, true));
    }
    schema.add(DataTypes.createStructField("geometry_read", GeometryFunctions.READ, false));
    int width = columns.size();
    SerializableConfiguration conf =
        new SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < slices.size(); i++) {
      ids.add(i);
    }
    JavaRDD<Row> rows =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(ids, Math.max(1, ids.size()))
            .flatMap(i -> slices.get(i).rows(conf.value(), width).iterator());
    return new Result(
        spark.createDataFrame(rows, DataTypes.createStructType(schema)), List.copyOf(issues));
  }

  /** The .shp files of {@code path}: itself, or those of a directory in name order. */
  private static List<Path> shpFiles(FileSystem fs, Path path, String sourceName)
      throws IOException {
    if (!fs.getFileStatus(path).isDirectory()) {
      return List.of(path);
    }
    List<Path> shps = new ArrayList<>();
    for (FileStatus s : fs.listStatus(path)) {
      if (s.isFile() && s.getPath().getName().toLowerCase(Locale.ROOT).endsWith(".shp")) {
        shps.add(s.getPath());
      }
    }
    if (shps.isEmpty()) {
      throw new InputDataException(sourceName, "file", null, "no .shp file in the directory");
    }
    shps.sort(java.util.Comparator.comparing(Path::getName));
    return shps;
  }

  /** What the driver learns of one shapefile: where its records are and what its fields are. */
  private record Layout(
      Path shp,
      Path dbf,
      String charset,
      List<DbfField> fields,
      int dbfHeaderLength,
      int dbfRecordLength,
      long shpLength,
      long[] offsets,
      int[] lengths) {}

  /** A .dbf field that is read: its name, dBase type, and where it is in the record. */
  record DbfField(String name, char type, int offset, int length) implements Serializable {}

  private static Layout layout(
      FileSystem fs, Path shp, String configuredCharset, String sourceName, List<DqIssue> issues)
      throws IOException {
    String name = shp.getName();
    Map<String, Path> siblings = siblings(fs, shp);
    long shpLength = fs.getFileStatus(shp).getLen();
    if (shpLength < SHP_HEADER) {
      throw new InputDataException(
          sourceName,
          "file",
          null,
          name + " has " + shpLength + " bytes, fewer than the 100-byte .shp header");
    }
    ByteBuffer header;
    try (FSDataInputStream in = fs.open(shp)) {
      header = ByteBuffer.wrap(in.readNBytes(SHP_HEADER));
    }
    if (header.order(ByteOrder.BIG_ENDIAN).getInt(0) != FILE_CODE) {
      throw new InputDataException(
          sourceName,
          "file",
          null,
          name
              + " is not a .shp file (file code "
              + header.getInt(0)
              + ", expected "
              + FILE_CODE
              + ")");
    }
    Path dbf = siblings.get("dbf");
    if (dbf == null) {
      throw new InputDataException(
          sourceName,
          "file",
          null,
          "no .dbf beside " + name + " (the attributes, the adcode among them, are in the .dbf)");
    }
    String charset =
        ShapefileCharset.of(fs, siblings.get("cpg"), dbf, configuredCharset, sourceName);
    Dbf table = dbfHeader(fs, dbf, Charset.forName(charset), sourceName, issues);
    long[] offsets;
    int[] lengths;
    Path shx = siblings.get("shx");
    if (shx != null) {
      byte[] index;
      try (FSDataInputStream in = fs.open(shx)) {
        index = in.readAllBytes();
      }
      ByteBuffer b = ByteBuffer.wrap(index).order(ByteOrder.BIG_ENDIAN);
      if (index.length < SHP_HEADER || b.getInt(0) != FILE_CODE) {
        throw new InputDataException(
            sourceName,
            "file",
            null,
            shx.getName() + " is not a shapefile index (.shx): too short or wrong file code");
      }
      int n = (index.length - SHP_HEADER) / 8;
      offsets = new long[n];
      lengths = new int[n];
      for (int i = 0; i < n; i++) {
        offsets[i] = 2L * Integer.toUnsignedLong(b.getInt(SHP_HEADER + 8 * i));
        lengths[i] = b.getInt(SHP_HEADER + 8 * i + 4);
      }
      if (n != table.records) {
        throw new InputDataException(
            sourceName,
            "file",
            null,
            dbf.getName()
                + " holds "
                + table.records
                + " records, "
                + shx.getName()
                + " indexes "
                + n
                + " shapes: a shapefile has one .dbf record per shape (a truncated or mixed-up"
                + " file?)");
      }
    } else {
      issues.add(
          new DqIssue(
              sourceName,
              "file",
              null,
              "no .shx index beside " + name + ": records found by reading the .shp from the start",
              "reported",
              null));
      List<long[]> found = scan(fs, shp, shpLength);
      if (found.size() > table.records) {
        throw new InputDataException(
            sourceName,
            "file",
            null,
            dbf.getName()
                + " holds "
                + table.records
                + " records, "
                + name
                + " "
                + found.size()
                + " shapes: a shapefile has one .dbf record per shape (a mixed-up file?)");
      }
      offsets = new long[table.records];
      lengths = new int[table.records];
      Arrays.fill(offsets, -1); // a record the .shp does not reach: it ends too early
      for (int i = 0; i < found.size(); i++) {
        offsets[i] = found.get(i)[0];
        lengths[i] = (int) found.get(i)[1];
      }
    }
    return new Layout(
        shp,
        dbf,
        charset,
        table.fields,
        table.headerLength,
        table.recordLength,
        shpLength,
        offsets,
        lengths);
  }

  /** Offsets and content lengths (16-bit words) of the records, from the .shp's record headers. */
  private static List<long[]> scan(FileSystem fs, Path shp, long shpLength) throws IOException {
    List<long[]> found = new ArrayList<>();
    byte[] h = new byte[8];
    try (FSDataInputStream in = fs.open(shp)) {
      long pos = SHP_HEADER;
      while (pos + 8 <= shpLength) {
        in.readFully(pos, h);
        int words = ByteBuffer.wrap(h).order(ByteOrder.BIG_ENDIAN).getInt(4);
        found.add(new long[] {pos, words});
        if (words < 0) {
          break; // a broken length: nothing after it can be found without an index
        }
        pos += 8 + 2L * words;
      }
    }
    return found;
  }

  /** The .dbf header: record count and length, header length, the fields read. */
  private record Dbf(int records, int headerLength, int recordLength, List<DbfField> fields) {}

  private static Dbf dbfHeader(
      FileSystem fs, Path dbf, Charset names, String sourceName, List<DqIssue> issues)
      throws IOException {
    String name = dbf.getName();
    long length = fs.getFileStatus(dbf).getLen();
    byte[] head;
    try (FSDataInputStream in = fs.open(dbf)) {
      byte[] first = in.readNBytes(32);
      if (first.length < 32) {
        throw new InputDataException(
            sourceName, "file", null, name + ": truncated .dbf header (" + length + " bytes)");
      }
      ByteBuffer b = ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN);
      long records = Integer.toUnsignedLong(b.getInt(4));
      int headerLength = Short.toUnsignedInt(b.getShort(8));
      int recordLength = Short.toUnsignedInt(b.getShort(10));
      if (headerLength < 33 || headerLength > length || recordLength < 1) {
        throw new InputDataException(
            sourceName,
            "file",
            null,
            name
                + ": not a dBase file (header length "
                + headerLength
                + ", record length "
                + recordLength
                + ", file of "
                + length
                + " bytes)");
      }
      if (headerLength + records * recordLength > length) {
        throw new InputDataException(
            sourceName,
            "file",
            null,
            name
                + ": truncated .dbf: its header declares "
                + records
                + " records of "
                + recordLength
                + " bytes, the file holds "
                + (length - headerLength) / recordLength);
      }
      head = Arrays.copyOf(first, headerLength);
      in.readFully(32, head, 32, headerLength - 32);
      List<DbfField> fields = new ArrayList<>();
      Map<String, String> seen = new HashMap<>();
      int offset = 1; // the deletion flag
      int at = 32;
      for (; at + 32 <= headerLength && head[at] != 0x0D; at += 32) {
        int nameEnd = at;
        while (nameEnd < at + 11 && head[nameEnd] != 0) {
          nameEnd++;
        }
        String field = new String(head, at, nameEnd - at, names).strip();
        char type = Character.toUpperCase((char) (head[at + 11] & 0xff));
        int len = head[at + 16] & 0xff;
        if (type == 'C') {
          len |= (head[at + 17] & 0xff) << 8; // character fields over 255 bytes (Clipper, FoxPro)
        }
        if ("CNFLDIO+".indexOf(type) < 0 || field.isEmpty()) {
          issues.add(
              new DqIssue(
                  sourceName,
                  "file",
                  field,
                  "field of dBase type '" + type + "' is not read (types C, N, F, L, D, I, O are)",
                  "reported",
                  null));
          fields.add(null);
        } else {
          if (seen.putIfAbsent(field.toLowerCase(Locale.ROOT), field) != null) {
            throw new InputDataException(
                sourceName, "file", field, name + ": the .dbf has this field twice");
          }
          fields.add(new DbfField(field, type, offset, len));
        }
        offset += len;
      }
      if (at >= headerLength || head[at] != 0x0D) {
        throw new InputDataException(
            sourceName,
            "file",
            null,
            name + ": the .dbf field descriptors are broken (no terminator within the header)");
      }
      if (offset != recordLength) {
        throw new InputDataException(
            sourceName,
            "file",
            null,
            name
                + ": records of "
                + recordLength
                + " bytes, but the fields take "
                + offset
                + " (a broken .dbf header)");
      }
      if (records > Integer.MAX_VALUE) {
        throw new InputDataException(
            sourceName, "file", null, name + ": " + records + " records, too many to read");
      }
      return new Dbf((int) records, headerLength, recordLength, List.copyOf(fields));
    }
  }

  /** The .shx, .dbf and .cpg beside a .shp, whatever the case of their extensions. */
  private static Map<String, Path> siblings(FileSystem fs, Path shp) throws IOException {
    String name = shp.getName();
    int dot = name.lastIndexOf('.');
    String base = (dot < 0 ? name : name.substring(0, dot)).toLowerCase(Locale.ROOT);
    Map<String, Path> found = new HashMap<>();
    for (FileStatus s : fs.listStatus(shp.getParent())) {
      String other = s.getPath().getName();
      int d = other.lastIndexOf('.');
      if (d < 0 || !s.isFile() || !other.substring(0, d).toLowerCase(Locale.ROOT).equals(base)) {
        continue;
      }
      String ext = other.substring(d + 1).toLowerCase(Locale.ROOT);
      if (ext.equals("shx") || ext.equals("dbf") || ext.equals("cpg")) {
        Path previous = found.putIfAbsent(ext, s.getPath());
        if (previous != null && other.substring(d + 1).equals(ext)) {
          found.put(ext, s.getPath()); // both cases exist: the lower-case one
        }
      }
    }
    return found;
  }

  /** The records {@code from .. from + offsets.length} of one shapefile, read in a task. */
  record Slice(
      String shp,
      String dbf,
      String charset,
      List<DbfField> fields,
      int[] columns,
      int dbfHeaderLength,
      int dbfRecordLength,
      long shpLength,
      long indexBase,
      String idPrefix,
      int from,
      long[] offsets,
      int[] lengths)
      implements Serializable {

    List<Row> rows(Configuration conf, int width) throws IOException {
      List<Row> out = new ArrayList<>(offsets.length);
      Path shpPath = new Path(shp);
      FileSystem fs = shpPath.getFileSystem(conf);
      Charset text = Charset.forName(charset);
      byte[] record = new byte[dbfRecordLength];
      try (FSDataInputStream shpIn = fs.open(shpPath);
          FSDataInputStream dbfIn = fs.open(new Path(dbf))) {
        for (int j = 0; j < offsets.length; j++) {
          int number = from + j;
          Object[] values = new Object[width + 3];
          values[0] = indexBase + number;
          values[1] = idPrefix + number;
          dbfIn.readFully(dbfHeaderLength + (long) number * dbfRecordLength, record);
          for (int f = 0; f < fields.size(); f++) {
            DbfField field = fields.get(f);
            if (field != null) {
              values[2 + columns[f]] = value(field, record, text);
            }
          }
          Row geometry =
              record[0] == '*'
                  ? quarantined(
                      "the record is marked deleted in the .dbf (GIS tools do not show it)")
                  : shape(shpIn, j);
          values[width + 2] = geometry;
          out.add(RowFactory.create(values));
        }
      }
      return out;
    }

    /** The j-th record's shape as a READ row. */
    private Row shape(FSDataInputStream in, int j) throws IOException {
      long at = offsets[j];
      if (at < 0) {
        return quarantined("the .shp ends before this record (a truncated .shp?)");
      }
      if (at < SHP_HEADER || at + 8 > shpLength) {
        return quarantined(
            "the .shx places this record outside the .shp (a truncated .shp?): byte "
                + at
                + " of a "
                + shpLength
                + "-byte file");
      }
      byte[] header = new byte[8];
      in.readFully(at, header);
      long bytes = 2L * ByteBuffer.wrap(header).order(ByteOrder.BIG_ENDIAN).getInt(4);
      if (bytes < 4 || at + 8 + bytes > shpLength) {
        long indexed = 2L * lengths[j];
        if (indexed >= 4 && at + 8 + indexed <= shpLength) {
          bytes = indexed; // the record header is broken, the index is not
        } else {
          return quarantined(
              "the record runs past the end of the .shp (a truncated .shp?): "
                  + bytes
                  + " bytes at byte "
                  + at
                  + " of a "
                  + shpLength
                  + "-byte file");
        }
      }
      byte[] content = new byte[(int) bytes];
      in.readFully(at + 8, content);
      ShapefileGeometry.Parsed parsed = ShapefileGeometry.decode(content);
      if (parsed.error() != null) {
        return quarantined(parsed.error());
      }
      return GeometryFunctions.sanitized(parsed.geometry(), parsed.repairs());
    }

    private static Row quarantined(String problem) {
      return RowFactory.create(null, GeometryRepair.Status.QUARANTINED.name(), problem);
    }

    /** One field's value as text; null when blank. */
    private static String value(DbfField field, byte[] record, Charset text) {
      int from = field.offset();
      int to = Math.min(record.length, field.offset() + field.length());
      if (from >= to) {
        return null;
      }
      ByteBuffer b = ByteBuffer.wrap(record, from, to - from).order(ByteOrder.LITTLE_ENDIAN);
      String s =
          switch (field.type()) {
            case 'C' -> new String(record, from, to - from, text);
            case 'I', '+' -> to - from == 4 ? String.valueOf(b.getInt(from)) : null;
            case 'O' -> to - from == 8 ? String.valueOf(b.getDouble(from)) : null;
            default -> new String(record, from, to - from, Charset.forName("ISO-8859-1"));
          };
      if (s == null) {
        return null;
      }
      s = s.replace('\0', ' ').strip();
      if (s.isEmpty() || (field.type() == 'L' && s.equals("?"))) {
        return null;
      }
      return s;
    }
  }
}
