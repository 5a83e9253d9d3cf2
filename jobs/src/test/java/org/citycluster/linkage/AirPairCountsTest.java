package org.citycluster.linkage;

import static org.citycluster.linkage.Fixtures.csv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.citycluster.io.InputDataException;
import org.junit.jupiter.api.Test;

class AirPairCountsTest {

  static final String ROUTE_HEADER =
      "airline,airline_id,src_airport,src_airport_id,dst_airport,dst_airport_id,codeshare,stops,equipment";

  static List<Airport> airports() throws Exception {
    return LinkageReaders.readAirports(
        csv(
            "airport_id,name,city,country,iata,icao,lat,lon,altitude_ft,utc_offset_h,dst,tz,type,source",
            "1,One,a,China,AAA,ZAAA,30,110,0,8,U,x,airport,OurAirports",
            "2,Two,b,China,BBB,ZBBB,31,111,0,8,U,x,airport,OurAirports",
            "3,Three,b,China,CCC,ZCCC,31.1,111.1,0,8,U,x,\\N,User",
            "4,Four,c,China,DDD,ZDDD,32,112,0,8,U,x,airport,OurAirports",
            "5,Five,c,China,\\N,\\N,32,112,0,8,U,x,station,User"),
        "ap.csv");
  }

  static LinkageReaders.AirRoutes routes() throws Exception {
    return LinkageReaders.readAirRoutes(
        csv(
            ROUTE_HEADER,
            "CA,1,AAA,1,BBB,2,,0,320",
            "CA,1,BBB,2,AAA,1,,0,320",
            "MU,2,AAA,1,CCC,\\N,,0,320",
            "FM,3,AAA,1,BBB,2,Y,0,320",
            "CZ,4,BBB,2,DDD,4,Y,0,320",
            "CZ,4,DDD,4,BBB,2,Y,0,320"),
        "rt.csv",
        airports());
  }

  @Test
  void readsAirportsWithNullMarkers() throws Exception {
    Airport five = airports().get(4);
    assertEquals(new Airport(5, null, "Five", 112, 32, "station"), five);
    assertEquals(null, airports().get(2).type());
  }

  @Test
  void missingIdIsResolvedByIata() throws Exception {
    LinkageReaders.AirRoutes r = routes();
    assertEquals(new AirRoute("MU", 1, 3, false), r.routes().get(2));
    assertEquals(1, r.resolvedIds().size());
    assertEquals("line 4", r.resolvedIds().get(0).recordId());
    assertEquals("dst_airport_id", r.resolvedIds().get(0).field());
    assertEquals("repaired", r.resolvedIds().get(0).action());
    InputDataException e =
        assertThrows(
            InputDataException.class,
            () ->
                LinkageReaders.readAirRoutes(
                    csv(ROUTE_HEADER, "MU,2,AAA,1,ZZZ,\\N,,0,320"), "rt.csv", airports()));
    assertEquals("dst_airport_id", e.field());
  }

  @Test
  void routesAirlinesAndDegree() throws Exception {
    Map<Integer, String> unit = Map.of(1, "U1", 2, "U2", 3, "U2", 4, "U3");
    AirPairCounts c = AirPairCounts.of(routes().routes(), unit);
    assertEquals(
        List.of(new AirPairCounts.Pair("U1", "U2", 2, 2), new AirPairCounts.Pair("U2", "U3", 1, 0)),
        c.pairs());
    assertEquals(
        List.of(
            new AirPairCounts.Unit("U1", 1, 2, 2),
            new AirPairCounts.Unit("U2", 2, 2, 3),
            new AirPairCounts.Unit("U3", 1, 0, 1)),
        c.units());
    assertEquals(new AirPairCounts.Pair("U1", "U3", 0, 0), c.pair("U3", "U1"));
  }

  @Test
  void sameUnitAndUnassignedRoutesAreIgnored() throws Exception {
    AirPairCounts c = AirPairCounts.of(routes().routes(), Map.of(1, "U1", 2, "U1", 3, "U1"));
    assertEquals(List.of(), c.pairs());
    assertEquals(4, c.sameUnitRoutes());
    assertEquals(2, c.ignoredRoutes());
  }
}
