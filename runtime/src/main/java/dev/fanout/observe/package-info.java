/**
 * Observability: {@link dev.fanout.observe.TaskGroupListener} follows groups and their tasks as
 * they open, spawn, start, settle, cancel and close. Fanout also records JDK Flight Recorder events
 * ({@code dev.fanout.TaskGroup}, and {@code dev.fanout.Task} when enabled) with no listener at all.
 */
package dev.fanout.observe;
