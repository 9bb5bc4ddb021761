package dev.fanout;

import java.util.ArrayList;
import java.util.List;

/**
 * The open groups that a group's tasks opened, in the order they were opened: what a cancellation
 * cascades to, and what a task that returns with a group still open leaves behind.
 *
 * <p>Guarded by this object's monitor; only rare paths take it (opening and closing a nested group,
 * cancelling, a task that has opened one returning). A group registers here before it reads its
 * parent's lifecycle, and a cancellation writes the lifecycle before it reads this list, so one of
 * the two always sees the other.
 */
final class NestedGroups {
  private List<GroupCore> open; // null until a task opens a group

  synchronized void add(GroupCore group) {
    if (open == null) {
      open = new ArrayList<>(2);
    }
    open.add(group);
  }

  synchronized void remove(GroupCore group) {
    if (open != null) {
      open.remove(group);
    }
  }

  /** The open groups, for a cascade that runs without the monitor; null if there are none. */
  synchronized GroupCore[] snapshot() {
    return open == null || open.isEmpty() ? null : open.toArray(new GroupCore[0]);
  }

  /**
   * The innermost still-open group that {@code task} opened, or null. Cheap when no task ever
   * opened one: a task's own registrations are visible to its own thread without the monitor.
   */
  GroupCore innermostOpenedBy(ChildTask<?> task) {
    if (open == null) {
      return null;
    }
    synchronized (this) {
      for (int i = open.size() - 1; i >= 0; i--) {
        if (open.get(i).parentTask() == task) {
          return open.get(i);
        }
      }
      return null;
    }
  }
}
