package dev.fanout.micrometer;

import dev.fanout.observe.GroupInfo;
import dev.fanout.observe.GroupObserver;
import dev.fanout.observe.GroupSummary;
import dev.fanout.observe.TaskGroupListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The listener behind {@link FanoutMetrics}: follows each group it is told of with a {@link
 * GroupEndRecorder}, and records its summary into one registry when it closes.
 *
 * <p>Meters are looked up at each close ({@code register} returns the existing meter); there is no
 * cache to grow with the number of group names.
 */
final class GroupMetrics implements TaskGroupListener {
  private final MeterRegistry registry;

  /**
   * Set once by {@link FanoutMetrics#close()} (any thread); read at each group's open and close
   * (owner threads). Volatile so that no group records after close() has returned.
   */
  private volatile boolean stopped;

  GroupMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  MeterRegistry registry() {
    return registry;
  }

  @Override
  public GroupObserver opened(GroupInfo group) {
    return stopped ? null : new GroupEndRecorder(this, FanoutMetrics.groupTag(group));
  }

  /** Records how the group tagged {@code group} ended; called on its owner thread, once. */
  void record(String group, GroupSummary summary) {
    if (stopped) {
      return;
    }
    String wait = summary.lastWait() == null ? "none" : summary.lastWait();
    Timer.builder(FanoutMetrics.GROUP_DURATION)
        .description("How long task groups were open, from open to the end of close")
        .tags("group", group, "wait", wait)
        .register(registry)
        .record(summary.duration());
    tasks(group, "succeeded").increment(summary.succeeded());
    tasks(group, "failed").increment(summary.failed());
    tasks(group, "cancelled").increment(summary.cancelled());
    Counter timeouts =
        Counter.builder(FanoutMetrics.GROUP_TIMEOUTS)
            .description("Task groups cancelled because a timeout or deadline elapsed")
            .tag("group", group)
            .register(registry);
    if (summary.timedOut()) {
      timeouts.increment();
    }
  }

  private Counter tasks(String group, String outcome) {
    return Counter.builder(FanoutMetrics.GROUP_TASKS)
        .description("Tasks of closed task groups, by how they ended")
        .baseUnit("tasks")
        .tags("group", group, "outcome", outcome)
        .register(registry);
  }

  /** Makes groups opened from now on unobserved, and those still open record nothing. */
  void stop() {
    stopped = true;
  }

  @Override
  public String toString() {
    return "FanoutMetrics listener[" + registry + (stopped ? ", stopped" : "") + "]";
  }
}
