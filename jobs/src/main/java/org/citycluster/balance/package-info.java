/**
 * Plain-Java (Spark-free) regional-balance measures of issue #15: do the planned city clusters
 * narrow or widen the inequality of GDP per capita, and do their cores grow at their members'
 * expense.
 *
 * <ul>
 *   <li>{@link org.citycluster.balance.Inequality}: Theil T and Theil L of GDP per capita with
 *       their exact between/within decomposition for a grouping, and the population-weighted
 *       coefficient of variation;
 *   <li>{@link org.citycluster.balance.Convergence}: σ-convergence (the change of a dispersion) and
 *       β-convergence (OLS of annualised log growth on the log initial level);
 *   <li>{@link org.citycluster.balance.Growth}: annualised growth and the median.
 * </ul>
 *
 * <p>Inputs are plain arrays indexed by unit; callers pass them in a fixed order (sorted by adcode)
 * so that every sum, and therefore every published figure, is reproducible bit for bit. Every
 * public method validates its input and throws {@link java.lang.IllegalArgumentException} naming
 * the offending argument. Definitions and the worked example follow {@code METRICS.md} ("Regional
 * balance") in the shared project notes.
 */
package org.citycluster.balance;
