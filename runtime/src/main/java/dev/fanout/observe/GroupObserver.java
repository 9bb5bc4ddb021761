package dev.fanout.observe;

import dev.fanout.CancelReason;
import dev.fanout.Subtask;

/**
 * Follows one task group for a {@link TaskGroupListener}. Every method has an empty default, so
 * an observer overrides only what it needs.
 *
 * <p>Threads: {@link #spawned} and {@link #closed} run on the owner; {@link #started} and {@link
 * #settled} on the task's own thread (a task cancelled while queued settles on the thread that
 * cancelled the group); {@link #cancelled} on whichever thread cancelled it (the owner, a task, a
 * timer, another thread). An observer must therefore be thread-safe. Each task's {@code settled}
 * happens before {@code closed}, and {@code closed} is the last call.
 *
 * <p>Observers run inline on those threads: keep them short (count, time, record), never block.
 */
public interface GroupObserver {
  /** A task was spawned; {@code index} is its position in spawn order. */
  default void spawned(int index) {}

  /**
   * A task starts on its thread, right before its callable (and after any context was installed).
   *
   * @return a token handed back to {@link #settled} for this task (a start time, an event), or null
   */
  default Object started(int index) {
    return null;
  }

  /**
   * A task settled.
   *
   * @param outcome {@link Subtask.State#SUCCEEDED}, {@link Subtask.State#FAILED} or {@link
   *     Subtask.State#CANCELLED}
   * @param exception what a failed task threw, or what a cancelled one threw (null if it never
   *     ran); reading it here does not count as observing the failure
   * @param startToken what {@link #started} returned, or null if the task never started
   */
  default void settled(int index, Subtask.State outcome, Throwable exception, Object startToken) {}

  /** The group was cancelled, once, for {@code reason} ({@link CancelReason#TIMEOUT} included). */
  default void cancelled(CancelReason reason) {}

  /** The group closed: every task settled and every thread it started has ended. */
  default void closed(GroupSummary summary) {}
}
