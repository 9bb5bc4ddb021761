package dev.fanout;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

/**
 * One child task of a {@link TaskGroup}: the {@link Subtask} handle users hold, the {@link
 * Runnable} its thread runs, and the thread's {@link Thread.UncaughtExceptionHandler}, which is how
 * code on a child thread finds its task ({@link #current()}).
 *
 * <h2>Implementation notes</h2>
 *
 * <p>A node costs a handful of words (about 48 bytes with compressed references): a queued task is
 * this node and its callable, nothing else. Fields a running task needs only (opened groups, the
 * worker that runs it) live in the group or the thread, not here.
 *
 * <p>States, in one {@code int} word ({@link #word}) with an {@link #OBSERVED} flag bit:
 *
 * <pre>
 *   QUEUED       -> RUNNING       a slot was claimed for it (Admission), or at spawn when unbounded
 *   QUEUED       -> COMPLETING    the group was cancelled while it waited (it never runs)
 *   RUNNING      -> INTERRUPTING  a canceller claimed the right to interrupt it ...
 *   INTERRUPTING -> INTERRUPTED   ... and has delivered the interrupt (and cancelled its groups)
 *   RUNNING | INTERRUPTED -> COMPLETING   the task's thread is done with the callable
 *   COMPLETING   -> SUCCEEDED | FAILED | CANCELLED   right after the node was pushed on the
 *                                 group's completion stack: a settled task is in settle order
 * </pre>
 *
 * Cancellers interrupt only a RUNNING node, and only through INTERRUPTING; a thread leaving
 * INTERRUPTING waits for INTERRUPTED (as {@code FutureTask} does), then clears its interrupt flag.
 * So no cancellation interrupt can reach a thread after its task completed: callbacks, the start of
 * the next queued task and a reused worker's next task never see one.
 *
 * <p>Publication: {@link #outcome} (the result, or the exception of a failed or cancelled task) is
 * written before the push onto the completion stack and before the volatile write of the settled
 * state, either of which publishes it. {@link #callable} is written by the spawner before the node
 * is published and cleared by whoever starts or cancels it. {@link #thread} is written by whoever
 * starts the task, before {@code Thread.start()}, and read by cancellers and by {@code close()}.
 * {@link #nextSettled} and {@link #seq} are written by the pushing thread before its CAS and, once
 * drained, only by the owner.
 */
final class ChildTask<U> implements Subtask<U>, Runnable, Thread.UncaughtExceptionHandler {
  // Life states (low bits of word).
  static final int QUEUED = 0;
  static final int RUNNING = 1;
  static final int INTERRUPTING = 2;
  static final int INTERRUPTED = 3;
  static final int COMPLETING = 4;
  static final int SUCCEEDED = 5;
  static final int FAILED = 6;
  static final int CANCELLED = 7;
  private static final int STATE_MASK = 7;
  /** Flag: a failure was returned to, thrown at or read by the user (or acknowledged). */
  private static final int OBSERVED = 8;

