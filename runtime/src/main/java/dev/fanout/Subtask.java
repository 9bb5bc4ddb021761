package dev.fanout;

import java.util.concurrent.CancellationException;

/**
 * A handle to one child task of a {@link TaskGroup}, returned by {@link TaskGroup#spawn}.
 *
 * <p>A handle is typed by the task's own result type, so a {@code TaskGroup<Object>} that assembles
 * a user, their orders and their reviews reads each result without a cast:
 *
 * <pre>{@code
 * Subtask<User> user = group.spawn(() -> users.load(id));
 * Subtask<List<Order>> orders = group.spawn(() -> orderService.ordersOf(id));
 * group.all();
 * return new Profile(user.get(), orders.get());
 * }</pre>
 *
 * <p>Handles may be read from any thread. Reading a failure through {@link #get()} or {@link
 * #exception()} counts as observing it, so {@link TaskGroup#close()} will not report it again.
 *
 * @param <U> the task's result type
 */
public sealed interface Subtask<U> permits ChildTask {

  /** The life of a child task. {@code QUEUED} and {@code RUNNING} are unsettled; the rest are final. */
  enum State {
    /** Spawned but waiting for a free slot under the group's concurrency limit; no thread yet. */
    QUEUED,
    /** Started on its own thread and not yet settled. */
    RUNNING,
    /** Returned a result. */
    SUCCEEDED,
    /** Threw an exception (or error) that was not caused by cancellation. */
    FAILED,
    /**
     * Never started because the group was cancelled, or settled with an exception after its
     * cancellation had been requested (the exception is then the interrupt's doing, not a failure).
     */
    CANCELLED;

    /** Whether this state is final. */
    public boolean isSettled() {
      return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
  }

  /**
   * The current state; never blocks. A task turns settled a moment after it takes its place in
   * completion order (the order of {@link TaskGroup#next()}): once this reads settled, every task
   * that settles later comes after it; of two tasks that settle at the same instant, the later
   * may read settled first. Every wait that returns after all tasks settled ({@code all},
   * {@code allSettled}, {@code awaitCompletion}, {@code close}) returns only once each reads
   * settled.
   */
  State state();

  /** The position of this task in spawn order, starting at 0 (also the suffix of its thread's name). */
  int index();

  /**
   * The result of a task that {@link State#SUCCEEDED succeeded}.
   *
   * @throws TaskGroupException if the task failed (its exception is the cause); the failure then
   *     counts as observed
   * @throws CancellationException if the task was cancelled
   * @throws IllegalStateException if the task has not settled yet
   */
  U get();

  /**
   * The exception of a task that {@link State#FAILED failed}; the failure then counts as observed.
   *
   * @throws IllegalStateException if the task did not fail (it is unsettled, succeeded or was
   *     cancelled)
   */
  Throwable exception();
}
