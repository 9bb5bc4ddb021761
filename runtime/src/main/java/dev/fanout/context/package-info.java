/**
 * Context propagation: how thread-bound context (thread-locals, SLF4J's MDC, OpenTelemetry's
 * current context) reaches the threads of a {@link dev.fanout.TaskGroup}'s children.
 *
 * <p>{@link dev.fanout.context.ContextPropagator} is the SPI; {@link
 * dev.fanout.context.ContextPropagators} registers propagators for every group and makes one for
 * any {@code ThreadLocal}.
 */
package dev.fanout.context;
