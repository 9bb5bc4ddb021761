package dev.fanout;

import dev.fanout.observe.GroupInfo;
import dev.fanout.observe.GroupObserver;
import dev.fanout.observe.GroupSummary;
import dev.fanout.observe.TaskGroupListener;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The observers of one group: those its listeners returned when it opened, and the Flight Recorder
 * events if a recording wants them. A group has an {@code Observation} only if at least one
 * observer follows it; otherwise its field is null and no hook costs more than that null check.
 *
 * <p>Each hook calls every observer in order. An observer that throws is logged (logger {@code
 * dev.fanout}, WARNING) and the group goes on: observing a group must not change what it does.
 * With several observers, {@link #started} returns their tokens in an array that {@link #settled}
 * hands back one by one.
 */
final class Observation {
  private static final System.Logger LOG = System.getLogger("dev.fanout");

  private final GroupObserver[] observers;
  private final GroupInfo group;
  private final long openedAt = System.nanoTime();

  private Observation(GroupObserver[] observers, GroupInfo group) {
    this.observers = observers;
    this.group = group;
  }

  /**
   * Asks the global listeners, then the group's own, then the Flight Recorder for observers of
   * {@code group}.
   *
   * @return null if nobody observes the group
   */
  static Observation open(
      GroupInfo group, List<TaskGroupListener> global, List<TaskGroupListener> own) {
    List<GroupObserver> found = ask(global, group, null);
    found = ask(own, group, found);
    GroupObserver recording = FlightRecording.observe(group);
    if (recording != null) {
      (found == null ? found = new ArrayList<>(1) : found).add(recording);
    }
    return found == null ? null : new Observation(found.toArray(new GroupObserver[0]), group);
  }

  private static List<GroupObserver> ask(
      List<TaskGroupListener> listeners, GroupInfo group, List<GroupObserver> found) {
    for (int i = 0, n = listeners.size(); i < n; i++) {
      TaskGroupListener listener = listeners.get(i);
      GroupObserver observer;
      try {
        observer = listener.opened(group);
      } catch (RuntimeException | Error e) {
        report(listener, "opened()", group, e);
        continue;
      }
      if (observer != null) {
        (found == null ? found = new ArrayList<>(2) : found).add(observer);
      }
    }
    return found;
  }

  void spawned(int index) {
    for (GroupObserver observer : observers) {
      try {
        observer.spawned(index);
      } catch (RuntimeException | Error e) {
        report(observer, "spawned()", group, e);
      }
    }
  }

  Object started(int index) {
    if (observers.length == 1) {
      return startedOne(observers[0], index);
    }
    Object[] tokens = new Object[observers.length];
    for (int i = 0; i < observers.length; i++) {
      tokens[i] = startedOne(observers[i], index);
    }
    return tokens;
  }

  private Object startedOne(GroupObserver observer, int index) {
    try {
      return observer.started(index);
    } catch (RuntimeException | Error e) {
      report(observer, "started()", group, e);
      return null;
    }
  }

  void settled(int index, Subtask.State outcome, Throwable exception, Object token) {
    for (int i = 0; i < observers.length; i++) {
      Object own = observers.length == 1 || token == null ? token : ((Object[]) token)[i];
      try {
        observers[i].settled(index, outcome, exception, own);
      } catch (RuntimeException | Error e) {
        report(observers[i], "settled()", group, e);
      }
    }
  }

  void cancelled(CancelReason reason) {
    for (GroupObserver observer : observers) {
      try {
        observer.cancelled(reason);
      } catch (RuntimeException | Error e) {
        report(observer, "cancelled()", group, e);
      }
    }
  }

  void closed(
      String lastWait,
      int tasks,
      int failed,
      int cancelled,
      CancelReason reason,
      Duration timeout) {
    GroupSummary summary =
        new GroupSummary(
            group.name(),
            lastWait,
            tasks,
            tasks - failed - cancelled,
            failed,
            cancelled,
            reason,
            reason == CancelReason.TIMEOUT ? timeout : null,
            Duration.ofNanos(System.nanoTime() - openedAt));
    for (GroupObserver observer : observers) {
      try {
        observer.closed(summary);
      } catch (RuntimeException | Error e) {
        report(observer, "closed()", group, e);
      }
    }
  }

  private static void report(Object culprit, String hook, GroupInfo group, Throwable e) {
    LOG.log(
        Level.WARNING,
        () ->
            "Fanout: " + culprit.getClass().getName() + "." + hook + " threw while observing group '"
                + group.name() + "'; the group is not affected",
        e);
  }
}
