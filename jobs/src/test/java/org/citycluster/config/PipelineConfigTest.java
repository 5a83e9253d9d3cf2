package org.citycluster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineConfigTest {

  @Test
  void defaultsComeFromConfCitycluster() {
    PipelineConfig c = PipelineConfig.load(null, Map.of());
    assertEquals("../shared/data", c.dataRoot());
    assertEquals("warehouse", c.warehouse());
    assertEquals(Level.PREFECTURE, c.level());
    assertEquals(2020, c.statsYear());
    assertEquals(LocalDate.now(), c.runDate());
    assertEquals("geojson", c.boundaries().format());
    assertEquals(
        "../shared/data/boundaries/china_prefectures.geojson", c.dataPath(c.boundaries().path()));
  }

  @Test
  void fileThenFlagsOverride(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("my.properties");
    Files.writeString(conf, "level=county\nstats.year=2019\nboundaries.county.path=/x/c.shp\n");
    PipelineConfig c =
        PipelineConfig.load(conf, Map.of("run.date", "2026-01-02", "stats.year", "2021"));
    assertEquals(Level.COUNTY, c.level());
    assertEquals(2021, c.statsYear());
    assertEquals(LocalDate.of(2026, 1, 2), c.runDate());
    assertEquals("shapefile", c.boundaries().format());
    assertEquals("/x/c.shp", c.dataPath(c.boundaries().path()));
  }

  @Test
  void wrongValuesNameTheOptionAndTheAllowedValues() {
    ConfigException level =
        assertThrows(
            ConfigException.class, () -> PipelineConfig.load(null, Map.of("level", "city")));
    assertEquals(
        "option 'level' has value 'city'; allowed: prefecture, county", level.getMessage());
    ConfigException date =
        assertThrows(
            ConfigException.class,
            () -> PipelineConfig.load(null, Map.of("run.date", "28/11/2026")));
    assertTrue(date.getMessage().contains("'run.date'"), date.getMessage());
    ConfigException year =
        assertThrows(
            ConfigException.class, () -> PipelineConfig.load(null, Map.of("stats.year", "soon")));
    assertTrue(year.getMessage().contains("'stats.year'"));
    ConfigException unknown =
        assertThrows(ConfigException.class, () -> PipelineConfig.load(null, Map.of("levle", "x")));
    assertTrue(unknown.getMessage().startsWith("unknown option 'levle'"));
    ConfigException format =
        assertThrows(
            ConfigException.class,
            () -> PipelineConfig.load(null, Map.of("boundaries.prefecture.format", "kml")));
    assertTrue(format.getMessage().contains("geojson, shapefile, geoparquet"));
  }
}
