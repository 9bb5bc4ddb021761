package dev.fanout;

import dev.fanout.observe.GroupInfo;
import dev.fanout.observe.GroupObserver;
import dev.fanout.observe.GroupSummary;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Timespan;

/**
 * Records a {@code dev.fanout.TaskGroup} event for each group (from open to close) and, when that
 * event type is enabled, a {@code dev.fanout.Task} event for each task that ran (from its start to
 * its settle, on its own thread).
 *
 * <p>The task event is disabled by default and, once enabled, has a 1 ms threshold by default, so
 * that a group of a million short tasks does not flood a recording; a recording can enable it with
 * any threshold ({@code jfr configure}, a {@code .jfc} file, or {@code
 * Recording.enable("dev.fanout.Task").withThreshold(...)}).
 *
 * <p>Cost: before any recording was ever started, {@link #open} is one static read; while a
 * recording runs without Fanout's events, one small allocation per group; with them, an event per
 * group, and one per task only if the task event is enabled.
 */
final class FlightRecorderObserver implements GroupObserver {
  private final GroupInfo group;
  private final GroupEvent groupEvent;
  private final boolean recordTasks;

  private FlightRecorderObserver(GroupInfo group, GroupEvent groupEvent, boolean recordTasks) {
    this.group = group;
    this.groupEvent = groupEvent;
    this.recordTasks = recordTasks;
  }

  /** Begins a group event if a recording wants one; otherwise returns null. */
  static GroupObserver open(GroupInfo group) {
    if (!FlightRecorder.isInitialized()) {
      return null; // no recording was ever started in this JVM
    }
    GroupEvent event = new GroupEvent();
    boolean recordTasks = new TaskEvent().isEnabled();
    if (!event.isEnabled() && !recordTasks) {
      return null;
    }
    event.begin();
    return new FlightRecorderObserver(group, event, recordTasks);
  }

  @Override
  public Object started(int index) {
    if (!recordTasks) {
      return null;
    }
    TaskEvent event = new TaskEvent();
    event.begin();
    return event;
  }

  @Override
  public void settled(int index, Subtask.State outcome, Throwable exception, Object startToken) {
    if (!(startToken instanceof TaskEvent)) {
      return; // not recorded, or never started
    }
    TaskEvent event = (TaskEvent) startToken;
    event.end();
    if (event.shouldCommit()) {
      event.group = group.name();
      event.index = index;
      event.outcome = outcome.name();
      event.exception = exception == null ? null : exception.getClass().getName();
      event.commit();
    }
  }

  @Override
  public void closed(GroupSummary summary) {
    GroupEvent event = groupEvent;
    event.end();
    if (event.shouldCommit()) {
      event.name = summary.name();
      GroupInfo parent = group.parent();
      event.parent = parent == null ? null : parent.name();
      event.owner = group.owner();
      event.concurrency = group.concurrency();
      event.lastWait = summary.lastWait();
      event.tasks = summary.tasks();
      event.succeeded = summary.succeeded();
      event.failed = summary.failed();
      event.cancelled = summary.cancelled();
      event.cancelReason = summary.cancelReason() == null ? null : summary.cancelReason().name();
      event.timedOut = summary.timedOut();
      event.timeout = summary.timeout() == null ? 0 : summary.timeout().toNanos();
      event.commit();
    }
  }

  @Name("dev.fanout.TaskGroup")
  @Label("Task Group")
  @Category("Fanout")
  @Description("A Fanout TaskGroup, from open to the end of close")
  @StackTrace(false)
  static final class GroupEvent extends Event {
    @Label("Name")
    String name;

    @Label("Parent Group")
    String parent;

    @Label("Owner")
    Thread owner;

    @Label("Concurrency")
    @Description("The concurrency limit, 0 if unbounded")
    int concurrency;

    @Label("Last Wait")
    @Description("The last wait the owner called: all(), race(), any()...")
    String lastWait;

    @Label("Tasks")
    int tasks;

    @Label("Succeeded")
    int succeeded;

    @Label("Failed")
    int failed;

    @Label("Cancelled")
    int cancelled;

    @Label("Cancel Reason")
    String cancelReason;

    @Label("Timed Out")
    boolean timedOut;

    @Label("Timeout")
    @Description("The timeout that elapsed, if the group timed out")
    @Timespan(Timespan.NANOSECONDS)
    long timeout;
  }

  @Name("dev.fanout.Task")
  @Label("Task")
  @Category("Fanout")
  @Description("One task of a Fanout TaskGroup, from its start to its settle, on its own thread")
  @Enabled(false)
  @Threshold("1 ms")
  @StackTrace(false)
  static final class TaskEvent extends Event {
    @Label("Group")
    String group;

    @Label("Index")
    int index;

    @Label("Outcome")
    String outcome;

    @Label("Exception")
    @Description("The class of what a failed or cancelled task threw")
    String exception;
  }
}
