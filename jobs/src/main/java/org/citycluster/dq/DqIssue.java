package org.citycluster.dq;

import java.io.Serializable;

/**
 * One row of the {@code dq_issues} table: an input record that was rejected, repaired, defaulted or
 * left unmatched, and what the pipeline did about it. Nothing is dropped without one.
 *
 * @param source the input file (relative to the data root) or stage that found the problem
 * @param recordId the row ("line 12"), feature id or key of the record
 * @param field the field concerned, or null for the whole record
 * @param problem what is wrong, in words
 * @param action what was done: {@code repaired}, {@code quarantined}, {@code fallback}, {@code
 *     unmatched}, {@code excluded}, {@code defaulted}, {@code reported}
 * @param value the offending value as text, or null
 */
public record DqIssue(
    String source, String recordId, String field, String problem, String action, String value)
    implements Serializable {}
