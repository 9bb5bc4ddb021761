package dev.fanout;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * One child task of a {@link TaskGroup}: the {@link Subtask} handle users hold, and the {@link
 * Runnable} its thread runs.
 *
 * <p>Implementation notes. State transitions ({@code QUEUED -> RUNNING -> settled}, or {@code
 * QUEUED -> CANCELLED}) happen under the group's lock; {@code state} is volatile so that handles
 * read it without the lock, and the result and exception fields are written before the volatile
 * write of a settled state, which publishes them. The intrusive links ({@code nextSettled}, {@code
 * nextExited}) belong to the group and are guarded by its lock; they spare the group a node
 * allocation per task.
 */
final class ChildTask<U> implements Subtask<U>, Runnable {
  /** The child task running on the current thread, if the current thread is a child thread. */
  private static final ThreadLocal<ChildTask<?>> CURRENT = new ThreadLocal<>();

  final TaskGroup<?> group;
  private final int index;

  /** The caller's key for keyed spawns, or {@link TaskGroup#NO_KEY}. */
  final Object key;

  /** Written by the owner at spawn, read and cleared by the child thread (published by start). */
  private Callable<? extends U> callable;

  private volatile State state;
  private U result; // published by the volatile write of state
  private Throwable exception; // published by the volatile write of state

  /** Set before the thread starts (by whichever thread starts it), read by cancel and close. */
  volatile Thread thread;

  /** Set under the group's lock; read by the child itself without it. */
  volatile boolean cancelRequested;

  /** Whether a failure has been returned to, thrown at or read by the user. */
  private volatile boolean observed;

  /** Next child in settle order; guarded by the group's lock. */
  ChildTask<?> nextSettled;

  /** Neighbours in the group's list of running children; guarded by the group's lock. */
  ChildTask<?> runPrev;

  ChildTask<?> runNext;

  /** Next child whose thread has returned from {@link #run()} and awaits a join; group's lock. */
  ChildTask<?> nextExited;

  /**
   * Groups opened by this child's thread and not yet closed: replaced whole by compare-and-set, so
   * that no per-task monitor is needed (and users synchronizing on the handle block nothing).
   */
  private volatile TaskGroup<?>[] openedGroups;

  @SuppressWarnings("rawtypes") // the updater needs the raw class objects
  private static final AtomicReferenceFieldUpdater<ChildTask, TaskGroup[]> OPENED_GROUPS =
      AtomicReferenceFieldUpdater.newUpdater(ChildTask.class, TaskGroup[].class, "openedGroups");

  ChildTask(TaskGroup<?> group, int index, Object key, Callable<? extends U> callable, State state) {
    this.group = group;
    this.index = index;
    this.key = key;
    this.callable = callable;
    this.state = state;
  }

  /** The child task whose thread is the current thread, or {@code null}. */
  static ChildTask<?> current() {
    return CURRENT.get();
  }

  @Override
  public void run() {
    U value = null;
    Throwable failure = null;
    boolean started = false;
    boolean cancelledBeforeFailing = false;
    try {
      CURRENT.set(this);
      Callable<? extends U> task = callable;
      callable = null; // the result may outlive the task's captures; let them go
      if (!cancelRequested) {
        started = true;
        value = task.call();
      }
    } catch (Throwable t) { // errors too: a StackOverflowError is a failure to report, not to lose
      // Classified now, when it was thrown: a failure that happened before any cancellation was
      // requested is a real failure even if it settles after one.
      cancelledBeforeFailing = cancelRequested;
      failure = t;
    } finally {
      try {
        Throwable leftOpen = closeGroupsLeftOpen(failure);
        if (leftOpen != failure) {
          cancelledBeforeFailing = false;
          failure = leftOpen;
        }
        CURRENT.remove();
        // Settled, this thread only runs bookkeeping and callbacks: a cancellation's interrupt
        // must not make their blocking calls fail.
        Thread.interrupted();
      } finally {
        group.settleAndHandOver(
            this, value, failure, !started && failure == null, cancelledBeforeFailing);
      }
    }
  }

