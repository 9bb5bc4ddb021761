/**
 * Structured fan-out: {@link dev.fanout.TaskGroup}, a scope whose child tasks never outlive it,
 * with its strategies ({@code all}, {@code race}, {@code any}, {@code first(n)}, completion
 * order), a lazy concurrency limit, cancellation, timeouts and deadlines; {@link
 * dev.fanout.Subtask}, the handle of one child; and the exceptions through which no failure is
 * ever lost ({@link dev.fanout.TaskGroupException}, {@link dev.fanout.TaskGroupTimeoutException},
 * {@link dev.fanout.StructureViolationException}).
 *
 * <p>Extension points live beside it: {@link dev.fanout.context} carries thread-bound context
 * into children, {@link dev.fanout.observe} follows groups for logs, metrics and traces.
 */
package dev.fanout;
