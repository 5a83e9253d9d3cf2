package org.citycluster.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.citycluster.io.CsvTable;
import org.citycluster.io.InputDataException;
import org.citycluster.stats.AdcodeAliases;

/**
 * Reads the official cluster plans ({@code clusters.csv}: one row per cluster and member unit) into
 * {@link ClusterMembership} records. A unit may belong to several clusters.
 *
 * <p>Fails with an {@link InputDataException} naming the line and field for: a code that is not 6
 * digits, a role other than core/member, a partial flag other than true/false, a plan year that is
 * not a number (an empty one means no approved plan and is kept as null), a cluster whose rows
 * disagree on its name or plan year, the same unit twice in one cluster, or a cluster without a
 * core unit.
 */
public final class ClusterPlanReader {

  /** Columns the plan file must have. */
  public static final List<String> REQUIRED_COLUMNS =
      List.of(
          "cluster_id",
          "cluster_name_en",
          "cluster_name_zh",
          "plan_year",
          "adcode",
          "city_name_zh",
          "role",
          "partial");

  private ClusterPlanReader() {}

  public static List<ClusterMembership> read(CsvTable table, AdcodeAliases aliases) {
    List<ClusterMembership> members = new ArrayList<>();
    Map<String, ClusterMembership> firstRowOfCluster = new HashMap<>();
    Set<String> seen = new HashSet<>();
    Set<String> withCore = new HashSet<>();
    for (CsvTable.Row row : table.rows()) {
      String where = "line " + row.line();
      String clusterId = row.get("cluster_id").trim();
      if (clusterId.isEmpty()) {
        throw new InputDataException(table.source(), where, "cluster_id", "empty");
      }
      String planAdcode = row.get("adcode").trim();
      if (!planAdcode.matches("\\d{6}")) {
        throw new InputDataException(
            table.source(), where, "adcode", "not a 6-digit code: '" + planAdcode + "'");
      }
      String role = row.get("role").trim();
      if (!role.equals("core") && !role.equals("member")) {
        throw new InputDataException(
            table.source(), where, "role", "expected core or member, found '" + role + "'");
      }
      Double planYear = row.getDouble("plan_year");
      ClusterMembership m =
          new ClusterMembership(
              clusterId,
              row.get("cluster_name_en").trim(),
              row.get("cluster_name_zh").trim(),
              planYear == null ? null : planYear.intValue(),
              aliases.canonical(planAdcode),
              planAdcode,
              row.get("city_name_zh").trim(),
              role,
              optional(row, "role_detail"),
              row.getBoolean("partial"),
              optional(row, "partial_scope"),
              optional(row, "membership_confidence"),
              (int) row.line());
      ClusterMembership first = firstRowOfCluster.putIfAbsent(clusterId, m);
      if (first != null
          && (!first.clusterNameEn().equals(m.clusterNameEn())
              || !java.util.Objects.equals(first.planYear(), m.planYear()))) {
        throw new InputDataException(
            table.source(),
            where,
            "cluster_name_en/plan_year",
            "cluster " + clusterId + " disagrees with its first row");
      }
      if (!seen.add(clusterId + "/" + m.adcode())) {
        throw new InputDataException(
            table.source(),
            where,
            "adcode",
            "unit " + m.adcode() + " listed twice in cluster " + clusterId);
      }
      if (m.isCore()) {
        withCore.add(clusterId);
      }
      members.add(m);
    }
    for (String clusterId : firstRowOfCluster.keySet()) {
      if (!withCore.contains(clusterId)) {
        throw new InputDataException(
            table.source(), "cluster " + clusterId, "role", "cluster has no core unit");
      }
    }
    return List.copyOf(members);
  }

  private static String optional(CsvTable.Row row, String column) {
    return row.fields().containsKey(column) ? row.get(column).trim() : "";
  }
}
