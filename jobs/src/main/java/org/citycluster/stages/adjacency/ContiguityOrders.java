package org.citycluster.stages.adjacency;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.citycluster.spark.PlanCut;

/**
 * Contiguity order (rook hops) between units as a distributed breadth-first search from every unit
 * at once: the values of {@link org.citycluster.adjacency.ContiguityOrder} (and {@link
 * org.citycluster.adjacency.ContiguityGraph#order}) without a graph on the driver.
 *
 * <p>Edges are the rook pairs only: a queen-only touch is not a hop (such a pair has order 2 when
 * the two units share a rook neighbour, else more or null). Order-1 pairs are the rook pairs in
 * both directions; the order-k frontier is the order-(k−1) frontier joined with the edges, minus
 * the pairs of orders k−1 and k−2 (in an undirected graph a neighbour of a unit at k−1 hops is at
 * k−2, k−1 or k hops, so the two previous frontiers are all that must be removed) and minus the
 * unit itself. Each frontier is materialised ({@link PlanCut}: one job per order, lineage kept),
 * and the search stops at {@code maxOrder} or at an empty frontier. Work and memory grow with the
 * pairs within {@code maxOrder} hops (about units × 3·maxOrder² on a planar tiling), not with n².
 */
public final class ContiguityOrders {

  private ContiguityOrders() {}

  /**
   * @param contiguity touching pairs: {@code adcode_a}, {@code adcode_b}, {@code relation} ("rook"
   *     or "queen")
   * @param maxOrder largest order reported, ≥ 1
   * @return {@code adcode_a < adcode_b}, {@code contiguity_order} (1..maxOrder): every pair within
   *     {@code maxOrder} rook hops, once
   */
  public static Dataset<Row> orders(Dataset<Row> contiguity, int maxOrder) {
    if (maxOrder < 1) {
      throw new IllegalArgumentException("maxOrder must be >= 1: " + maxOrder);
    }
    Dataset<Row> rook =
        contiguity
            .filter(col("relation").equalTo("rook"))
            .select(col("adcode_a").as("src"), col("adcode_b").as("dst"));
    Dataset<Row> edges =
        PlanCut.of(rook.union(rook.select(col("dst").as("src"), col("src").as("dst"))).distinct());
    Dataset<Row> step = edges.select(col("src").as("dst"), col("dst").as("next"));
    Dataset<Row> before = null;
    Dataset<Row> last = edges;
    Dataset<Row> found = edges.withColumn("contiguity_order", lit(1));
    for (int k = 2; k <= maxOrder; k++) {
      Dataset<Row> next =
          last.join(step, "dst")
              .select(col("src"), col("next").as("dst"))
              .filter(col("src").notEqual(col("dst")))
              .distinct()
              .join(last, new String[] {"src", "dst"}, "left_anti");
      if (before != null) {
        next = next.join(before, new String[] {"src", "dst"}, "left_anti");
      }
      PlanCut.Cut cut = PlanCut.counted(next);
      if (cut.count() == 0) {
        break;
      }
      next = cut.rows();
      found = found.unionByName(next.withColumn("contiguity_order", lit(k)));
      before = last;
      last = next;
    }
    return found
        .filter(col("src").lt(col("dst")))
        .select(col("src").as("adcode_a"), col("dst").as("adcode_b"), col("contiguity_order"));
  }
}
