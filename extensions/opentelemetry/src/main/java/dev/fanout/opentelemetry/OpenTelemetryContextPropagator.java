package dev.fanout.opentelemetry;

import dev.fanout.context.ContextPropagator;
import dev.fanout.internal.RequiredLibrary;
import io.opentelemetry.context.Context;

/**
 * Carries OpenTelemetry's current {@link Context} (the active span, baggage, and any {@code
 * ContextKey} value) from the thread that spawns a task to the thread that runs it, so that a span
 * started in a task is a child of the span that was current where the task was spawned, and the
 * trace of a fan-out is one tree instead of a root span per task.
 *
 * <p>Nothing to call: with {@code fanout-opentelemetry} on the class path (or module path) this
 * propagator is found through {@code META-INF/services/dev.fanout.context.ContextPropagator} and
 * applies to every {@link dev.fanout.TaskGroup}, including the groups opened by code generated
 * for {@code @FanOut} methods. It needs only the API: without an SDK, contexts still propagate and
 * spans are no-ops.
 *
 * <p>The contract, per task: the task runs with the context that was current on the spawning
 * thread at {@code spawn} ({@link Context#current()}, the root context if none), made current with
 * {@link Context#makeCurrent()}; afterwards that scope is closed, which puts back the thread's own
 * context. This is what OpenTelemetry's own {@link Context#wrap(Runnable)} does, and it has the
 * same rule: a task must close every scope it opens (try-with-resources). If a task leaves one
 * open, OpenTelemetry's context storage ignores the out-of-order close (it logs that at {@code
 * FINE}) and the thread keeps the task's context afterwards instead of getting its own back. (The
 * next task on a reused thread still sees its own spawner's context: installing replaces whatever
 * is current.)
 *
 * <p>Thread-safe and stateless: one instance serves every group of the JVM. A public no-argument
 * constructor is what {@link java.util.ServiceLoader} needs; registering an instance by hand as
 * well is harmless but redundant.
 */
public final class OpenTelemetryContextPropagator implements ContextPropagator {

  /**
   * Creates the propagator; {@link java.util.ServiceLoader} does this when the jar is present.
   *
   * @throws IllegalStateException if the OpenTelemetry API is not on the class path: it is a
   *     provided dependency, and failing here fails Fanout's discovery with this message at the
   *     first group opened, rather than every {@code spawn} with a {@code NoClassDefFoundError}
   */
  public OpenTelemetryContextPropagator() {
    RequiredLibrary.check(
        OpenTelemetryContextPropagator.class,
        "io.opentelemetry.context.Context",
        "the OpenTelemetry API (io.opentelemetry:opentelemetry-api)",
        "fanout-opentelemetry");
  }

  /** Takes the calling thread's current context; contexts are immutable, so no copy is needed. */
  @Override
  public Snapshot capture() {
    Context captured = Context.current();
    return () -> captured.makeCurrent()::close;
  }

  @Override
  public String name() {
    return "OpenTelemetry Context";
  }

  @Override
  public String toString() {
    return "OpenTelemetryContextPropagator";
  }
}
