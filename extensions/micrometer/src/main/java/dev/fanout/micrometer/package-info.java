/**
 * Micrometer metrics for task groups: bind a {@link dev.fanout.micrometer.FanoutMetrics} to a
 * {@code MeterRegistry} (Spring Boot does it for a bean) and every group's duration, task outcomes
 * and timeouts are recorded as it closes.
 */
package dev.fanout.micrometer;