  private static final VarHandle WORD;
  private static final VarHandle THREAD;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      WORD = lookup.findVarHandle(ChildTask.class, "word", int.class);
      THREAD = lookup.findVarHandle(ChildTask.class, "thread", Thread.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final GroupCore group;
  private final int index;
  private volatile int word;

  /** The task; cleared once it starts or is cancelled, so that its captures do not outlive it. */
  Callable<? extends U> callable;

  /** The result, or the exception of a FAILED task (or the one a CANCELLED task threw). */
  private Object outcome;

  /** The thread that runs (or ran) the task; null while queued, and once joined. */
  volatile Thread thread;

  /** Completion-stack link, then (after the owner drained it) the next node in settle order. */
  ChildTask<?> nextSettled;

  /** Position in settle order, from 1; 0 while unsettled. */
  int seq;

  ChildTask(GroupCore group, int index, Callable<? extends U> callable, int state) {
    this.group = group;
    this.index = index;
    this.callable = callable;
    WORD.set(this, state); // plain: the node is published by the group's list or a thread start
  }

  /** The child task whose thread is the calling thread, or {@code null}. */
  static ChildTask<?> current() {
    Thread.UncaughtExceptionHandler handler = Thread.currentThread().getUncaughtExceptionHandler();
    return handler instanceof ChildTask ? (ChildTask<?>) handler : null;
  }

  // ---------------------------------------------------------------------------------------------
  // Running (the task's thread)

  @Override
  public void run() {
    group.runTask(this);
  }

  /**
   * Our code never lets a throwable escape {@link #run()}; if the bookkeeping itself fails (an
   * out-of-memory error, say), the thread group reports it as it would for any thread.
   */
  @Override
  public void uncaughtException(Thread thread, Throwable e) {
    thread.getThreadGroup().uncaughtException(thread, e);
  }

  /** QUEUED -> RUNNING; false if the node was cancelled first. */
  boolean markRunning() {
    return WORD.compareAndSet(this, QUEUED, RUNNING);
  }

  /**
   * Moves a running or queued node to COMPLETING: from now on no canceller interrupts its thread.
   * Waits out a canceller that is between INTERRUPTING and INTERRUPTED.
   *
   * @return false if another thread already completes it
   */
  boolean beginCompletion() {
    for (; ; ) {
      int w = word;
      int s = w & STATE_MASK;
      if (s == INTERRUPTING) {
        Thread.yield(); // the canceller is inside interrupt(); a few instructions
        continue;
      }
      if (s >= COMPLETING) {
        return false;
      }
      if (WORD.compareAndSet(this, w, (w & ~STATE_MASK) | COMPLETING)) {
        return true;
      }
    }
  }

  /** Records the outcome of a COMPLETING node; the settled state is published by {@link #publish}. */
  void setOutcome(Object value) {
    this.outcome = value;
  }

  /** Forgets a joined thread: a plain store, nobody interrupts a settled task. */
  void forgetThread() {
    THREAD.setOpaque(this, (Thread) null);
  }

  /**
   * COMPLETING -> {@code settled}: called right after the node was pushed on the completion stack,
   * so a settled state implies "in settle order". (Two tasks that settle at the same instant may
   * become visible as settled in the other order; waiting here for the task pushed before would
   * make that exact, but a virtual thread that spins for another can starve it on a busy carrier.)
   */
  void publish(int settled) {
    assert (word & STATE_MASK) == COMPLETING && settled >= SUCCEEDED;
    WORD.setRelease(this, (word & OBSERVED) | settled); // publication needs no StoreLoad fence
  }

  /**
   * Interrupts this task's thread if it is running, at most once, and never after the task has
   * begun to complete. Any thread; never blocks. (A plain read first: a canceller walks every task
   * of a large group, and most are settled.)
   */
  void interruptIfRunning() {
    if (word != RUNNING || !WORD.compareAndSet(this, RUNNING, INTERRUPTING)) {
      return; // queued, already interrupted, or done with its callable
    }
    try {
      Thread t = thread;
      if (t != null) {
        t.interrupt();
      }
    } finally {
      word = INTERRUPTED; // only INTERRUPTING's owner writes here; beginCompletion() waits for it
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reading (any thread)

  /** The raw state, without the flag. */
  int rawState() {
    return word & STATE_MASK;
  }

  /** Spins until a node taken off the completion stack has published its settled state. */
  int awaitSettledState() {
    for (int s; ; Thread.yield()) {
      s = word & STATE_MASK;
      if (s > COMPLETING) {
        return s;
      }
    }
  }

  boolean isObserved() {
    return (word & OBSERVED) != 0;
  }

  void markObserved() {
    for (int w; ((w = word) & OBSERVED) == 0; ) {
      if (WORD.compareAndSet(this, w, w | OBSERVED)) {
        return;
      }
    }
  }

  /** The exception of a failed task without marking it observed (for the group's own reports). */
  Throwable failure() {
    return (Throwable) outcome;
  }

  /** The result of a succeeded task. */
  @SuppressWarnings("unchecked")
  U result() {
    return (U) outcome;
  }

  @Override
  public State state() {
    switch (word & STATE_MASK) {
      case QUEUED:
        return State.QUEUED;
      case SUCCEEDED:
        return State.SUCCEEDED;
      case FAILED:
        return State.FAILED;
      case CANCELLED:
        return State.CANCELLED;
      default:
        return State.RUNNING; // RUNNING, INTERRUPTING, INTERRUPTED, COMPLETING
    }
  }

  @Override
  public int index() {
    return index;
  }

  /** The public state of a settled raw state. */
  static State settledState(int settled) {
    switch (settled) {
      case SUCCEEDED:
        return State.SUCCEEDED;
      case FAILED:
        return State.FAILED;
      case CANCELLED:
        return State.CANCELLED;
      default:
        throw new IllegalArgumentException("not a settled state: " + settled);
    }
  }

  @Override
  public U get() {
    State current = state();
    switch (current) {
      case SUCCEEDED:
        return result();
      case FAILED:
        markObserved();
        Throwable exception = failure();
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
    State current = state();
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
    markObserved();
    return failure();
  }

  /** A cancellation exception for this task; its cause is what the task threw after cancellation, if anything. */
  CancellationException cancelledException() {
    CancellationException e =
        new CancellationException(
            "task #" + index + " of " + group.describe() + " was cancelled: " + group.cancelReason());
    Object thrown = outcome;
    if (thrown instanceof Throwable) {
      e.initCause((Throwable) thrown);
    }
    return e;
  }

  @Override
  public String toString() {
    return "Subtask[#" + index + " of " + group.describe() + ", " + state() + "]";
  }
}
