package org.citycluster.jobs;

import java.util.Map;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.api.java.UDF2;
import org.citycluster.adjacency.ContiguityOrder;

/**
 * {@code contiguity_order} of a pair of units by their adcodes ({@link ContiguityOrder}: rook hops,
 * null beyond the maximum). The rook graph is broadcast; each Spark task deserialises this function
 * afresh and keeps the last breadth-first search, so pairs sorted by {@code adcode_a} within a
 * partition cost one search per unit.
 */
final class ContiguityOrderFunction implements UDF2<String, String, Integer> {

  private final Broadcast<Map<String, String[]>> rookNeighbours;
  private final int maxOrder;
  private transient ContiguityOrder order;

  ContiguityOrderFunction(Broadcast<Map<String, String[]>> rookNeighbours, int maxOrder) {
    this.rookNeighbours = rookNeighbours;
    this.maxOrder = maxOrder;
  }

  @Override
  public Integer call(String adcodeA, String adcodeB) {
    if (order == null) {
      order = new ContiguityOrder(rookNeighbours.value(), maxOrder);
    }
    return order.hops(adcodeA, adcodeB);
  }
}
