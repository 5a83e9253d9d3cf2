package org.citycluster.plan;

import java.io.Serializable;

/**
 * One member unit of one planned city cluster, as listed in {@code clusters.csv}.
 *
 * @param clusterId short id of the cluster, e.g. {@code yrd}
 * @param clusterNameEn English name of the cluster
 * @param clusterNameZh Chinese name of the cluster
 * @param planYear year the plan was approved, or null where no approved plan exists (e.g. lzn)
 * @param adcode canonical adcode of the member unit (after aliases)
 * @param planAdcode the code exactly as written in the plan file
 * @param memberNameZh the member's Chinese name as written in the plan file
 * @param role {@code core} or {@code member}
 * @param roleDetail the plan's own term where known, or ""
 * @param partial true where the plan covers only part of the unit
 * @param partialScope which counties are included or excluded, or ""
 * @param confidence {@code high}, {@code medium} or {@code low}
 * @param line the line of the plan file it was read from (1 = header), or 0 when not from a file
 */
public record ClusterMembership(
    String clusterId,
    String clusterNameEn,
    String clusterNameZh,
    Integer planYear,
    String adcode,
    String planAdcode,
    String memberNameZh,
    String role,
    String roleDetail,
    boolean partial,
    String partialScope,
    String confidence,
    int line)
    implements Serializable {

  /** A member not read from a file (line 0). */
  public ClusterMembership(
      String clusterId,
      String clusterNameEn,
      String clusterNameZh,
      Integer planYear,
      String adcode,
      String planAdcode,
      String memberNameZh,
      String role,
      String roleDetail,
      boolean partial,
      String partialScope,
      String confidence) {
    this(
        clusterId,
        clusterNameEn,
        clusterNameZh,
        planYear,
        adcode,
        planAdcode,
        memberNameZh,
        role,
        roleDetail,
        partial,
        partialScope,
        confidence,
        0);
  }

  public boolean isCore() {
    return "core".equals(role);
  }
}
