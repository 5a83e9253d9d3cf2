package org.citycluster.synthetic;

/**
 * What a {@link SyntheticDataset} plants beyond the tiling, validated on construction ({@link
 * IllegalArgumentException} naming the option and its {@code citycluster synthetic} flag). {@link
 * #defaults()} is the generator as it was before these options existed: with it the same {@code (n,
 * seed, mismatchedEdges)} writes the same bytes as ever, and no truth file.
 *
 * @param stationEvery a station in every k-th cell ({@code --stations-every}); 0 (default) = the
 *     original rule, every 20th cell from 40 units on, else every cell. Stations = {@code max(1, n
 *     / k)}, base trains = {@code max(1, stations / 2)} of 6 stops each, so both stay proportional
 *     to n.
 * @param clusters the cluster layout ({@code --clusters}): {@link ClusterLayout.Blocks} (default)
 *     or {@link ClusterLayout.Random}
 * @param plantedClusters k ({@code --plant}): the first k clusters ({@code syn0..syn<k-1>}) get
 *     extra trains among their own units; 0 (default) = none
 * @param plantedTrainsPerMember t ({@code --plant-trains}, default 1): a planted cluster with m
 *     station cells gets {@code round(t·m)} extra trains (none when m &lt; 2); used only when
 *     {@code plantedClusters > 0}
 * @param regionSide s ({@code --region-side}): the base trains' walks stay inside square regions of
 *     s×s cells; 0 (default) = off
 * @param trainsPerStation base trains per station ({@code --trains-per-station}); 0 (default) = the
 *     original {@code max(1, stations / 2)}, else {@code max(1, round(stations · t))}
 */
