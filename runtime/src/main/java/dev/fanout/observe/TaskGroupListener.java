package dev.fanout.observe;

/**
 * Observes task groups: told of each group as it opens, it returns the {@link GroupObserver} that
 * follows that group (its tasks, its cancellation, its close), or {@code null} to leave it alone.
 *
 * <p>Registered per group with {@code TaskGroup.builder().listener(listener)}, for every group with
 * {@link TaskGroupListeners#register}, or by naming the implementation in {@code
 * META-INF/services/dev.fanout.observe.TaskGroupListener}. With none registered, groups pay
 * nothing for this: no observer is asked, no time is read, nothing is allocated.
 *
 * <p>A listener or observer that throws is logged ({@link System.Logger}, logger {@code
 * dev.fanout}, level WARNING) and does not change what the group does.
 */
@FunctionalInterface
public interface TaskGroupListener {
  /**
   * Called on the owner thread as {@code group} opens, before its first task.
   *
   * @return the observer for this group, or null not to observe it
   */
  GroupObserver opened(GroupInfo group);
}
