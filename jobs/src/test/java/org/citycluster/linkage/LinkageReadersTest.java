package org.citycluster.linkage;

import static org.citycluster.linkage.Fixtures.csv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.citycluster.geo.Gcj02;
import org.citycluster.io.InputDataException;
import org.junit.jupiter.api.Test;

class LinkageReadersTest {

  static final String STATION_HEADER =
      "station_name,lng,lat,coord_method,src_province,src_city,src_district,n_trains,qa_min_neighbour_km";

  @Test
  void stationsAreConvertedFromGcj02() throws Exception {
    List<Station> s =
        LinkageReaders.readStations(
            csv(STATION_HEADER, "北京南,116.378517,39.865246,geocoded,北京市,北京市,丰台区,500,"), "s.csv");
    Station st = s.get(0);
    double[] wgs = Gcj02.gcj02ToWgs84(116.378517, 39.865246);
    assertEquals(wgs[0], st.lon(), 1e-12);
    assertEquals(wgs[1], st.lat(), 1e-12);
    assertEquals(116.378517, st.rawLon(), 0);
    assertTrue(Math.abs(st.lon() - st.rawLon()) > 0.003, "GCJ-02 shift is a few hundred metres");
    assertNull(st.qaMinNeighbourKm());
  }

  @Test
  void badStationValuesNameFileLineAndField() {
    InputDataException e =
        assertThrows(
            InputDataException.class,
            () ->
                LinkageReaders.readStations(
                    csv(
                        STATION_HEADER,
                        "A,116.3,39.8,geocoded,,,,1,5",
                        "B,east,39.8,geocoded,,,,1,5"),
                    "s.csv"));
    assertEquals("s.csv", e.source());
    assertEquals("line 3", e.record());
    assertEquals("lng", e.field());
    e =
        assertThrows(
            InputDataException.class,
            () ->
                LinkageReaders.readStations(
                    csv(STATION_HEADER, "A,116.3,39.8,guessed,,,,1,5"), "s.csv"));
    assertEquals("coord_method", e.field());
  }

  @Test
  void badStopSequenceIsRejected() {
    InputDataException e =
        assertThrows(
            InputDataException.class,
            () ->
                LinkageReaders.readTrainStops(
                    csv(
                        "train_code,stop_seq,station_name,n_stops,src_file",
                        "G1,1,A,3,x",
                        "G1,2,B,3,x"),
                    "t.csv"));
    assertEquals("n_stops", e.field());
    e =
        assertThrows(
            InputDataException.class,
            () ->
                LinkageReaders.readTrainStops(
                    csv(
                        "train_code,stop_seq,station_name,n_stops,src_file",
                        "G1,1,A,2,x",
                        "G1,1,B,2,x"),
                    "t.csv"));
    assertEquals("stop_seq", e.field());
    assertEquals("line 3", e.record());
  }

  @Test
  void timetableTimesAndBadTimes() throws Exception {
    String header =
        "station_name,train_type,call_type,train_code,origin,terminus,arr_time,dep_time";
    List<TimetableCall> calls =
        LinkageReaders.readTimetable(
            csv(header, "万州,快速,过,K1270,重庆西,福州,23:58,00:23", "北京南,高速动车,始,G1,北京南,上海虹桥,-,07:00"),
            "tt.csv");
    assertEquals(
        new TimetableCall("万州", "K1270", "快速", TimetableCall.CallType.PASSING, 1438, 23),
        calls.get(0));
    assertEquals(
        new TimetableCall("北京南", "G1", "高速动车", TimetableCall.CallType.ORIGIN, null, 420),
        calls.get(1));
    InputDataException e =
        assertThrows(
            InputDataException.class,
            () -> LinkageReaders.readTimetable(csv(header, "A,x,过,K1,A,B,24:10,00:20"), "tt.csv"));
    assertEquals("arr_time", e.field());
    e =
        assertThrows(
            InputDataException.class,
            () -> LinkageReaders.readTimetable(csv(header, "A,x,停,K1,A,B,10:10,10:20"), "tt.csv"));
    assertEquals("call_type", e.field());
    e =
        assertThrows(
            InputDataException.class,
            () -> LinkageReaders.readTimetable(csv(header, "A,x,终,K1,A,B,10:10,10:20"), "tt.csv"));
    assertEquals("dep_time", e.field());
  }
}