  /**
   * A child that returns with a group it opened still open would leave that group's threads
   * running past this child; close them here and turn the mistake into this child's failure.
   */
  private Throwable closeGroupsLeftOpen(Throwable failure) {
    TaskGroup<?>[] opened = openedGroups;
    if (opened == null || opened.length == 0) {
      return failure;
    }
    StructureViolationException violation =
        new StructureViolationException(
            "task #"
                + index
                + " of "
                + group.describe()
                + " returned with "
                + opened.length
                + " TaskGroup(s) it opened still open; open nested groups in try-with-resources"
                + " so they close before the task returns");
    // Innermost first. Each close() unregisters its group; re-reading the list also catches a
    // group opened meanwhile (by an onFinished callback, say). Bounded, in case a close() fails
    // before it could unregister.
    for (int attempts = 0; attempts < 10_000; attempts++) {
      opened = openedGroups;
      if (opened == null || opened.length == 0) {
        break;
      }
      TaskGroup<?> innermost = opened[opened.length - 1];
      try {
        innermost.close();
      } catch (Throwable e) { // whatever close() throws, the child must still settle
        violation.addSuppressed(e);
      }
      unregisterOpenedGroup(innermost);
    }
    if (failure != null) {
      violation.addSuppressed(failure);
    }
    return violation;
  }

  /**
   * Records a group opened on this child's thread; false if this child is already cancelled. The
   * publication (a volatile write) precedes the read of cancelRequested, and a cancellation writes
   * cancelRequested before reading the groups: one of the two always sees the other.
   */
  boolean registerOpenedGroup(TaskGroup<?> nested) {
    TaskGroup<?>[] current;
    TaskGroup<?>[] updated;
    do {
      current = openedGroups;
      int length = current == null ? 0 : current.length;
      updated = new TaskGroup<?>[length + 1];
      if (current != null) {
        System.arraycopy(current, 0, updated, 0, length);
      }
      updated[length] = nested;
    } while (!OPENED_GROUPS.compareAndSet(this, current, updated));
    return !cancelRequested;
  }

  void unregisterOpenedGroup(TaskGroup<?> nested) {
    TaskGroup<?>[] current;
    TaskGroup<?>[] updated;
    do {
      current = openedGroups;
      int at = current == null ? -1 : indexOf(current, nested);
      if (at < 0) {
        return;
      }
      updated = new TaskGroup<?>[current.length - 1];
      System.arraycopy(current, 0, updated, 0, at);
      System.arraycopy(current, at + 1, updated, at, current.length - at - 1);
    } while (!OPENED_GROUPS.compareAndSet(this, current, updated));
  }

  private static int indexOf(TaskGroup<?>[] groups, TaskGroup<?> group) {
    for (int i = groups.length - 1; i >= 0; i--) {
      if (groups[i] == group) {
        return i;
      }
    }
    return -1;
  }

  /** Cancels the groups this child opened; called after {@link #cancelRequested} was set. */
  void cancelOpenedGroups() {
    TaskGroup<?>[] opened = openedGroups;
    if (opened == null) {
      return;
    }
    for (TaskGroup<?> nested : opened) {
      nested.cancelBecauseParentCancelled();
    }
  }

  /** Moves to a settled state; called by the group under its lock, exactly once. */
  void settle(State settled, U value, Throwable failure) {
    assert state != null && !state.isSettled() : "settled twice: " + this;
    assert settled.isSettled();
    this.callable = null; // a task cancelled in the queue never ran: drop its captures too
    this.result = value;
    this.exception = failure;
    this.state = settled;
  }

  void markRunning() {
    assert state == State.QUEUED;
    state = State.RUNNING;
  }

  boolean isObserved() {
    return observed;
  }

  void markObserved() {
    observed = true;
  }

  /** The exception of a failed task without marking it observed (for the group's own reports). */
  Throwable failure() {
    return exception;
  }

  /** The result of a succeeded task, for the group's result lists. */
  U result() {
    return result;
  }

  @Override
  public State state() {
    return state;
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public U get() {
    State current = state;
    switch (current) {
      case SUCCEEDED:
        return result;
      case FAILED:
        observed = true;
        throw new TaskGroupException(
            "task #" + index + " of " + group.describe() + " failed: " + exception,
            exception,
            List.of(exception));
      case CANCELLED:
        throw cancelledException();
      default:
        throw new IllegalStateException(
            "get() called on task #"
                + index
                + " of "
                + group.describe()
                + " while it is "
                + current
                + "; wait for it first (all(), awaitCompletion(), next(), ...)");
    }
  }

  @Override
  public Throwable exception() {
    State current = state;
    if (current != State.FAILED) {
      throw new IllegalStateException(
          "exception() called on task #"
              + index
              + " of "
              + group.describe()
              + " while it is "
              + current
              + "; only a FAILED task has an exception");
    }
    observed = true;
    return exception;
  }

  /** A cancellation exception for this task; its cause is what the task threw after cancellation, if anything. */
  CancellationException cancelledException() {
    CancellationException e =
        new CancellationException(
            "task #" + index + " of " + group.describe() + " was cancelled: " + group.cancelReason());
    if (exception != null) {
      e.initCause(exception);
    }
    return e;
  }

  @Override
  public String toString() {
    return "Subtask[#" + index + " of " + group.describe() + ", " + state + "]";
  }
}
