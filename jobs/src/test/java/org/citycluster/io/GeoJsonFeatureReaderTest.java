package org.citycluster.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.citycluster.testdata.RealBoundaryData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

class GeoJsonFeatureReaderTest {

  private static final String FIXTURE =
      """
      {"type":"FeatureCollection","name":"fixture","features":[
       {"type":"Feature","id":"320500","properties":{"adcode":"320500","name":"苏州市",
        "pop":12.9,"mainland":true,"name_pinyin":null,"tags":["a","b"]},
        "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},
       {"type":"Feature","id":7,"properties":null,
        "geometry":{"type":"MultiPolygon","coordinates":[
          [[[2,0],[4,0],[4,2],[2,2],[2,0]],[[2.5,0.5],[2.5,1.5],[3.5,1.5],[3.5,0.5],[2.5,0.5]]],
          [[[5,0],[6,0],[6,1],[5,0]]]]}},
       {"type":"Feature","properties":{"k":"v"},
        "geometry":{"type":"LineString","coordinates":[[0,0,12.5],[1,1,13]]}},
       {"type":"Feature","properties":{},"geometry":null}
      ]}
      """;

  private static Path write(Path dir, String name, String json) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, json, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void readsIdsPropertiesAndGeometries(@TempDir Path dir) throws IOException {
    List<Feature> features = new GeoJsonFeatureReader().read(write(dir, "f.geojson", FIXTURE));
    assertEquals(4, features.size());

    Feature suzhou = features.get(0);
    assertEquals("320500", suzhou.id());
    assertEquals("苏州市", suzhou.properties().get("name"));
    assertEquals(12.9, suzhou.properties().get("pop"));
    assertEquals(Boolean.TRUE, suzhou.properties().get("mainland"));
    assertTrue(suzhou.properties().containsKey("name_pinyin"));
    assertNull(suzhou.properties().get("name_pinyin"));
    assertEquals(List.of("a", "b"), suzhou.properties().get("tags"));
    assertTrue(suzhou.geometry() instanceof Polygon);
    assertEquals(1.0, suzhou.geometry().getArea(), 1e-12);
    assertEquals(4326, suzhou.geometry().getSRID());

    Feature multi = features.get(1);
    assertEquals("7", multi.id());
    assertTrue(multi.properties().isEmpty());
    MultiPolygon mp = (MultiPolygon) multi.geometry();
    assertEquals(2, mp.getNumGeometries());
    assertEquals(1, ((Polygon) mp.getGeometryN(0)).getNumInteriorRing());
    assertEquals(4 - 1 + 0.5, mp.getArea(), 1e-12);

    assertNull(features.get(2).id());
    assertEquals("LineString", features.get(2).geometry().getGeometryType());
    assertTrue(features.get(3).geometry().isEmpty());
  }

  @Test
  void badGeometryNamesFileAndFeatureIndex(@TempDir Path dir) throws IOException {
    String json =
        """
        {"type":"FeatureCollection","features":[
         {"type":"Feature","id":"a","properties":{},
          "geometry":{"type":"Point","coordinates":[1,2]}},
         {"type":"Feature","id":"b","properties":{},
          "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0.5]]]}}]}
        """;
    Path file = write(dir, "open-ring.geojson", json);
    IOException e = assertThrows(IOException.class, () -> new GeoJsonFeatureReader().read(file));
    assertTrue(e.getMessage().contains("open-ring.geojson"), e.getMessage());
    assertTrue(e.getMessage().contains("feature 1"), e.getMessage());
  }

  @Test
  void unknownTypeAndTruncatedJsonAreErrors(@TempDir Path dir) throws IOException {
    Path unknown =
        write(
            dir,
            "circle.geojson",
            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
                + "\"geometry\":{\"type\":\"Circle\",\"coordinates\":[0,0]}}]}");
    IOException e1 =
        assertThrows(IOException.class, () -> new GeoJsonFeatureReader().read(unknown));
    assertTrue(e1.getMessage().contains("Circle") && e1.getMessage().contains("feature 0"));

    Path truncated = write(dir, "cut.geojson", FIXTURE.substring(0, 400));
    IOException e2 =
        assertThrows(IOException.class, () -> new GeoJsonFeatureReader().read(truncated));
    assertTrue(e2.getMessage().contains("cut.geojson"), e2.getMessage());

    Path notCollection = write(dir, "feature.geojson", "{\"type\":\"Feature\",\"properties\":{}}");
    assertThrows(IOException.class, () -> new GeoJsonFeatureReader().read(notCollection));
  }

  @Test
  void realPrefectureLayerHas375PolygonalFeaturesKeyedByAdcode() {
    List<Feature> features = RealBoundaryData.features("china_prefectures.geojson");
    assertEquals(375, features.size());
    Set<String> ids = new HashSet<>();
    for (Feature f : features) {
      assertEquals(f.properties().get("adcode"), f.id());
      assertTrue(
          f.geometry() instanceof Polygon || f.geometry() instanceof MultiPolygon,
          f.id() + " is " + f.geometry().getGeometryType());
      ids.add(f.id());
    }
    assertEquals(375, ids.size());
    assertTrue(ids.contains("320500") && ids.contains("310000"));
  }
}
