package org.citycluster.metrics;

/** Ordinary least squares by Householder QR (package-private helper). */
final class LeastSquares {

  private LeastSquares() {}

  /**
   * Solves {@code min ||X b - y||²} for a full-column-rank design {@code x} (rows = observations).
   * Throws IllegalArgumentException naming {@code design} if a column is (numerically) a linear
   * combination of the others.
   */
  static double[] solve(double[][] x, double[] y) {
    int n = x.length;
    int p = x[0].length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = x[i].clone();
    }
    double[] b = y.clone();
    double[] diag = new double[p];
    for (int k = 0; k < p; k++) {
      double colNorm = 0;
      for (int i = 0; i < n; i++) {
        colNorm = Math.hypot(colNorm, x[i][k]);
      }
      double norm = 0;
      for (int i = k; i < n; i++) {
        norm = Math.hypot(norm, a[i][k]);
      }
      if (norm <= 1e-10 * Math.max(colNorm, Double.MIN_NORMAL)) {
        throw new IllegalArgumentException(
            "design: column " + k + " is collinear with the others (rank deficient)");
      }
      if (a[k][k] < 0) {
        norm = -norm;
      }
      for (int i = k; i < n; i++) {
        a[i][k] /= norm;
      }
      a[k][k] += 1.0;
      for (int j = k + 1; j < p; j++) {
        double s = 0;
        for (int i = k; i < n; i++) {
          s += a[i][k] * a[i][j];
        }
        s = -s / a[k][k];
        for (int i = k; i < n; i++) {
          a[i][j] += s * a[i][k];
        }
      }
      double s = 0;
      for (int i = k; i < n; i++) {
        s += a[i][k] * b[i];
      }
      s = -s / a[k][k];
      for (int i = k; i < n; i++) {
        b[i] += s * a[i][k];
      }
      diag[k] = -norm;
    }
    double[] coef = new double[p];
    for (int k = p - 1; k >= 0; k--) {
      double s = b[k];
      for (int j = k + 1; j < p; j++) {
        s -= a[k][j] * coef[j];
      }
      coef[k] = s / diag[k];
    }
    return coef;
  }
}
