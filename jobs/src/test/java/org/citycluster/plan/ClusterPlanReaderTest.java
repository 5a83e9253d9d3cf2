package org.citycluster.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.citycluster.io.CsvTable;
import org.citycluster.io.InputDataException;
import org.citycluster.stats.AdcodeAliases;
import org.junit.jupiter.api.Test;

class ClusterPlanReaderTest {

  private static final String HEADER =
      "cluster_id,cluster_name_en,cluster_name_zh,plan_year,adcode,city_name_zh,role,"
          + "partial,partial_scope\n";

  private static List<ClusterMembership> read(String rows) throws Exception {
    CsvTable t =
        CsvTable.read(
            new ByteArrayInputStream((HEADER + rows).getBytes(StandardCharsets.UTF_8)),
            "clusters.csv",
            ClusterPlanReader.REQUIRED_COLUMNS);
    return ClusterPlanReader.read(t, AdcodeAliases.municipalitiesOnly());
  }

  @Test
  void membersRolesPartialFlagsAndOverlappingClusters() throws Exception {
    List<ClusterMembership> m =
        read(
            "cy,Chengdu-Chongqing,成渝城市群,2016,500100,重庆市,core,true,\"27 districts, parts\"\n"
                + "cy,Chengdu-Chongqing,成渝城市群,2016,510100,成都市,core,false,\n"
                + "zy,Central Plains,中原城市群,2016,130400,邯郸市,core,false,\n"
                + "jjj,Beijing-Tianjin-Hebei,京津冀城市群,2015,130400,邯郸市,member,false,\n"
                + "jjj,Beijing-Tianjin-Hebei,京津冀城市群,2015,110000,北京市,core,false,\n"
                + "lzn,Central-Southern Liaoning,辽中南城市群,,210100,沈阳市,core,false,\n");
    assertEquals(6, m.size());
    assertEquals("500000", m.get(0).adcode());
    assertEquals("500100", m.get(0).planAdcode());
    assertTrue(m.get(0).partial());
    assertEquals("27 districts, parts", m.get(0).partialScope());
    assertEquals(2, m.stream().filter(x -> x.adcode().equals("130400")).count());
    assertNull(m.get(5).planYear());
  }

  @Test
  void badRowsAreRejectedWithLineAndField() {
    InputDataException role =
        assertThrows(
            InputDataException.class, () -> read("yrd,YRD,长三角,2016,310000,上海市,leader,false,\n"));
    assertEquals("role", role.field());
    assertEquals("line 2", role.record());
    InputDataException code =
        assertThrows(
            InputDataException.class, () -> read("yrd,YRD,长三角,2016,31000,上海市,core,false,\n"));
    assertEquals("adcode", code.field());
    InputDataException twice =
        assertThrows(
            InputDataException.class,
            () ->
                read(
                    "yrd,YRD,长三角,2016,310000,上海市,core,false,\n"
                        + "yrd,YRD,长三角,2016,310100,上海市,member,false,\n"));
    assertTrue(twice.getMessage().contains("listed twice"), twice.getMessage());
    InputDataException noCore =
        assertThrows(
            InputDataException.class, () -> read("yrd,YRD,长三角,2016,310000,上海市,member,false,\n"));
    assertTrue(noCore.getMessage().contains("no core unit"));
    InputDataException partial =
        assertThrows(
            InputDataException.class, () -> read("yrd,YRD,长三角,2016,310000,上海市,core,maybe,\n"));
    assertEquals("partial", partial.field());
  }
}
