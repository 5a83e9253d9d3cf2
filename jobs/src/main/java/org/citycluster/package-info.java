/**
 * citycluster: adjacency versus functional linkage of China's city clusters.
 *
 * <p>Packages {@code geo}, {@code metrics}, {@code stats} and {@code plan} hold plain-Java logic
 * with no Spark dependency; {@code spark} and {@code jobs} are the thin Spark layer over them.
 */
package org.citycluster;
