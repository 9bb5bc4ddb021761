package dev.fanout.slf4j;

import dev.fanout.context.ContextPropagator;
import dev.fanout.internal.RequiredLibrary;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Carries SLF4J's {@link MDC} from the thread that spawns a task to the thread that runs it, so
 * that a request id or a tenant put in the MDC before a fan-out is on every log line the tasks
 * write.
 *
 * <p>Nothing to call: with {@code fanout-slf4j} on the class path (or module path) this propagator
 * is found through {@code META-INF/services/dev.fanout.context.ContextPropagator} and applies to
 * every {@link dev.fanout.TaskGroup}, including the groups opened by code generated for
 * {@code @FanOut} methods. Logging frameworks cannot do this themselves: Logback's MDC is a plain
 * thread-local, so a child thread starts with an empty one, and a reused thread keeps whatever the
 * previous task left.
 *
 * <p>The contract, per task:
 *
 * <ul>
 *   <li>the task sees a copy of the context map the spawning thread had at {@code spawn}, not at
 *       some later time, and changes it makes are its own (the spawner's map is not touched);
 *   <li>a task spawned while the spawner's MDC was empty sees an empty MDC, also on a reused
 *       thread or under a backend whose MDC new threads inherit (SLF4J's {@code BasicMDCAdapter});
 *   <li>after the task, the thread's own context map is put back, whatever the task put in or took
 *       out.
 * </ul>
 *
 * Only the key/value context map is carried ({@link MDC#getCopyOfContextMap()}); SLF4J 2's
 * per-key stacks ({@link MDC#pushByKey}) are not, as {@code getCopyOfContextMap} does not expose
 * them. Without an SLF4J provider, or with one whose MDC is a no-op (slf4j-simple's), so is this
 * propagator.
 *
 * <p>Thread-safe and stateless: one instance serves every group of the JVM. A public no-argument
 * constructor is what {@link java.util.ServiceLoader} needs; registering an instance by hand as
 * well ({@code TaskGroup.builder().propagate(new MdcPropagator())}) is harmless but redundant.
 */
public final class MdcPropagator implements ContextPropagator {

  /**
   * Creates the propagator; {@link java.util.ServiceLoader} does this when the jar is present.
   *
   * @throws IllegalStateException if SLF4J is not on the class path: SLF4J is a provided
   *     dependency, and failing here fails Fanout's discovery with this message at the first group
   *     opened, rather than every {@code spawn} with a {@code NoClassDefFoundError}
   */
  public MdcPropagator() {
    RequiredLibrary.check(
        MdcPropagator.class, "org.slf4j.MDC", "SLF4J (org.slf4j:slf4j-api)", "fanout-slf4j");
  }

  /**
   * Takes a copy of the calling thread's MDC context map; {@code null} (no MDC, or no provider) is
   * a valid snapshot, installed as an empty MDC.
   */
  @Override
  public Snapshot capture() {
    Map<String, String> captured = MDC.getCopyOfContextMap();
    return () -> {
      Map<String, String> previous = MDC.getCopyOfContextMap();
      setContextMap(captured);
      return () -> setContextMap(previous);
    };
  }

  /**
   * Makes {@code map} the calling thread's whole MDC. {@code setContextMap} copies its argument
   * (the {@link org.slf4j.spi.MDCAdapter} contract), so a captured map installed here is never
   * shared between threads.
   */
  private static void setContextMap(Map<String, String> map) {
    if (map == null || map.isEmpty()) {
      MDC.clear();
    } else {
      MDC.setContextMap(map);
    }
  }

  @Override
  public String name() {
    return "SLF4J MDC";
  }

  @Override
  public String toString() {
    return "MdcPropagator";
  }
}
