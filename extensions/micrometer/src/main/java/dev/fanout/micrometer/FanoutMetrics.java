package dev.fanout.micrometer;

import dev.fanout.Registration;
import dev.fanout.observe.GroupInfo;
import dev.fanout.observe.TaskGroupListener;
import dev.fanout.observe.TaskGroupListeners;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Records how every {@link dev.fanout.TaskGroup} ends into a Micrometer {@link MeterRegistry}: how
 * long it was open, how its tasks ended, whether it timed out.
 *
 * <pre>{@code
 * FanoutMetrics metrics = new FanoutMetrics();
 * metrics.bindTo(registry); // every group opened from now on is recorded
 * ...
 * metrics.close();          // and from now on none is
 * }</pre>
 *
 * With Spring Boot, declare it as a bean: Boot binds every {@link MeterBinder} bean to its
 * registry, and calls {@link #close()} on shutdown (it is {@link AutoCloseable}).
 *
 * <pre>
 * &#64;Bean
 * FanoutMetrics fanoutMetrics() {
 *   return new FanoutMetrics();
 * }
 * </pre>
 *
 * To record one group only, give it {@link #listener(MeterRegistry)}: {@code
 * TaskGroup.builder().name("checkout").listener(FanoutMetrics.listener(registry)).open()}.
 *
 * <h2>Meters</h2>
 *
 * Each is recorded once per group, when the group closes, and tagged {@code group} with the name
 * the group was given ({@code TaskGroup.builder().name(...)}, or the method name for code generated
 * for {@code @FanOut} methods), or {@value #UNNAMED} for a group given none: the generated names
 * ({@code g1}, {@code g2}...) are unique per group and would make a time series per group.
 *
 * <ul>
 *   <li>{@value #GROUP_DURATION}, a timer: from open to the end of close; extra tag {@code wait},
 *       the last wait the owner called ({@code all()}, {@code allSettled(timeout)}, {@code race()}
 *       ...) or {@code none}. Percentiles and histograms are left to the registry's configuration
 *       ({@code MeterFilter}, or Spring Boot's {@code management.metrics.distribution.*}).
 *   <li>{@value #GROUP_TASKS}, a counter of tasks by how they ended: extra tag {@code outcome},
 *       {@code succeeded}, {@code failed} or {@code cancelled}.
 *   <li>{@value #GROUP_TIMEOUTS}, a counter of groups cancelled because their timeout, their
 *       deadline or a wait's timeout elapsed.
 * </ul>
 *
 * Recording at close only keeps the cost off the tasks: a group pays one observer allocation at
 * open and a few registry look-ups at close, and no metrics code runs per task (the group still
 * calls the observer's empty per-task hooks).
 *
 * <h2>Not discovered</h2>
 *
 * Unlike Fanout's context propagators, this listener is not registered through {@code
 * META-INF/services}: it needs a registry, and which one (Spring's, a composite, a test's
 * {@code SimpleMeterRegistry}) is the application's choice. Nothing is recorded until {@link
 * #bindTo} is called.
 *
 * <p>Thread-safe: {@link #bindTo} and {@link #close()} may be called from any thread.
 */
public final class FanoutMetrics implements MeterBinder, AutoCloseable {
  /** The timer of how long groups were open: {@value}. */
  public static final String GROUP_DURATION = "fanout.group.duration";

  /** The counter of the tasks of closed groups, by outcome: {@value}. */
  public static final String GROUP_TASKS = "fanout.group.tasks";

  /** The counter of groups that timed out: {@value}. */
  public static final String GROUP_TIMEOUTS = "fanout.group.timeouts";

  /** The {@code group} tag of groups given no name: {@value}. */
  public static final String UNNAMED = "unnamed";

  private final Object lock = new Object();
  private final List<Binding> bindings = new ArrayList<>(); // guarded by lock
  private boolean closed; // guarded by lock

  /** Creates metrics bound to no registry yet; see {@link #bindTo}. */
  public FanoutMetrics() {}

  /**
   * Records every group opened from now on into {@code registry}, until {@link #close()}. Binding
   * a second registry records into both; binding the same one again has no further effect.
   *
   * @param registry where to record
   * @throws NullPointerException if {@code registry} is null
   * @throws IllegalStateException if this was closed, or a listener named in {@code
   *     META-INF/services/dev.fanout.observe.TaskGroupListener} cannot be loaded
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("bindTo() called after close()");
      }
      for (Binding binding : bindings) {
        if (binding.metrics.registry() == registry) {
          return;
        }
      }
      GroupMetrics metrics = new GroupMetrics(registry);
      bindings.add(new Binding(metrics, TaskGroupListeners.register(metrics)));
    }
  }

  /**
   * Stops recording: groups opened from now on are not observed, and groups still open when this
   * is called record nothing when they close. Idempotent. The meters already recorded stay in
   * their registries.
   */
  @Override
  public void close() {
    List<Binding> undo;
    synchronized (lock) {
      closed = true;
      undo = List.copyOf(bindings);
      bindings.clear();
    }
    for (Binding binding : undo) {
      binding.metrics.stop();
      binding.registration.close();
    }
  }

  /**
   * A listener that records the groups it is given into {@code registry}, for {@code
   * TaskGroup.builder().listener(...)}: the same meters as {@link #bindTo}, for one group (or the
   * groups of one builder) only. It is never stopped; a group that has it as well as a bound {@code
   * FanoutMetrics} on the same registry is counted twice.
   *
   * @param registry where to record
   * @return a listener for {@code TaskGroup.Builder.listener}
   * @throws NullPointerException if {@code registry} is null
   */
  public static TaskGroupListener listener(MeterRegistry registry) {
    return new GroupMetrics(Objects.requireNonNull(registry, "registry"));
  }

  /** The {@code group} tag for {@code group}; see the class comment. */
  static String groupTag(GroupInfo group) {
    return group.isNamed() ? group.name() : UNNAMED;
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "FanoutMetrics[bindings=" + bindings.size() + (closed ? ", closed" : "") + "]";
    }
  }

  /** One {@link #bindTo}: what records, and how to stop it being asked. */
  private record Binding(GroupMetrics metrics, Registration registration) {}
}