public record SyntheticOptions(
    int stationEvery,
    ClusterLayout clusters,
    int plantedClusters,
    double plantedTrainsPerMember,
    int regionSide,
    double trainsPerStation) {

  /** Today's generator: original station rule, 5×5 blocks, nothing planted, no regions. */
  public static SyntheticOptions defaults() {
    return new SyntheticOptions(0, new ClusterLayout.Blocks(), 0, 1.0, 0, 0);
  }

  public SyntheticOptions {
    if (stationEvery < 0) {
      throw new IllegalArgumentException(
          "stationEvery (--stations-every) must be >= 1 (or 0 for the default rule), got "
              + stationEvery);
    }
    if (clusters == null) {
      throw new IllegalArgumentException("clusters (--clusters) must not be null");
    }
    if (plantedClusters < 0) {
      throw new IllegalArgumentException(
          "plantedClusters (--plant) must be >= 0, got " + plantedClusters);
    }
    if (clusters instanceof ClusterLayout.Random r && plantedClusters > r.count()) {
      throw new IllegalArgumentException(
          "plantedClusters (--plant) must be <= the "
              + r.count()
              + " clusters of the layout, got "
              + plantedClusters);
    }
    if (!(plantedTrainsPerMember >= 0) || Double.isInfinite(plantedTrainsPerMember)) {
      throw new IllegalArgumentException(
          "plantedTrainsPerMember (--plant-trains) must be a finite number >= 0, got "
              + plantedTrainsPerMember);
    }
    if (regionSide < 0) {
      throw new IllegalArgumentException(
          "regionSide (--region-side) must be >= 1 (or 0 for no regions), got " + regionSide);
    }
    if (!(trainsPerStation >= 0 && trainsPerStation <= 100)) {
      throw new IllegalArgumentException(
          "trainsPerStation (--trains-per-station) must be in 0..100 (0 for the default rule), got "
              + trainsPerStation);
    }
  }

  /** The number of base trains for {@code stations} stations. */
  public int baseTrains(int stations) {
    return trainsPerStation > 0
        ? (int) Math.max(1, Math.round(stations * trainsPerStation))
        : Math.max(1, stations / 2);
  }

  /** True when these are the {@link #defaults()} (then no truth file is written). */
  public boolean isDefault() {
    return equals(defaults());
  }

  /** The station spacing for {@code n} units: {@link #stationEvery}, or the original rule. */
  public int stationEvery(int n) {
    return stationEvery > 0 ? stationEvery : n >= 40 ? 20 : 1;
  }

  public SyntheticOptions withStationEvery(int k) {
    return new SyntheticOptions(
        k, clusters, plantedClusters, plantedTrainsPerMember, regionSide, trainsPerStation);
  }

  public SyntheticOptions withClusters(ClusterLayout layout) {
    return new SyntheticOptions(
        stationEvery,
        layout,
        plantedClusters,
        plantedTrainsPerMember,
        regionSide,
        trainsPerStation);
  }

  public SyntheticOptions withPlanted(int k, double trainsPerMember) {
    return new SyntheticOptions(
        stationEvery, clusters, k, trainsPerMember, regionSide, trainsPerStation);
  }

  public SyntheticOptions withRegionSide(int s) {
    return new SyntheticOptions(
        stationEvery, clusters, plantedClusters, plantedTrainsPerMember, s, trainsPerStation);
  }

  public SyntheticOptions withTrainsPerStation(double t) {
    return new SyntheticOptions(
        stationEvery, clusters, plantedClusters, plantedTrainsPerMember, regionSide, t);
  }

  /** How the clusters of {@code stats/clusters.csv} are laid out on the grid. */
  public sealed interface ClusterLayout {

    /**
     * Up to 19 clusters of 5×5 neighbouring cells (smaller blocks on grids under 10 columns),
     * spread over the grid's blocks; the first cell (lowest row and column) is the core.
     */
    record Blocks() implements ClusterLayout {}

    /**
     * {@code count} disjoint random connected sets of cells ({@link RandomConnectedSets}), each of
     * a size drawn uniformly from {@code minSize..maxSize}; the seed cell is the core.
     */
    record Random(int count, int minSize, int maxSize) implements ClusterLayout {
      public Random {
        if (count < 1) {
          throw new IllegalArgumentException(
              "clusters (--clusters random:COUNT:MIN-MAX): COUNT must be >= 1, got " + count);
        }
        if (minSize < 1 || maxSize < minSize) {
          throw new IllegalArgumentException(
              "clusters (--clusters random:COUNT:MIN-MAX): need 1 <= MIN <= MAX, got "
                  + minSize
                  + "-"
                  + maxSize);
        }
      }
    }

    /**
     * A benchmark plan that scales with {@code n}: 19 random clusters (as many as the real plans)
     * of {@code max(1, n/120)} to {@code max(1, n/36)} cells, so they cover about a third of the
     * units (19 × n/55 on average) and the largest holds 2.8% of them.
     */
    static Random scaled(int n) {
      int min = Math.max(1, n / 120);
      return new Random(19, min, Math.max(min, n / 36));
    }

    /**
     * Parses {@code blocks}, {@code scaled} (for {@code n} units, {@link #scaled}) or {@code
     * random:COUNT:MIN-MAX}.
     */
    static ClusterLayout parse(String spec, int n) {
      if (spec.equals("blocks")) {
        return new Blocks();
      }
      if (spec.equals("scaled")) {
        return scaled(n);
      }
      String[] parts = spec.split(":", -1);
      String[] range = parts.length == 3 ? parts[2].split("-", -1) : new String[0];
      if (!parts[0].equals("random") || range.length != 2) {
        throw new IllegalArgumentException(
            "clusters (--clusters): expected blocks, scaled or random:COUNT:MIN-MAX, got '"
                + spec
                + "'");
      }
      try {
        return new Random(
            Integer.parseInt(parts[1]), Integer.parseInt(range[0]), Integer.parseInt(range[1]));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "clusters (--clusters): COUNT, MIN and MAX must be integers, got '" + spec + "'");
      }
    }
  }
}
