/**
 * OpenTelemetry integration: {@link dev.fanout.opentelemetry.OpenTelemetryContextPropagator}
 * carries the current {@code Context}, and so the active span, into every task of every {@link
 * dev.fanout.TaskGroup} once {@code fanout-opentelemetry} is on the class path.
 */
package dev.fanout.opentelemetry;
