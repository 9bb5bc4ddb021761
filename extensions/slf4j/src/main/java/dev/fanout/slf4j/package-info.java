/**
 * SLF4J integration: {@link dev.fanout.slf4j.MdcPropagator} carries the MDC into every task of
 * every {@link dev.fanout.TaskGroup} once {@code fanout-slf4j} is on the class path.
 */
package dev.fanout.slf4j;
