package dev.fanout.contextpropagation;

import dev.fanout.context.ContextPropagator;
import dev.fanout.internal.RequiredLibrary;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.ThreadLocalAccessor;

/**
 * Carries every thread-local registered in Micrometer's {@link ContextRegistry} from the thread
 * that spawns a task to the thread that runs it. Micrometer Observation and Tracing, Reactor and
 * Spring share that registry: each registers a {@link ThreadLocalAccessor} there for the state it
 * keeps in a thread-local (the current observation, a security context...), so this one bridge
 * carries all of them, and whatever a library registers later too.
 *
 * <p>Nothing to call: with {@code fanout-context-propagation} on the class path (or module path)
 * this propagator is found through {@code META-INF/services/dev.fanout.context.ContextPropagator}
 * and applies to every {@link dev.fanout.TaskGroup}, with {@link ContextRegistry#getInstance()}.
 *
 * <p>The contract, per task:
 *
 * <ul>
 *   <li>at {@code spawn}, the values of every registered accessor are captured on the spawning
 *       thread ({@link ContextSnapshotFactory#captureAll});
 *   <li>on the task's thread, they are set ({@link ContextSnapshot#setThreadLocals()}), and every
 *       registered thread-local the spawner had no value for is cleared: the snapshot factory is
 *       built with {@code clearMissing(true)}, so a task never sees a value the thread held
 *       before (a reused thread's, or its own);
 *   <li>after the task, the returned scope puts back what the thread held before, through each
 *       accessor's {@code restore}.
 * </ul>
 *
 * <h2>Alongside the other Fanout propagators</h2>
 *
 * If a thread-local is carried both by this bridge and by a dedicated propagator ({@code
 * fanout-slf4j}'s MDC when an {@code Slf4jThreadLocalAccessor} is registered, say), both capture
 * the same value and the task sees it; scopes are closed in the reverse order of installs, so the
 * thread's own value is restored correctly. The overlap costs a little time, nothing else.
 *
 * <p>Thread-safe: one instance serves every group of the JVM. The registry's accessor list is read
 * at each capture and install, so accessors registered after this propagator was created apply.
 */
public final class MicrometerContextPropagator implements ContextPropagator {
  /*
   * No public constructor takes a ContextRegistry, on purpose: ServiceLoader resolves the parameter
   * types of every public constructor before calling the no-argument one, so such a constructor
   * would turn a missing library into an opaque "Unable to get public no-arg constructor" instead
   * of the message naming the missing library.
   */

  private final ContextSnapshotFactory snapshots;

  /**
   * Bridges to the global {@link ContextRegistry#getInstance()}; {@link java.util.ServiceLoader}
   * does this when the jar is present.
   *
   * @throws IllegalStateException if io.micrometer:context-propagation is not on the class path:
   *     it is a provided dependency, and failing here fails Fanout's discovery with this message at
   *     the first group opened
   */
  public MicrometerContextPropagator() {
    RequiredLibrary.check(
        MicrometerContextPropagator.class,
        "io.micrometer.context.ContextRegistry",
        "Micrometer context-propagation (io.micrometer:context-propagation)",
        "fanout-context-propagation");
    this.snapshots =
        ContextSnapshotFactory.builder()
            .contextRegistry(ContextRegistry.getInstance())
            .clearMissing(true)
            .build();
  }

  /** Captures the value of every registered accessor on the calling thread. */
  @Override
  public Snapshot capture() {
    ContextSnapshot captured = snapshots.captureAll();
    return () -> captured.setThreadLocals()::close;
  }

  @Override
  public String name() {
    return "Micrometer ContextRegistry";
  }

  @Override
  public String toString() {
    return "MicrometerContextPropagator";
  }
}
