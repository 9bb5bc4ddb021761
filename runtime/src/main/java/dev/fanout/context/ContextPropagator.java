package dev.fanout.context;

/**
 * Carries one kind of thread-bound context (a {@code ThreadLocal}, SLF4J's {@code MDC}, the current
 * OpenTelemetry {@code Context}, a security context...) from the thread that spawns a task to the
 * thread that runs it.
 *
 * <p>The protocol has three steps, each a functional interface so that a propagator is a few
 * lambdas:
 *
 * <ol>
 *   <li>{@link #capture()} runs on the owner thread inside {@code TaskGroup.spawn}, and returns a
 *       {@link Snapshot} of what the task should see;
 *   <li>{@link Snapshot#install()} runs on the child thread just before the task, and returns a
 *       {@link Scope} that remembers what the thread held before;
 *   <li>{@link Scope#close()} runs on the same child thread right after the task, whether it
 *       returned, threw or was cancelled, and puts back what the thread held before. A reused
 *       platform thread therefore never keeps one task's context into the next.
 * </ol>
 *
 * With several propagators, snapshots are taken in registration order, installed in that order and
 * closed in the reverse order. A task that never starts (its group was cancelled while it was
 * queued) installs nothing.
 *
 * <h2>Failures</h2>
 *
 * A propagator must not lose the task's outcome, and Fanout does not lose the propagator's
 * failures: a {@code capture()} that throws fails that {@code spawn} with a {@link
 * ContextPropagationException} (nothing is spawned); an {@code install()} that throws fails the
 * task with one (the task does not run, and what was installed before it is closed); a {@code
 * close()} that throws fails the task with one, the task's own exception suppressed in it.
 *
 * <h2>Registering</h2>
 *
 * Per group with {@code TaskGroup.builder().propagate(propagator)}; for every group with {@link
 * ContextPropagators#register}; or, with no code at all, by naming the implementation in {@code
 * META-INF/services/dev.fanout.context.ContextPropagator} (or a {@code provides} clause), which is
 * how {@code fanout-slf4j}, {@code fanout-opentelemetry} and {@code fanout-context-propagation}
 * switch themselves on. Code generated for
 * {@code @FanOut} methods opens ordinary groups, so it gets every registered propagator.
 *
 * <p>Implementations must be thread-safe: one propagator serves every group of the JVM.
 */
@FunctionalInterface
public interface ContextPropagator {

  /**
   * Captures, on the spawning thread, what the task should see.
   *
   * @return the snapshot to install in the task's thread; never null
   */
  Snapshot capture();

  /**
   * A name for messages; the implementation's class name unless overridden.
   */
  default String name() {
    return getClass().getName();
  }

  /** What one {@code spawn} captured; installed once, on the task's thread. */
  @FunctionalInterface
  interface Snapshot {
    /**
     * Makes the captured context current on the calling thread.
     *
     * @return how to put back what the thread held before; never null
     */
    Scope install();
  }

  /** Undoes one {@link Snapshot#install()}, on the thread that installed it. */
  @FunctionalInterface
  interface Scope extends AutoCloseable {
    /** Restores what the thread held before the install. */
    @Override
    void close();
  }
}
