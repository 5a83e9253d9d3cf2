package org.citycluster.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundaryAttributesTest {

  /** The fields ogr2ogr writes for the shared prefecture GeoJSON. */
  private static final List<String> OGR_FIELDS =
      List.of(
          "id",
          "adcode",
          "name",
          "name_short",
          "name_pinyi",
          "level",
          "kind",
          "province_a",
          "province_n",
          "mainland",
          "label_lon",
          "label_lat",
          "src_adcode",
          "geometry_r");

  private static List<String> missing(BoundaryAttributes.Resolution r) {
    return r.missing().stream().map(BoundaryAttributes.Attribute::name).toList();
  }

  @Test
  void dbaseTruncatedNamesAreRecognisedAndNoted() {
    BoundaryAttributes.Resolution r =
        BoundaryAttributes.resolve(OGR_FIELDS, Map.of(), false, "x.shp");
    assertEquals("name_pinyi", r.fields().get("name_pinyin"));
    assertEquals("province_a", r.fields().get("province_adcode"));
    assertEquals("province_n", r.fields().get("province_name"));
    assertEquals("geometry_r", r.fields().get("geometry_repaired"));
    assertEquals("mainland", r.fields().get("mainland"));
    assertEquals(List.of(), missing(r));
    assertEquals(4, r.notes().size(), r.notes().toString());
    assertTrue(
        r.notes()
            .contains(
                "field 'province_a' read as 'province_adcode' (name cut to 10"
                    + " characters by dBase)"),
        r.notes().toString());
  }

  @Test
  void countyOnlyAttributeIsExpectedAtCountyLevelOnly() {
    BoundaryAttributes.Resolution county =
        BoundaryAttributes.resolve(OGR_FIELDS, Map.of(), true, "x.shp");
    assertEquals(List.of("prefecture_adcode"), missing(county));
    // "prefecture" is the truncation of prefecture_adcode
    List<String> withPrefecture = new java.util.ArrayList<>(OGR_FIELDS);
    withPrefecture.add("prefecture");
    assertEquals(
        "prefecture",
        BoundaryAttributes.resolve(withPrefecture, Map.of(), true, "x.shp")
            .fields()
            .get("prefecture_adcode"));
  }

  @Test
  void configuredFieldsWinAndCaseIsIgnored() {
    BoundaryAttributes.Resolution r =
        BoundaryAttributes.resolve(
            List.of("CODE", "NAME_CH", "PINYIN"),
            Map.of("adcode", "code", "name", "NAME_CH", "name_pinyin", "PINYIN"),
            false,
            "gadm.shp");
    assertEquals("CODE", r.fields().get("adcode"));
    assertEquals("NAME_CH", r.fields().get("name"));
    assertEquals("PINYIN", r.fields().get("name_pinyin"));
    assertEquals(
        List.of("name_short", "province_adcode", "province_name", "kind", "mainland"), missing(r));
    assertEquals(List.of(), r.notes());
  }

  @Test
  void configuredFieldTheSourceLacksAndMissingAdcodeAreNamedErrors() {
    InputDataException wrongField =
        assertThrows(
            InputDataException.class,
            () ->
                BoundaryAttributes.resolve(
                    List.of("adcode", "NAME"), Map.of("name", "NAME_CH"), false, "a.shp"));
    assertTrue(
        wrongField
            .getMessage()
            .startsWith(
                "a.shp: file, field 'NAME_CH': configured as the field of 'name' but the source"
                    + " has no such field"),
        wrongField.getMessage());
    InputDataException noAdcode =
        assertThrows(
            InputDataException.class,
            () -> BoundaryAttributes.resolve(List.of("code", "name"), Map.of(), false, "b.shp"));
    assertTrue(
        noAdcode.getMessage().startsWith("b.shp: file, field 'adcode': no 'adcode' field"),
        noAdcode.getMessage());
  }

  @Test
  void codesBecomeDigitStrings() {
    assertEquals("320500", BoundaryAttributes.code("320500"));
    assertEquals("320500", BoundaryAttributes.code(" 320500.0 "));
    assertEquals("320500", BoundaryAttributes.code("3.205E5"));
    assertEquals("320500.5", BoundaryAttributes.code("320500.5"));
    assertEquals("8928308280fffff", BoundaryAttributes.code("8928308280fffff"));
    assertNull(BoundaryAttributes.code("  "));
    assertNull(BoundaryAttributes.code(null));
  }

  @Test
  void flagsAcceptTheUsualSpellings() {
    for (String yes : List.of("true", "TRUE", "t", "T", "Y", "y", "yes", "1", "1.0", " 1 ")) {
      assertTrue(BoundaryAttributes.flag(yes), yes);
    }
    for (String no : List.of("false", "F", "N", "no", "0", "0.0")) {
      assertFalse(BoundaryAttributes.flag(no), no);
    }
    assertNull(BoundaryAttributes.flag("maybe"));
    assertNull(BoundaryAttributes.flag("2"));
    assertNull(BoundaryAttributes.flag(""));
    assertNull(BoundaryAttributes.flag(null));
  }

  @Test
  void textIsTrimmedAndBlankIsNull() {
    assertEquals("苏州市", BoundaryAttributes.text(" 苏州市   "));
    assertNull(BoundaryAttributes.text("   "));
  }
}
