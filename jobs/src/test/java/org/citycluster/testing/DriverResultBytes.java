package org.citycluster.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * What the driver received from tasks, per Spark job group: the serialised task results ({@code
 * resultSize} of every finished task, bytes) summed per job. A {@code collect()} of n rows shows up
 * as a job whose result bytes grow with n; a count, an aggregate or a write returns a few KB per
 * task whatever the rows. Register with {@link #attach}, read after {@link #settle}.
 */
public final class DriverResultBytes extends SparkListener {

  private final String group;
  private final Map<Integer, Integer> jobOfStage = new ConcurrentHashMap<>();
  private final Map<Integer, Long> bytesOfJob = new ConcurrentHashMap<>();
  private final Map<Integer, Long> tasksOfJob = new ConcurrentHashMap<>();
  private final Map<Integer, String> siteOfJob = new ConcurrentHashMap<>();

  private DriverResultBytes(String group) {
    this.group = group;
  }

  /** A listener counting the jobs of {@code jobGroup}, registered on {@code sc}. */
  public static DriverResultBytes attach(SparkContext sc, String jobGroup) {
    DriverResultBytes l = new DriverResultBytes(jobGroup);
    sc.addSparkListener(l);
    return l;
  }

  /**
   * Runs {@code work} with Spark's automatic broadcast joins switched off (static and adaptive
   * thresholds −1), restoring the settings after. Automatic broadcasts are capped by those
   * thresholds (10 MB by default) whatever the input, so they say nothing about the code; with them
   * off, what still reaches the driver is what the code asks for: collects, explicit broadcasts,
   * aggregates.
   */
  public static void withoutAutoBroadcast(org.apache.spark.sql.SparkSession spark, Runnable work) {
    String[] keys = {
      "spark.sql.autoBroadcastJoinThreshold", "spark.sql.adaptive.autoBroadcastJoinThreshold"
    };
    String[] before = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      before[i] = spark.conf().get(keys[i], null);
      spark.conf().set(keys[i], "-1");
    }
    try {
      work.run();
    } finally {
      for (int i = 0; i < keys.length; i++) {
        if (before[i] == null) {
          spark.conf().unset(keys[i]);
        } else {
          spark.conf().set(keys[i], before[i]);
        }
      }
    }
  }

  /** Waits until the listener has seen every event posted so far, then unregisters it. */
  public void settle(SparkContext sc) {
    try {
      sc.listenerBus().waitUntilEmpty(60_000);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Spark's listener bus did not drain in 60 s", e);
    } finally {
      sc.removeSparkListener(this);
    }
  }

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    String g =
        start.properties() == null ? null : start.properties().getProperty("spark.jobGroup.id");
    if (group.equals(g)) {
      bytesOfJob.putIfAbsent(start.jobId(), 0L);
      tasksOfJob.putIfAbsent(start.jobId(), 0L);
      siteOfJob.put(start.jobId(), site(start));
      scala.collection.Iterator<Object> it = start.stageIds().iterator();
      while (it.hasNext()) {
        jobOfStage.put((Integer) it.next(), start.jobId());
      }
    }
  }

  /** The job's last stage name and the first frame of citycluster code that started it. */
  private static String site(SparkListenerJobStart start) {
    String name = "?";
    String ours = "";
    scala.collection.Iterator<org.apache.spark.scheduler.StageInfo> it =
        start.stageInfos().iterator();
    while (it.hasNext()) {
      org.apache.spark.scheduler.StageInfo s = it.next();
      name = s.name();
      for (String line : s.details().split("\n")) {
        if (line.contains("org.citycluster") && ours.isEmpty()) {
          ours = line.trim();
        }
      }
    }
    return name + (ours.isEmpty() ? "" : " from " + ours);
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    Integer job = jobOfStage.get(end.stageId());
    if (job != null && end.taskMetrics() != null) {
      bytesOfJob.merge(job, end.taskMetrics().resultSize(), Long::sum);
      tasksOfJob.merge(job, 1L, Long::sum);
    }
  }

  /** Jobs of the group seen. */
  public int jobs() {
    return bytesOfJob.size();
  }

  /** The largest result bytes one job of the group sent to the driver. */
  public long maxJobBytes() {
    return bytesOfJob.values().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  /**
   * The result bytes all jobs of the group sent to the driver, leaving out the jobs whose call site
   * (as in {@link #toString}) contains {@code site} (a known collect that another change removes).
   * Most of a task result is its metric updates, a few to tens of KB a task whatever the rows; two
   * runs of the same code over inputs of different sizes, with the same tasks, differ in this total
   * by what the code collects.
   */
  public long totalBytesExcept(String site) {
    return bytesOfJob.entrySet().stream()
        .filter(e -> !String.valueOf(siteOfJob.get(e.getKey())).contains(site))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** The largest result bytes per task of one job (the fixed overhead of a task result). */
  public double maxBytesPerTask() {
    double max = 0;
    for (var e : bytesOfJob.entrySet()) {
      long tasks = tasksOfJob.getOrDefault(e.getKey(), 0L);
      if (tasks > 0) {
        max = Math.max(max, (double) e.getValue() / tasks);
      }
    }
    return max;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("job group " + group + ": result bytes (tasks) per job:");
    new java.util.TreeMap<>(bytesOfJob)
        .forEach(
            (job, bytes) ->
                b.append(' ')
                    .append(job)
                    .append('=')
                    .append(bytes)
                    .append(" (")
                    .append(tasksOfJob.get(job))
                    .append(", ")
                    .append(siteOfJob.get(job))
                    .append(')'));
    return b.toString();
  }
}
