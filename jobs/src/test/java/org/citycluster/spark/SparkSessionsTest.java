package org.citycluster.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** spark-submit's {@code --conf} (a driver system property) wins over {@code conf/}'s option. */
class SparkSessionsTest {

  @Test
  void theOptionAppliesWhenSparkSubmitGaveNothing() {
    assertEquals(4, SparkSessions.shufflePartitions(4, new Properties()));
  }

  @Test
  void sparkSubmitsConfWinsOverTheOption() {
    Properties system = new Properties();
    system.setProperty("spark.sql.shuffle.partitions", " 64 ");
    assertEquals(64, SparkSessions.shufflePartitions(4, system));
  }

  @Test
  void aBadSubmittedValueIsNamed() {
    Properties system = new Properties();
    system.setProperty("spark.sql.shuffle.partitions", "many");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SparkSessions.shufflePartitions(4, system));
    assertTrue(e.getMessage().contains("spark.sql.shuffle.partitions"), e.getMessage());
    assertTrue(e.getMessage().contains("many"), e.getMessage());
  }
}
