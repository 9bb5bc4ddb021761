package dev.fanout.context;

import dev.fanout.Registration;
import dev.fanout.internal.Registry;
import java.util.List;
import java.util.Objects;

/**
 * The context propagators that apply to every {@link dev.fanout.TaskGroup}, and a propagator for
 * any {@code ThreadLocal}.
 *
 * <pre>{@code
 * static final ThreadLocal<String> TENANT = new ThreadLocal<>();
 * ...
 * ContextPropagators.register(ContextPropagators.threadLocal(TENANT)); // once, at start-up
 * }</pre>
 *
 * Every group opened afterwards, including those that code generated for {@code @FanOut} methods
 * opens, runs its tasks with the tenant of the thread that spawned them. Propagators named in
 * {@code META-INF/services/dev.fanout.context.ContextPropagator} (as {@code fanout-slf4j}, {@code
 * fanout-opentelemetry} and {@code fanout-context-propagation} do) apply without any call.
 */
public final class ContextPropagators {
  private static final Registry<ContextPropagator> REGISTRY =
      new Registry<>(ContextPropagator.class);

  private ContextPropagators() {}

  /**
   * Applies {@code propagator} to every group opened from now on, after the discovered ones and
   * those registered before.
   *
   * @return closes the registration (groups already open keep the propagator)
   */
  public static Registration register(ContextPropagator propagator) {
    return REGISTRY.register(propagator);
  }

  /**
   * The propagators a group opened now gets, in the order they capture and install: those
   * discovered with {@link java.util.ServiceLoader} (in class-name order), then those registered.
   *
   * @throws IllegalStateException if a discovered provider cannot be loaded
   */
  public static List<ContextPropagator> registered() {
    return REGISTRY.active();
  }

  /**
   * A propagator for {@code threadLocal}: the task sees the value the spawning thread had at {@code
   * spawn} (also {@code null}: no stale value from an earlier task on a reused thread), and the
   * thread's own value is put back afterwards. Unlike {@link InheritableThreadLocal}, this holds
   * for every kind of child thread and takes the value at each spawn, not when a thread is made.
   *
   * @param <T> the thread-local's type
   */
  public static <T> ContextPropagator threadLocal(ThreadLocal<T> threadLocal) {
    Objects.requireNonNull(threadLocal, "threadLocal");
    return new ContextPropagator() {
      @Override
      public Snapshot capture() {
        T captured = threadLocal.get();
        return () -> {
          T previous = threadLocal.get();
          set(threadLocal, captured);
          return () -> set(threadLocal, previous);
        };
      }

      @Override
      public String name() {
        return "ThreadLocal " + threadLocal;
      }

      @Override
      public String toString() {
        return "ContextPropagators.threadLocal(" + threadLocal + ")";
      }
    };
  }

  private static <T> void set(ThreadLocal<T> threadLocal, T value) {
    if (value == null) {
      threadLocal.remove(); // no entry left behind on a thread that had none
    } else {
      threadLocal.set(value);
    }
  }
}
