package dev.fanout;

import dev.fanout.Subtask.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A structured fan-out scope: child tasks spawned into a group never outlive it.
 *
 * <p>A group is opened in a try-with-resources statement by one thread, its <em>owner</em>. The
 * owner spawns child tasks, each on its own thread (virtual on JDK 21+, see {@link
 * #usesVirtualThreads()}), waits for them with one of the strategies below, and closes the group.
 * {@link #close()} cancels whatever is still running and returns only once every child thread has
 * terminated.
 *
 * <pre>{@code
 * try (TaskGroup<Thumbnail> group = TaskGroup.builder().concurrency(16).open()) {
 *   for (String id : ids) {
 *     group.spawn(() -> images.fetch(id));
 *   }
 *   return group.all(); // in spawn order; the first failure cancels the rest and is thrown
 * }
 * }</pre>
 *
 * <h2>Waiting</h2>
 *
 * Every wait blocks the owner, throws {@link InterruptedException} (after cancelling the group) if
 * the owner is interrupted, and has an overload with a {@link Duration} timeout.
 *
 * <ul>
 *   <li>{@link #all()}: every result in spawn order; fail-fast. {@link #allKeyed()} is the same as a
 *       map for tasks spawned with a key.
 *   <li>{@link #allSettled()}: every outcome; never throws for task failures.
 *   <li>{@link #race()}: the first task to settle wins, success or failure.
 *   <li>{@link #any()}: the first success wins; fails only if every task fails.
 *   <li>{@link #first(int)}: the first {@code n} successes (a quorum).
 *   <li>{@link #next()} and iteration: outcomes one by one in completion order.
 *   <li>{@link #awaitCompletion()}: every task settled; never throws for task failures.
 * </ul>
 *
 * {@code race}, {@code any} and {@code first} cancel the tasks that lost once they have their
 * answer, and so end the group: it is cancelled afterwards, and the failures of the losers count as
 * observed by that call. {@code all}, {@code race}, {@code any} and {@code first} on a group with
 * no task throw {@link IllegalStateException} at once.
 *
 * <h2>Failures are never lost</h2>
 *
 * Task failures reach the owner as one unchecked {@link TaskGroupException}: the failure that
 * settled first is its cause, every failure is in {@link TaskGroupException#failures()} in spawn
 * order and the others are also suppressed. A failure that no wait returned or threw, no {@link
 * Subtask} read and no {@link #suppressErrors()} acknowledged is thrown by {@link #close()} (and so,
 * in try-with-resources, added as suppressed to whatever the block threw). A timeout is a {@link
 * TaskGroupTimeoutException}, which is not a {@code TaskGroupException}.
 *
 * <h2>Cancellation and deadlines</h2>
 *
 * {@link #cancel()} may be called from any thread and is idempotent: queued tasks never start and
 * running ones are interrupted; a child can also ask {@link #isCurrentTaskCancelled()}. A task that
 * throws after its cancellation was requested is {@link State#CANCELLED}, not failed; one that
 * returns normally is still {@link State#SUCCEEDED}. A group's timeout or deadline, and the timeout
 * of a wait, cancel the group when they elapse, whether or not the owner is waiting. A group opened
 * inside a child task is nested: cancelling the parent cancels it, and its deadline is the earlier
 * of its own and its parent's.
 *
 * <h2>Concurrency limit and backpressure</h2>
 *
 * With {@link Builder#concurrency(int) concurrency(n)}, at most {@code n} children run at once; the
 * others wait in a FIFO queue as plain callables, with no thread and no future, and start in spawn
 * order as slots free. {@link Builder#queueLimit(int) queueLimit(m)} bounds that queue: {@code
 * spawn} then blocks the owner while {@code m} tasks are waiting.
 *
 * <h2>Structure</h2>
 *
 * Spawning, waiting and closing from a thread other than the owner, from inside a child, or after
 * close throw {@link StructureViolationException}. {@link #cancel()}, {@link #isCancelled()},
 * {@link #isFinished()}, {@link #size()} and the static queries work from any thread. Child threads
 * are named {@code fanout-<group>-<index>}, so a thread dump tells whose child a thread is.
 *
 * @param <T> the common supertype of the results of the group's tasks
 */
public final class TaskGroup<T> implements AutoCloseable, Iterable<Subtask<T>> {
  /*
   * Implementation notes.
   *
   * Threads. The owner is the only thread that spawns, waits, seals and closes. Child threads only
   * run settle(). cancel() may come from any thread, including the shared deadline timer.
   *
   * Lock. One ReentrantLock guards every mutable field below that is not marked otherwise, and one
   * Condition ("changed") is signalled on cancel, and on a settle only when the parked owner can
   * proceed (ownerWouldProceedLocked): a fan-out of 10,000 tasks wakes its owner once, not 10,000
   * times. The owner is the only thread that ever waits on it, in a wait operation, in spawn (queue
   * full) or in close; every change its condition depends on is made under the lock. No user code runs
   * while the lock is held: tasks run on their own threads and onFinished callbacks run after
   * unlocking. Threads are started outside the lock.
   *
   * Life of a child (each transition under the lock):
   *   QUEUED  -> RUNNING    a slot is free (at spawn, or when a running child settles)
   *   QUEUED  -> CANCELLED  the group is cancelled (the queue is drained at once)
   *   RUNNING -> SUCCEEDED  the callable returned (even after cancellation was requested)
   *   RUNNING -> FAILED     the callable threw and no cancellation had been requested
   *   RUNNING -> CANCELLED  it threw after cancellation was requested, or never called the callable
   *
   * Life of the group:
   *   open -> (sealed) -> closed     sealed: no more spawns; closed: owner left the block
   *   cancelReason: null -> reason   set once, by whichever thread cancels first
   *   finished: (sealed or cancelled or closed) and no child is unsettled; fires onFinished once,
   *     on the thread that made it so, except the deadline timer and a parent's cascade, which
   *     leave the callbacks to the owner's next call
   *
   * Invariants (checked with assert): unsettled == running + queue.size();
   * running <= concurrencyLimit; once cancelReason != null the queue stays empty.
   *
   * Waits install a Wait kind; settle() and the start of a wait apply its policy (applyPolicyLocked)
   * under the lock, so the decision "race won, cancel the rest" is atomic with the settle that
   * caused it, and a loser settling afterwards is reliably CANCELLED rather than a lost failure.
   *
   * Joining. close() must guarantee that no child thread is alive, and a settled child's thread
   * still has to return from run(). Each settled child with a thread is pushed on the "exited"
   * stack; close() joins all of them, and spawn() reaps the stack every REAP_THRESHOLD entries so
   * a discarding group holds O(concurrency) threads, not one per task.
   */

  /** Marks a task spawned without a key. */
  static final Object NO_KEY = new Object();

  private static final AtomicLong GROUP_IDS = new AtomicLong();
  private static final int REAP_THRESHOLD = 256;

  private enum Wait {
    NONE,
    ALL,
    SETTLED,
    RACE,
    ANY,
    FIRST,
    NEXT
  }

  // Configuration, fixed at open.
  private final String name;
  private final Thread owner;
  private final int concurrencyLimit; // Integer.MAX_VALUE when unbounded
  private final int queueLimit; // Integer.MAX_VALUE when unbounded
  private final boolean discarding;
  private final ThreadFactory threadFactory; // null: ChildThreads
  private final ChildTask<?> parent; // the child whose thread opened this group, or null
  private final boolean hasDeadline;
  private final long deadlineNanos; // System.nanoTime() based; the earlier of own and parent's
  private final Duration timeoutBudget; // deadline minus open time, for messages

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  // Written by the owner only; volatile because settle() and other threads read them.
  private volatile boolean sealed;
  private volatile boolean closed;

  // Owner-only.
  private Set<Object> keys; // keys used so far, created on the first keyed spawn
  private volatile Future<?> deadlineTimer; // set once, right after construction

  // Guarded by lock.
  private final List<ChildTask<?>> children; // spawn order; null in discarding mode
  private final List<ChildTask<?>> discardedFailures; // discarding mode only
  private final ArrayDeque<ChildTask<?>> queue = new ArrayDeque<>();
  private int spawned;
  private int running;
  private int unsettled;
  private int succeededCount;
  private int failedCount;
  private int cancelledCount;
  private ChildTask<?> runningHead; // intrusive list of RUNNING children, via runNext/runPrev
  private ChildTask<?> settledHead; // settle order, via nextSettled (not kept when discarding)
  private ChildTask<?> settledTail;
  private ChildTask<?> lastReturnedByNext;
  private ChildTask<?> firstSettled; // first to succeed or fail
  private ChildTask<?> firstSuccess;
  private ChildTask<?> firstFailure;
  private ChildTask<?> exitedHead;
  private int exitedCount;
  private Wait waiting = Wait.NONE;
  private boolean ownerParked; // the owner is in changed.await*(); settle() wakes it only if useful
  private boolean blockedOnQueue; // the owner waits in spawn() for queue space
  private int quorum; // for Wait.FIRST
  private boolean suppressAll;
  private Duration timedOutAfter; // the timeout that cancelled the group, when TIMEOUT
  private List<Runnable> finishedCallbacks;
  private boolean finishedFired;
  private List<Throwable> callbackFailures;

  /** Written under the lock; volatile so that isCancelled() and children read it lock-free. */
  private volatile CancelReason cancelReason;

  private TaskGroup(Builder options) {
    this.owner = Thread.currentThread();
    this.name = options.name != null ? options.name : "g" + GROUP_IDS.incrementAndGet();
    this.concurrencyLimit = options.concurrency == 0 ? Integer.MAX_VALUE : options.concurrency;
    this.queueLimit = options.queueLimit;
    this.discarding = options.discarding;
    this.threadFactory = options.threadFactory;
    this.children = discarding ? null : new ArrayList<>();
    this.discardedFailures = discarding ? new ArrayList<>() : null;
    this.parent = ChildTask.current();

    long now = System.nanoTime();
    boolean deadlineKnown = false;
    long deadline = 0;
    if (options.timeout != null) {
      deadline = saturatedAdd(now, options.timeout);
      deadlineKnown = true;
    }
    if (options.deadline != null) {
      long fromInstant = saturatedAdd(now, Duration.between(Instant.now(), options.deadline));
      deadline = deadlineKnown ? Math.min(deadline, fromInstant) : fromInstant;
      deadlineKnown = true;
    }
    if (parent != null && parent.group.hasDeadline) {
      long inherited = parent.group.deadlineNanos;
      deadline = deadlineKnown ? earlier(deadline, inherited) : inherited;
      deadlineKnown = true;
    }
    this.hasDeadline = deadlineKnown;
    this.deadlineNanos = deadline;
    this.timeoutBudget = deadlineKnown ? Duration.ofNanos(Math.max(0, deadline - now)) : null;
  }

  /** Registers with the parent task and the deadline timer; must follow the constructor at once. */
  private TaskGroup<T> arm() {
    if (parent != null && !parent.registerOpenedGroup(this)) {
      cancelBecauseParentCancelled(); // a passed inherited deadline reads as a timeout here too
    }
    if (hasDeadline) {
      long remaining = deadlineNanos - System.nanoTime();
      if (remaining <= 0) {
        cancelWith(CancelReason.TIMEOUT, timeoutBudget);
      } else {
        deadlineTimer =
            DeadlineTimer.schedule(this::cancelBecauseDeadlinePassed, remaining);
      }
    }
    return this;
  }

  // ---------------------------------------------------------------------------------------------
  // Opening

  /**
   * Opens a group with no concurrency limit and no deadline, owned by the calling thread.
   *
   * @param <T> the common supertype of the results of the group's tasks
   */
  public static <T> TaskGroup<T> open() {
    return new Builder().open();
  }

  /** Starts configuring a group: concurrency limit, queue limit, timeout, name, thread factory. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Configures and opens a {@link TaskGroup}. Each setter rejects a bad value at once with an
   * exception naming the parameter. A builder may open several groups; it is not thread-safe.
   */
  public static final class Builder {
    private int concurrency;
    private int queueLimit = Integer.MAX_VALUE;
    private boolean queueLimitSet;
    private Duration timeout;
    private Instant deadline;
    private String name;
    private ThreadFactory threadFactory;
    private boolean discarding;

    private Builder() {}

    /**
     * At most {@code n} children run at once; the others wait in a FIFO queue without a thread.
     *
     * @param n the limit, or 0 for unbounded (the default)
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public Builder concurrency(int n) {
      if (n < 0) {
        throw new IllegalArgumentException(
            "concurrency must be >= 0 (0 means unbounded), but was " + n);
      }
      this.concurrency = n;
      return this;
    }

    /**
     * At most {@code n} spawned tasks may wait for a slot; {@code spawn} blocks the owner while the
     * queue is full (backpressure). {@code 0} means spawn blocks until a slot is free. Needs a
     * {@linkplain #concurrency(int) concurrency limit}.
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public Builder queueLimit(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("queueLimit must be >= 0, but was " + n);
      }
      this.queueLimit = n;
      this.queueLimitSet = true;
      return this;
    }

    /**
     * The group is cancelled once {@code timeout} has elapsed after {@link #open()}, and waits then
     * throw {@link TaskGroupTimeoutException}. With {@link #deadline(Instant)} too, the earlier wins.
     *
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * The group is cancelled at {@code deadline} (wall-clock, converted once at open), and waits
     * then throw {@link TaskGroupTimeoutException}. A deadline already past cancels the group at
     * open.
     *
     * @throws NullPointerException if {@code deadline} is null
     */
    public Builder deadline(Instant deadline) {
      this.deadline = Objects.requireNonNull(deadline, "deadline");
      return this;
    }

    /**
     * Names the group in messages and in its threads' names ({@code fanout-<name>-<index>}).
     * Defaults to {@code g<number>}.
     *
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      this.name = name;
      return this;
    }

    /**
     * Creates child threads with {@code factory} instead of the default (virtual threads on JDK 21+,
     * daemon platform threads before). The factory must return a new, unstarted thread each time;
     * the thread keeps the name the factory gave it. A factory that throws or returns null fails
     * that task, never the group.
     *
     * @throws NullPointerException if {@code factory} is null
     */
    public Builder threadFactory(ThreadFactory factory) {
      this.threadFactory = Objects.requireNonNull(factory, "threadFactory");
      return this;
    }

    /**
     * A discarding group keeps no results, so millions of tasks fit in O(concurrency + queue)
     * memory (use with {@link #concurrency(int)} and {@link #queueLimit(int)}). Only {@link
     * TaskGroup#awaitCompletion()} is available to wait; the first failure cancels the group, and
     * failures are reported by {@link TaskGroup#close()}.
     */
    public Builder discarding() {
      this.discarding = true;
      return this;
    }

    /**
     * Opens the group, owned by the calling thread. Inside a child task, the group is nested in the
     * child's group.
     *
     * @param <T> the common supertype of the results of the group's tasks
     * @throws IllegalArgumentException if a queue limit was set without a concurrency limit
     */
    public <T> TaskGroup<T> open() {
      if (queueLimitSet && concurrency == 0) {
        throw new IllegalArgumentException(
            "queueLimit(" + queueLimit + ") needs a concurrency limit: without one no task waits");
      }
      return new TaskGroup<T>(this).arm();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Spawning

  /**
   * Spawns {@code task} as a child: it starts at once on its own thread, or, under a concurrency
   * limit, when a slot frees. If the group is already cancelled, nothing runs and the returned
   * handle is {@link State#CANCELLED}.
   *
   * @param <U> the task's result type
   * @return a handle to the task's state and outcome
   * @throws StructureViolationException if not called by the owner, or after {@link #close()}
   * @throws IllegalStateException if the group is {@linkplain #seal() sealed}
   * @throws CancellationException if the owner was interrupted while waiting for queue space (the
   *     interrupt flag is restored and the group cancelled)
   */
  public <U extends T> Subtask<U> spawn(Callable<? extends U> task) {
    return spawnChild(NO_KEY, task, false, "spawn()");
  }

  /**
   * Spawns {@code task} under {@code key}; {@link #allKeyed()} then maps each key to its result.
   * Otherwise as {@link #spawn(Callable)}.
   *
   * @param <K> the key type
   * @param <U> the task's result type
   * @throws IllegalArgumentException if {@code key} was used before in this group (nothing runs)
   */
  public <K, U extends T> Subtask<U> spawn(K key, Callable<? extends U> task) {
    return spawnChild(Objects.requireNonNull(key, "key"), task, false, "spawn(key)");
  }

  /**
   * Spawns {@code task} unless the group is cancelled.
   *
   * @return {@code false}, having started nothing, if the group is cancelled; {@code true} otherwise
   */
  public boolean spawnUnlessCancelled(Callable<? extends T> task) {
    return spawnChild(NO_KEY, task, true, "spawnUnlessCancelled()") != null;
  }

  /** Keyed form of {@link #spawnUnlessCancelled(Callable)}. */
  public <K> boolean spawnUnlessCancelled(K key, Callable<? extends T> task) {
    return spawnChild(Objects.requireNonNull(key, "key"), task, true, "spawnUnlessCancelled(key)")
        != null;
  }

  private <U> ChildTask<U> spawnChild(
      Object key, Callable<? extends U> task, boolean unlessCancelled, String op) {
    Objects.requireNonNull(task, "task");
    checkOwner(op);
    if (sealed) {
      throw new IllegalStateException(
          op + " called after seal() of " + describe() + ": a sealed group takes no new tasks");
    }
    if (key != NO_KEY) {
      // Registered before the child exists, so that a key whose hashCode() throws leaves nothing
      // behind; and outside the lock, since hashCode() and equals() are user code.
      if (keys == null) {
        keys = new HashSet<>();
      }
      if (!keys.add(key)) {
        throw new IllegalArgumentException(
            op + ": key '" + key + "' is already used in " + describe() + "; keys must be unique");
      }
    }
    ChildTask<U> child = null;
    boolean startNow = false;
    ChildTask<?> toReap = null;
    lock.lock();
    try {
      if (cancelReason == null && running >= concurrencyLimit && queue.size() >= queueLimit) {
        awaitQueueSpaceLocked(op); // throws CancellationException if the owner is interrupted
      }
      if (cancelReason != null && unlessCancelled) {
        child = null;
      } else if (cancelReason != null) {
        child = new ChildTask<>(this, spawned++, key, null, State.QUEUED);
        child.settle(State.CANCELLED, null, null);
        if (children != null) {
          children.add(child);
        }
        recordSettledLocked(child);
      } else {
        startNow = running < concurrencyLimit;
        child = new ChildTask<>(this, spawned++, key, task, startNow ? State.RUNNING : State.QUEUED);
        if (children != null) {
          children.add(child);
        }
        unsettled++;
        if (startNow) {
          running++;
          linkRunningLocked(child);
        } else {
          queue.addLast(child);
        }
      }
      if (exitedCount >= REAP_THRESHOLD) {
        toReap = exitedHead;
        exitedHead = null;
        exitedCount = 0;
      }
      assert unsettled == running + queue.size();
    } finally {
      unlockAndRunDueCallbacks();
      if (child == null && key != NO_KEY) {
        keys.remove(key); // nothing was spawned under it; user hashCode(), so after unlocking
      }
    }
    if (child == null) {
      return null; // spawnUnlessCancelled() on a cancelled group
    }
    if (startNow) {
      startThread(child);
    }
    if (toReap != null) {
      joinAll(toReap);
    }
    return child;
  }

  private void awaitQueueSpaceLocked(String op) {
    blockedOnQueue = true;
    try {
      while (cancelReason == null && running >= concurrencyLimit && queue.size() >= queueLimit) {
        if (!awaitChangeLocked(0, false)) {
          cancelLocked(CancelReason.TIMEOUT, timeoutBudget);
        }
      }
    } catch (InterruptedException e) {
      cancelLocked(CancelReason.OWNER_INTERRUPTED, null);
      Thread.currentThread().interrupt();
      CancellationException cancelled =
          new CancellationException(
              op
                  + " was interrupted while waiting for queue space in "
                  + describe()
                  + "; the group was cancelled");
      cancelled.initCause(e);
      throw cancelled;
    } finally {
      blockedOnQueue = false;
    }
  }

  /**
   * Starts the thread of a child already counted as running. If the thread cannot be made or
   * started, that child fails and the next queued child (if any) gets the slot; the loop, not
   * recursion, keeps a long queue from overflowing the stack.
   */
  private void startThread(ChildTask<?> first) {
    ChildTask<?> child = first;
    while (child != null) {
      try {
        Thread thread =
            threadFactory == null
                ? ChildThreads.newThread(child, "fanout-" + name + "-" + child.index())
                : threadFactory.newThread(child);
        if (thread == null) {
          throw new IllegalStateException("threadFactory " + threadFactory + " returned null");
        }
        child.thread = thread;
        thread.start();
        return;
      } catch (Throwable e) { // "unable to create native thread" is an error, and must fail the task
        child.thread = null;
        child = settle(child, null, e, false, child.cancelRequested);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Settling (child threads)

  /**
   * Records the outcome of {@code child}; called once per started child, by its own thread (or by
   * the thread that failed to start it).
   *
   * @return the queued child that takes the freed slot, already counted as running, for the caller
   *     to start; or null
   */
  @SuppressWarnings("unchecked")
  ChildTask<?> settle(
      ChildTask<?> child,
      Object value,
      Throwable failure,
      boolean cancelledBeforeStart,
      boolean cancelledBeforeFailing) {
    ChildTask<?> next = null;
    lock.lock();
    try {
      State outcome;
      if (cancelledBeforeStart) {
        outcome = State.CANCELLED;
      } else if (failure == null) {
        outcome = State.SUCCEEDED;
      } else {
        outcome =
            cancelledBeforeFailing || timedOutWithUs(failure) ? State.CANCELLED : State.FAILED;
      }
      // First what close() depends on, none of which allocates: the child is settled, counted
      // and (if it had a thread) queued for its join, whatever happens below.
      ((ChildTask<Object>) child).settle(outcome, value, failure);
      running--;
      unsettled--;
      unlinkRunningLocked(child);
      if (child.thread != null) {
        child.nextExited = exitedHead;
        exitedHead = child;
        exitedCount++;
      }
      try {
        if (outcome == State.FAILED && lostTheRace()) {
          child.markObserved(); // failed before the cancel, but the winner was already chosen
        }
        recordSettledLocked(child);
        applyPolicyLocked(); // first: a winner that settles at the deadline still wins
        if (hasDeadline && cancelReason == null && deadlineNanos - System.nanoTime() <= 0) {
          // The deadline has passed: the group is timed out, whichever thread notices first.
          cancelLocked(CancelReason.TIMEOUT, timeoutBudget);
        }
      } finally {
        if (cancelReason == null && running < concurrencyLimit) {
          next = queue.pollFirst();
          if (next != null) {
            next.markRunning();
            running++;
            linkRunningLocked(next);
          }
        }
        assert unsettled == running + queue.size();
        if (ownerParked && ownerWouldProceedLocked()) {
          changed.signal(); // the owner is the only waiter; waking it per task would cost a park
        }
      }
    } finally {
      unlockAndRunDueCallbacks();
    }
    return next;
  }

  /** Whether what the parked owner waits for has happened, so that waking it is worth it. */
  private boolean ownerWouldProceedLocked() {
    if (cancelReason != null) {
      return true;
    }
    if (blockedOnQueue) {
      return running < concurrencyLimit || queue.size() < queueLimit;
    }
    if (closed) {
      return unsettled == 0;
    }
    return waiting != Wait.NONE && isSatisfiedLocked(waiting);
  }

  /**
   * Whether {@code failure} is this group's own deadline reaching the child: a nested group whose
   * deadline it inherited timed out. That is the group timing out, not a task failing, whichever
   * of the two timers fired first.
   */
  private boolean timedOutWithUs(Throwable failure) {
    return failure instanceof TaskGroupTimeoutException
        && hasDeadline
        && deadlineNanos - System.nanoTime() <= 0;
  }

  /** Whether the group was cancelled because a wait already had its answer. */
  private boolean lostTheRace() {
    return cancelReason == CancelReason.RACE_WON
        || cancelReason == CancelReason.ANY_SUCCEEDED
        || cancelReason == CancelReason.QUORUM_REACHED;
  }

  /** Called by a child's thread after run(); starts the child that took its slot, if any. */
  void settleAndHandOver(
      ChildTask<?> child,
      Object value,
      Throwable failure,
      boolean cancelledBeforeStart,
      boolean cancelledBeforeFailing) {
    ChildTask<?> next =
        settle(child, value, failure, cancelledBeforeStart, cancelledBeforeFailing);
    if (next != null) {
      startThread(next);
    }
  }

  private void recordSettledLocked(ChildTask<?> child) {
    switch (child.state()) {
      case SUCCEEDED:
        succeededCount++;
        if (firstSuccess == null) {
          firstSuccess = child;
        }
        if (firstSettled == null) {
          firstSettled = child;
        }
        break;
      case FAILED:
        failedCount++;
        // (discardedFailures is kept in settle order; reports sort it into spawn order)
        if (firstFailure == null) {
          firstFailure = child;
        }
        if (firstSettled == null) {
          firstSettled = child;
        }
        if (suppressAll) {
          child.markObserved();
        }
        if (discardedFailures != null) {
          discardedFailures.add(child);
        }
        break;
      case CANCELLED:
        cancelledCount++;
        break;
      default:
        throw new AssertionError("not settled: " + child);
    }
    if (!discarding) {
      if (settledTail == null) {
        settledHead = child;
      } else {
        settledTail.nextSettled = child;
      }
      settledTail = child;
    }
  }

  private void linkRunningLocked(ChildTask<?> child) {
    child.runNext = runningHead;
    if (runningHead != null) {
      runningHead.runPrev = child;
    }
    runningHead = child;
  }

  private void unlinkRunningLocked(ChildTask<?> child) {
    ChildTask<?> prev = child.runPrev;
    ChildTask<?> next = child.runNext;
    if (prev == null) {
      if (runningHead == child) {
        runningHead = next;
      }
    } else {
      prev.runNext = next;
    }
    if (next != null) {
      next.runPrev = prev;
    }
    child.runPrev = null;
    child.runNext = null;
  }

  /** Lets the active wait's strategy react to the current outcomes (e.g. a race winner). */
  private void applyPolicyLocked() {
    switch (waiting) {
      case ALL:
        if (failedCount > 0) {
          cancelLocked(CancelReason.TASK_FAILED, null);
        }
        break;
      case RACE:
        if (firstSettled != null) {
          cancelLocked(CancelReason.RACE_WON, null);
        }
        break;
      case ANY:
        if (firstSuccess != null) {
          cancelLocked(CancelReason.ANY_SUCCEEDED, null);
        } else if (unsettled == 0 && failedCount > 0) {
          cancelLocked(CancelReason.TASK_FAILED, null); // every task failed: any() is over too
        }
        break;
      case FIRST:
        if (succeededCount >= quorum) {
          cancelLocked(CancelReason.QUORUM_REACHED, null);
        } else if (spawned - failedCount - cancelledCount < quorum) {
          cancelLocked(CancelReason.QUORUM_UNREACHABLE, null);
        }
        break;
      default:
        break;
    }
    if (discarding && failedCount > 0) {
      cancelLocked(CancelReason.TASK_FAILED, null);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Cancellation

  /**
   * Cancels the group: queued tasks never start, running tasks are interrupted (and groups they
   * opened are cancelled), later spawns start nothing. Idempotent; callable from any thread,
   * including a child (which then interrupts itself too).
   */
  public void cancel() {
    cancelWith(CancelReason.CANCEL_CALLED, null);
  }

  /**
   * Cascade from the parent task, called while the parent group's lock is held. A passed inherited
   * deadline is reported as a timeout. onFinished callbacks that this makes due are left for this
   * group's owner to run at its next call (every owner call runs them), so that no user code runs
   * under the parent's lock.
   */
  void cancelBecauseParentCancelled() {
    lock.lock();
    try {
      if (hasDeadline && deadlineNanos - System.nanoTime() <= 0) {
        cancelLocked(CancelReason.TIMEOUT, timeoutBudget);
      } else {
        cancelLocked(CancelReason.PARENT_CANCELLED, null);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Called on the shared deadline timer thread, which must never run user code: onFinished
   * callbacks made due here run at the owner's next call.
   */
  private void cancelBecauseDeadlinePassed() {
    lock.lock();
    try {
      cancelLocked(CancelReason.TIMEOUT, timeoutBudget);
    } finally {
      lock.unlock();
    }
  }

  private void cancelWith(CancelReason reason, Duration timeout) {
    lock.lock();
    try {
      cancelLocked(reason, timeout);
    } finally {
      if (Thread.currentThread() == owner || isOwnChild(ChildTask.current())) {
        unlockAndRunDueCallbacks();
      } else {
        // Another thread: close() could not wait for callbacks it runs. The owner runs them at
        // its next call (every owner call does), at the latest in close().
        lock.unlock();
      }
    }
  }

  private boolean isOwnChild(ChildTask<?> child) {
    return child != null && child.group == this;
  }

  private void cancelLocked(CancelReason reason, Duration timeout) {
    if (cancelReason != null) {
      return;
    }
    cancelReason = reason;
    timedOutAfter = timeout;
    for (ChildTask<?> queued; (queued = queue.pollFirst()) != null; ) {
      queued.settle(State.CANCELLED, null, null);
      unsettled--;
      recordSettledLocked(queued);
    }
    for (ChildTask<?> child = runningHead; child != null; child = child.runNext) {
      child.cancelRequested = true; // every child first: this loop cannot fail
    }
    for (ChildTask<?> child = runningHead; child != null; child = child.runNext) {
      try {
        // Nested groups first, so that their owner (this child's thread) sees their cancellation
        // reason before it sees the interrupt.
        child.cancelOpenedGroups();
      } finally {
        Thread thread = child.thread;
        if (thread != null) {
          thread.interrupt();
        }
      }
    }
    Future<?> timer = deadlineTimer;
    if (timer != null && reason != CancelReason.TIMEOUT) {
      timer.cancel(false);
    }
    assert unsettled == running && queue.isEmpty();
    changed.signalAll();
  }

  /** Whether the group has been cancelled, for any reason. Any thread. */
  public boolean isCancelled() {
    return cancelReason != null;
  }

  CancelReason cancelReason() {
    return cancelReason;
  }

  /**
   * Whether the calling thread is a child task whose cancellation has been requested: Fanout's
   * counterpart of Swift's {@code Task.isCancelled}. Unlike the interrupt flag, user code cannot
   * clear it. False on any thread that is not a child task.
   */
  public static boolean isCurrentTaskCancelled() {
    ChildTask<?> current = ChildTask.current();
    return current != null && current.cancelRequested;
  }

  /**
   * Whether children run on virtual threads (JDK 21+) rather than platform threads. Decided once
   * per JVM; {@code -Dfanout.threads=platform} forces platform threads.
   */
  public static boolean usesVirtualThreads() {
    return ChildThreads.virtual();
  }

  // ---------------------------------------------------------------------------------------------
  // Waiting

  /**
   * Waits for every task and returns the results in spawn order (nulls included). Fail-fast: the
   * first failure cancels the siblings; once they have terminated, it is thrown with any other
   * failures attached. Siblings cancelled by it are not failures.
   *
   * @throws TaskGroupException if a task failed
   * @throws TaskGroupTimeoutException if the group's deadline elapsed first
   * @throws CancellationException if the group was cancelled otherwise before every task succeeded
   * @throws InterruptedException if the owner was interrupted; the group is then cancelled
   * @throws IllegalStateException if no task was spawned, or the group is discarding
   */
  public List<T> all() throws InterruptedException {
    return allWithin(-1, "all()");
  }

  /** {@link #all()} that waits at most {@code timeout}, then cancels the group and throws {@link TaskGroupTimeoutException}. */
  public List<T> all(Duration timeout) throws InterruptedException {
    return allWithin(toNanos(timeout), "all(timeout)");
  }

  private List<T> allWithin(long timeoutNanos, String op) throws InterruptedException {
    requireResultsAndTasks(op);
    return await(Wait.ALL, 0, timeoutNanos, op, () -> resultsInSpawnOrderLocked(op));
  }

  @SuppressWarnings("unchecked")
  private List<T> resultsInSpawnOrderLocked(String op) {
    throwIfIncompleteLocked(op);
    List<T> results = new ArrayList<>(children.size());
    for (ChildTask<?> child : children) {
      results.add((T) child.result());
    }
    return Collections.unmodifiableList(results);
  }

  /**
   * {@link #all()} for tasks spawned with {@link #spawn(Object, Callable)}: each key mapped to its
   * task's result, in spawn order.
   *
   * @param <K> the key type the tasks were spawned with
   * @throws IllegalStateException if a task was spawned without a key
   */
  public <K> Map<K, T> allKeyed() throws InterruptedException {
    return allKeyedWithin(-1, "allKeyed()");
  }

  /** {@link #allKeyed()} that waits at most {@code timeout}. */
  public <K> Map<K, T> allKeyed(Duration timeout) throws InterruptedException {
    return allKeyedWithin(toNanos(timeout), "allKeyed(timeout)");
  }

  @SuppressWarnings("unchecked")
  private <K> Map<K, T> allKeyedWithin(long timeoutNanos, String op) throws InterruptedException {
    requireResultsAndTasks(op);
    for (ChildTask<?> child : children) {
      if (child.key == NO_KEY) {
        throw new IllegalStateException(
            op
                + " needs every task spawned with a key, but task #"
                + child.index()
                + " of "
                + describe()
                + " has none; use spawn(key, task)");
      }
    }
    List<T> results = await(Wait.ALL, 0, timeoutNanos, op, () -> resultsInSpawnOrderLocked(op));
    // Built after unlocking: the keys' hashCode() and equals() are user code.
    Map<K, T> byKey = new LinkedHashMap<>();
    for (int i = 0; i < results.size(); i++) {
      byKey.put((K) children.get(i).key, results.get(i));
    }
    return Collections.unmodifiableMap(byKey);
  }

  /**
   * Waits for every task and returns every outcome in spawn order; never throws for task failures
   * (they count as observed: they are in the list).
   *
   * @throws TaskGroupTimeoutException if the deadline elapsed before every task settled, or
   *     cancelled a task
   * @throws InterruptedException if the owner was interrupted; the group is then cancelled
   */
  public List<Subtask<T>> allSettled() throws InterruptedException {
    return allSettledWithin(-1, "allSettled()");
  }

  /** {@link #allSettled()} that waits at most {@code timeout}. */
  public List<Subtask<T>> allSettled(Duration timeout) throws InterruptedException {
    return allSettledWithin(toNanos(timeout), "allSettled(timeout)");
  }

  @SuppressWarnings("unchecked")
  private List<Subtask<T>> allSettledWithin(long timeoutNanos, String op)
      throws InterruptedException {
    requireResults(op);
    return await(
        Wait.SETTLED,
        0,
        timeoutNanos,
        op,
        () -> {
          throwIfTimeoutCancelledWorkLocked(op);
          List<Subtask<T>> outcomes = new ArrayList<>(children.size());
          for (ChildTask<?> child : children) {
            child.markObserved();
            // A Subtask only produces values, so Subtask<U> is safely a Subtask<T> for U extends T.
            outcomes.add((Subtask<T>) child);
          }
          return Collections.unmodifiableList(outcomes);
        });
  }

  /**
   * Returns the outcome of the first task to settle, success or failure, and cancels the others.
   *
   * @throws TaskGroupException if the first task to settle failed
   * @throws TaskGroupTimeoutException if the deadline elapsed first
   * @throws CancellationException if the group was cancelled otherwise first
   * @throws InterruptedException if the owner was interrupted; the group is then cancelled
   */
  public T race() throws InterruptedException {
    return raceWithin(-1, "race()");
  }

  /** {@link #race()} that waits at most {@code timeout}. */
  public T race(Duration timeout) throws InterruptedException {
    return raceWithin(toNanos(timeout), "race(timeout)");
  }

  @SuppressWarnings("unchecked")
  private T raceWithin(long timeoutNanos, String op) throws InterruptedException {
    requireResultsAndTasks(op);
    return await(
        Wait.RACE,
        0,
        timeoutNanos,
        op,
        () -> {
          ChildTask<?> winner = firstSettled;
          if (winner == null) {
            throw cancellationLocked(op);
          }
          markAllFailuresObservedLocked();
          if (winner.state() == State.FAILED) {
            throw new TaskGroupException(
                op + ": the first task to settle failed: " + describeFailure(winner),
                winner.failure(),
                List.of(winner.failure()));
          }
          return (T) winner.result();
        });
  }

  /**
   * Returns the result of the first task to succeed and cancels the others.
   *
   * @throws TaskGroupException if every task failed; it carries every failure in spawn order
   * @throws TaskGroupTimeoutException if the deadline elapsed first
   * @throws CancellationException if the group was cancelled otherwise first
   * @throws InterruptedException if the owner was interrupted; the group is then cancelled
   */
  public T any() throws InterruptedException {
    return anyWithin(-1, "any()");
  }

  /** {@link #any()} that waits at most {@code timeout}. */
  public T any(Duration timeout) throws InterruptedException {
    return anyWithin(toNanos(timeout), "any(timeout)");
  }

  @SuppressWarnings("unchecked")
  private T anyWithin(long timeoutNanos, String op) throws InterruptedException {
    requireResultsAndTasks(op);
    return await(
        Wait.ANY,
        0,
        timeoutNanos,
        op,
        () -> {
          if (firstSuccess != null) {
            markAllFailuresObservedLocked();
            return (T) firstSuccess.result();
          }
          if (cancelledCount > 0) {
            throw cancellationLocked(op);
          }
          throw failureLocked(op + ": every one of the " + spawned + " tasks failed");
        });
  }

  /**
   * Returns the first {@code n} successful results in completion order (a quorum) and cancels the
   * remaining tasks.
   *
   * @throws IllegalArgumentException if {@code n} is not between 1 and {@link #size()}
   * @throws TaskGroupException once so many tasks failed that {@code n} successes cannot be reached
   * @throws TaskGroupTimeoutException if the deadline elapsed first
   * @throws CancellationException if the group was cancelled otherwise first
   * @throws InterruptedException if the owner was interrupted; the group is then cancelled
   */
  public List<T> first(int n) throws InterruptedException {
    return firstWithin(n, -1, "first(" + n + ")");
  }

  /** {@link #first(int)} that waits at most {@code timeout}. */
  public List<T> first(int n, Duration timeout) throws InterruptedException {
    return firstWithin(n, toNanos(timeout), "first(" + n + ", timeout)");
  }

  @SuppressWarnings("unchecked")
  private List<T> firstWithin(int n, long timeoutNanos, String op) throws InterruptedException {
    requireResultsAndTasks(op);
    int size = size();
    if (n < 1 || n > size) {
      throw new IllegalArgumentException(
          op + ": n must be between 1 and the number of tasks (" + size + "), but was " + n);
    }
    return await(
        Wait.FIRST,
        n,
        timeoutNanos,
        op,
        () -> {
          if (succeededCount >= n) {
            markAllFailuresObservedLocked();
            List<T> results = new ArrayList<>(n);
            for (ChildTask<?> c = settledHead; results.size() < n; c = c.nextSettled) {
              if (c.state() == State.SUCCEEDED) {
                results.add((T) c.result());
              }
            }
            return Collections.unmodifiableList(results);
          }
          if (cancelReason != CancelReason.QUORUM_UNREACHABLE) {
            throw cancellationLocked(op);
          }
          throw failureLocked(
              op
                  + ": "
                  + failedCount
                  + " of "
                  + spawned
                  + " tasks failed, so "
                  + n
                  + " successes can no longer be reached");
        });
  }

  /**
   * Returns the next task to settle, in completion order, or {@code null} once every spawned task
   * has been returned. Only the owner spawns, so no task can arrive while it waits: the iteration
   * ends when the group is drained. A returned failure counts as observed only once read through
   * {@link Subtask#get()} or {@link Subtask#exception()}.
   *
   * @throws TaskGroupTimeoutException if the deadline elapsed while waiting
   * @throws InterruptedException if the owner was interrupted; the group is then cancelled
   */
  public Subtask<T> next() throws InterruptedException {
    return nextWithin(-1, "next()");
  }

  /** {@link #next()} that waits at most {@code timeout}. */
  public Subtask<T> next(Duration timeout) throws InterruptedException {
    return nextWithin(toNanos(timeout), "next(timeout)");
  }

  @SuppressWarnings("unchecked")
  private Subtask<T> nextWithin(long timeoutNanos, String op) throws InterruptedException {
    requireResults(op);
    return await(
        Wait.NEXT,
        0,
        timeoutNanos,
        op,
        () -> {
          ChildTask<?> candidate = nextCandidateLocked();
          if (candidate == null) {
            return null;
          }
          lastReturnedByNext = candidate;
          return (Subtask<T>) candidate;
        });
  }

  private ChildTask<?> nextCandidateLocked() {
    return lastReturnedByNext == null ? settledHead : lastReturnedByNext.nextSettled;
  }

  /**
   * Iterates over the tasks in completion order, as {@link #next()} does; for the owner only. An
   * interrupt while {@code hasNext()} waits cancels the group, restores the interrupt flag and
   * throws {@link CancellationException}.
   */
  @Override
  public Iterator<Subtask<T>> iterator() {
    checkOwner("iterator()");
    requireResults("iterator()");
    return new Iterator<>() {
      private Subtask<T> pending;
      private boolean drained;

      @Override
      public boolean hasNext() {
        if (pending == null && !drained) {
          try {
            pending = TaskGroup.this.next();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException cancelled =
                new CancellationException(
                    "iteration over " + describe() + " was interrupted; the group was cancelled");
            cancelled.initCause(e);
            throw cancelled;
          }
          drained = pending == null;
        }
        return pending != null;
      }

      @Override
      public Subtask<T> next() {
        if (!hasNext()) {
          throw new NoSuchElementException("every task of " + describe() + " was returned");
        }
        Subtask<T> result = pending;
        pending = null;
        return result;
      }
    };
  }

  /**
   * Waits until every task has settled; never throws for task failures, which stay unobserved
   * until read through their {@link Subtask} (or reported by {@link #close()}).
   *
   * @throws TaskGroupTimeoutException if the deadline elapsed before every task settled, or
   *     cancelled a task
   * @throws InterruptedException if the owner was interrupted; the group is then cancelled
   */
  public void awaitCompletion() throws InterruptedException {
    awaitCompletionWithin(-1, "awaitCompletion()");
  }

  /** {@link #awaitCompletion()} that waits at most {@code timeout}. */
  public void awaitCompletion(Duration timeout) throws InterruptedException {
    awaitCompletionWithin(toNanos(timeout), "awaitCompletion(timeout)");
  }

  private void awaitCompletionWithin(long timeoutNanos, String op) throws InterruptedException {
    checkOwner(op);
    await(
        Wait.SETTLED,
        0,
        timeoutNanos,
        op,
        () -> {
          throwIfTimeoutCancelledWorkLocked(op);
          return null;
        });
  }

  /**
   * The one wait loop. Installs {@code kind}, applies its policy to what has already settled, and
   * blocks until {@link #isSatisfiedLocked} holds; then computes the answer under the lock.
   */
  private <R> R await(
      Wait kind, int n, long timeoutNanos, String op, Supplier<R> answerLocked)
      throws InterruptedException {
    checkOwner(op);
    long callDeadline = timeoutNanos < 0 ? 0 : System.nanoTime() + timeoutNanos;
    lock.lock();
    try {
      waiting = kind;
      quorum = n;
      applyPolicyLocked();
      while (!isSatisfiedLocked(kind)) {
        if (cancelReason == CancelReason.TIMEOUT) {
          throw timeoutLocked(op, timedOutAfter);
        }
        try {
          if (!awaitChangeLocked(callDeadline, timeoutNanos >= 0)) {
            boolean groupDeadlineFirst =
                hasDeadline && (timeoutNanos < 0 || deadlineNanos - callDeadline <= 0);
            Duration elapsed = groupDeadlineFirst ? timeoutBudget : Duration.ofNanos(timeoutNanos);
            cancelLocked(CancelReason.TIMEOUT, elapsed);
            throw timeoutLocked(op, elapsed);
          }
        } catch (InterruptedException e) {
          cancelLocked(CancelReason.OWNER_INTERRUPTED, null);
          throw e;
        }
      }
      return answerLocked.get();
    } finally {
      waiting = Wait.NONE;
      unlockAndRunDueCallbacks();
    }
  }

  /**
   * Waits for a signal until the earlier of the group's deadline and {@code callDeadline}.
   *
   * @return false if that deadline has passed
   */
  private boolean awaitChangeLocked(long callDeadline, boolean hasCallDeadline)
      throws InterruptedException {
    if (!hasDeadline && !hasCallDeadline) {
      ownerParked = true;
      try {
        changed.await();
      } finally {
        ownerParked = false;
      }
      return true;
    }
    long until =
        hasDeadline && hasCallDeadline
            ? earlier(deadlineNanos, callDeadline)
            : hasDeadline ? deadlineNanos : callDeadline;
    long remaining = until - System.nanoTime();
    if (remaining <= 0) {
      return false;
    }
    ownerParked = true;
    try {
      changed.awaitNanos(remaining);
    } finally {
      ownerParked = false;
    }
    return true;
  }

  private boolean isSatisfiedLocked(Wait kind) {
    if (unsettled == 0) {
      return true;
    }
    switch (kind) {
      case RACE:
        return firstSettled != null;
      case ANY:
        return firstSuccess != null;
      case FIRST:
        return succeededCount >= quorum || spawned - failedCount - cancelledCount < quorum;
      case NEXT:
        return nextCandidateLocked() != null;
      default:
        return false;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Exceptions for waits

  /** For all()/allKeyed(): a failure, a timeout or a cancellation leaves the results incomplete. */
  private void throwIfIncompleteLocked(String op) {
    if (failedCount > 0 && cancelReason != CancelReason.TIMEOUT) {
      throw failureLocked(op + ": " + failedCount + " of " + spawned + " tasks failed");
    }
    if (cancelledCount > 0 || failedCount > 0) {
      throw cancellationLocked(op);
    }
  }

  private void throwIfTimeoutCancelledWorkLocked(String op) {
    if (cancelReason == CancelReason.TIMEOUT && cancelledCount > 0) {
      throw timeoutLocked(op, timedOutAfter);
    }
  }

  /** Every failure so far, in spawn order; they count as observed from now on. */
  private List<Throwable> takeFailuresLocked() {
    List<Throwable> failures = new ArrayList<>(failedCount);
    for (ChildTask<?> child : failedChildrenInSpawnOrderLocked()) {
      child.markObserved();
      failures.add(child.failure());
    }
    return failures;
  }

  private List<ChildTask<?>> failedChildrenInSpawnOrderLocked() {
    List<ChildTask<?>> failed = new ArrayList<>(failedCount);
    if (children != null) {
      for (ChildTask<?> child : children) {
        if (child.state() == State.FAILED) {
          failed.add(child);
        }
      }
    } else {
      failed.addAll(discardedFailures); // settle order: sort into spawn order
      failed.sort((a, b) -> Integer.compare(a.index(), b.index()));
    }
    return failed;
  }

  /**
   * Names a failure for a message without calling its toString() or getMessage(), which are user
   * code and must not run under the lock; the failure itself travels as the cause.
   */
  private static String describeFailure(ChildTask<?> failed) {
    return failed.failure().getClass().getName() + " from task #" + failed.index();
  }

  private void markAllFailuresObservedLocked() {
    if (failedCount > 0) {
      takeFailuresLocked();
    }
  }

  private TaskGroupException failureLocked(String message) {
    assert firstFailure != null;
    return new TaskGroupException(
        message + "; first failure: " + describeFailure(firstFailure),
        firstFailure.failure(),
        takeFailuresLocked());
  }

  private RuntimeException cancellationLocked(String op) {
    if (cancelReason == CancelReason.TIMEOUT) {
      return timeoutLocked(op, timedOutAfter);
    }
    CancellationException cancelled =
        new CancellationException(
            op + " cannot complete: " + describe() + " was cancelled because " + cancelReason);
    takeFailuresLocked().forEach(cancelled::addSuppressed);
    return cancelled;
  }

  private TaskGroupTimeoutException timeoutLocked(String op, Duration elapsed) {
    Duration timeout = elapsed != null ? elapsed : timeoutBudget;
    return new TaskGroupTimeoutException(
        op
            + " timed out: "
            + describe()
            + " ran past its timeout of "
            + timeout
            + "; "
            + unsettled
            + " unsettled task(s) were cancelled",
        timeout,
        takeFailuresLocked());
  }

  // ---------------------------------------------------------------------------------------------
  // Lifecycle

  /**
   * Takes no more tasks: {@code spawn} throws from now on, and once every task has settled the
   * group is finished ({@link #onFinished}). Idempotent.
   */
  public void seal() {
    checkOwner("seal()");
    lock.lock();
    try {
      sealed = true;
    } finally {
      unlockAndRunDueCallbacks();
    }
  }

  /**
   * Acknowledges every failure, present and future, so that {@link #close()} does not report them:
   * for fire-and-forget work whose failures the caller chose to ignore.
   */
  public void suppressErrors() {
    checkOwner("suppressErrors()");
    lock.lock();
    try {
      suppressAll = true;
      markAllFailuresObservedLocked();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code callback} once the group is finished: sealed, cancelled or closed, with every task
   * settled. If it already is, runs it now on the calling thread; otherwise on the thread that
   * finishes the group (a child's, or the owner's). When {@link #close()} returns, every callback
   * has run. An exception it throws is reported by {@link #close()}.
   */
  public void onFinished(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    checkOwner("onFinished()");
    boolean runNow;
    lock.lock();
    try {
      runNow = finishedFired;
      if (!runNow) {
        if (finishedCallbacks == null) {
          finishedCallbacks = new ArrayList<>(1);
        }
        finishedCallbacks.add(callback);
      }
    } finally {
      // Also runs it now if the group finished without anyone running its callbacks yet (the
      // deadline timer and a parent's cascade leave them to the owner).
      unlockAndRunDueCallbacks();
    }
    if (runNow) {
      runCallbacks(List.of(callback));
    }
  }

  /** Whether the group is sealed, cancelled or closed and every task has settled. Any thread. */
  public boolean isFinished() {
    lock.lock();
    try {
      return isFinishedLocked();
    } finally {
      lock.unlock();
    }
  }

  private boolean isFinishedLocked() {
    return (sealed || closed || cancelReason != null) && unsettled == 0;
  }

  /**
   * Unlocks, then runs the onFinished callbacks that became due, if any: user code never runs
   * under the lock. Never throws, so it is safe in a finally block.
   */
  private void unlockAndRunDueCallbacks() {
    List<Runnable> callbacks = takeFinishedCallbacksLocked();
    lock.unlock();
    runCallbacks(callbacks);
  }

  private List<Runnable> takeFinishedCallbacksLocked() {
    if (finishedFired || !isFinishedLocked()) {
      return null;
    }
    finishedFired = true;
    List<Runnable> callbacks = finishedCallbacks;
    finishedCallbacks = null;
    return callbacks;
  }

  private void runCallbacks(List<Runnable> callbacks) {
    if (callbacks == null) {
      return;
    }
    for (Runnable callback : callbacks) {
      try {
        callback.run();
      } catch (Throwable t) { // reported by close(), never lost
        lock.lock();
        try {
          if (callbackFailures == null) {
            callbackFailures = new ArrayList<>(1);
          }
          callbackFailures.add(t);
        } finally {
          lock.unlock();
        }
      }
    }
  }

  /** The number of tasks spawned so far (including any that were cancelled at spawn). Any thread. */
  public int size() {
    lock.lock();
    try {
      return spawned;
    } finally {
      lock.unlock();
    }
  }

  /** The group's name, as used in messages and thread names. */
  public String name() {
    return name;
  }

  /**
   * Closes the group: cancels whatever is still running or queued, waits until every child thread
   * has terminated, then throws the failures nobody observed. After it returns (or throws), no
   * thread of the group is alive. Waiting here is not interruptible: an interrupt is remembered and
   * the flag restored on return. A second call does nothing.
   *
   * @throws TaskGroupException carrying every failure that no wait returned, no {@link Subtask}
   *     read and {@link #suppressErrors()} did not acknowledge, plus any exception thrown by an
   *     {@link #onFinished} callback
   * @throws StructureViolationException if not called by the owner
   */
  @Override
  public void close() {
    Thread current = Thread.currentThread();
    if (current != owner) {
      throw new StructureViolationException(wrongThreadMessage("close()", current));
    }
    if (closed) {
      return;
    }
    ChildTask<?> toJoin;
    lock.lock();
    try {
      closed = true;
      sealed = true;
      if (unsettled > 0) {
        cancelLocked(CancelReason.CLOSED, null);
      }
      ownerParked = true;
      try {
        while (unsettled > 0) {
          changed.awaitUninterruptibly();
        }
      } finally {
        ownerParked = false;
      }
      toJoin = exitedHead;
      exitedHead = null;
      exitedCount = 0;
    } finally {
      unlockAndRunDueCallbacks();
    }
    joinAll(toJoin);
    Future<?> timer = deadlineTimer;
    if (timer != null) {
      timer.cancel(false);
    }
    if (parent != null) {
      parent.unregisterOpenedGroup(this);
    }
    throwUnobservedFailures();
  }

  private void throwUnobservedFailures() {
    List<Throwable> unobserved = new ArrayList<>();
    ChildTask<?> firstToSettle = null;
    lock.lock();
    try {
      if (failedCount > 0 && !suppressAll) {
        for (ChildTask<?> c = settledHead; c != null && firstToSettle == null; c = c.nextSettled) {
          if (c.state() == State.FAILED && !c.isObserved()) {
            firstToSettle = c;
          }
        }
        for (ChildTask<?> child : failedChildrenInSpawnOrderLocked()) {
          if (!child.isObserved()) {
            if (firstToSettle == null) {
              firstToSettle = child; // discarding groups keep no settle order
            }
            child.markObserved();
            unobserved.add(child.failure());
          }
        }
      }
      if (callbackFailures != null) {
        unobserved.addAll(callbackFailures);
        callbackFailures = null;
      }
    } finally {
      lock.unlock();
    }
    if (unobserved.isEmpty()) {
      return;
    }
    Throwable cause = firstToSettle != null ? firstToSettle.failure() : unobserved.get(0);
    throw new TaskGroupException(
        "close(): "
            + unobserved.size()
            + " failure(s) in "
            + describe()
            + " were never observed; first: "
            + cause.getClass().getName()
            + ". Wait with all()/allSettled(), read each Subtask, or call suppressErrors() to"
            + " ignore failures on purpose",
        cause,
        unobserved);
  }

  private static void joinAll(ChildTask<?> head) {
    boolean interrupted = false;
    for (ChildTask<?> child = head, next; child != null; child = next) {
      next = child.nextExited;
      child.nextExited = null;
      Thread thread = child.thread;
      while (thread != null) {
        try {
          thread.join();
          thread = null;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      child.thread = null; // a terminated thread is dead weight in a long-lived result list
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Structure checks

  private void checkOwner(String op) {
    Thread current = Thread.currentThread();
    if (current != owner) {
      throw new StructureViolationException(wrongThreadMessage(op, current));
    }
    if (closed) {
      throw new StructureViolationException(
          op + " called after close() of " + describe() + "; open a new group instead");
    }
  }

  private String wrongThreadMessage(String op, Thread current) {
    ChildTask<?> child = ChildTask.current();
    if (child != null && child.group == this) {
      return op
          + " called from inside task #"
          + child.index()
          + " of "
          + describe()
          + ": a child task must not spawn into, wait on or close its own group; open a nested"
          + " TaskGroup inside the task instead";
    }
    return op
        + " called from thread '"
        + current.getName()
        + "', but "
        + describe()
        + " is owned by thread '"
        + owner.getName()
        + "': only the thread that opened a group may spawn into it, wait on it or close it";
  }

  private void requireResults(String op) {
    if (discarding) {
      throw new IllegalStateException(
          op
              + " is not available on discarding "
              + describe()
              + ": it keeps no results; use awaitCompletion() and let close() report failures");
    }
  }

  private void requireResultsAndTasks(String op) {
    requireResults(op);
    checkOwner(op);
    if (size() == 0) {
      throw new IllegalStateException(
          op + " called on " + describe() + " before any task was spawned; spawn tasks first");
    }
  }

  String describe() {
    return "group '" + name + "'";
  }

  @Override
  public String toString() {
    lock.lock();
    try {
      return "TaskGroup[name="
          + name
          + ", owner="
          + owner.getName()
          + ", size="
          + spawned
          + ", running="
          + running
          + ", queued="
          + queue.size()
          + (cancelReason != null ? ", cancelled because " + cancelReason : "")
          + (closed ? ", closed" : "")
          + "]";
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Time arithmetic

  private static long toNanos(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, but was " + timeout);
    }
    return saturatedNanos(timeout);
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return Math.max(Long.MIN_VALUE / 4, Math.min(Long.MAX_VALUE / 4, duration.toNanos()));
    } catch (ArithmeticException overflow) {
      return duration.isNegative() ? Long.MIN_VALUE / 4 : Long.MAX_VALUE / 4;
    }
  }

  /**
   * {@code now + duration} as a System.nanoTime() value. The sum may wrap around; deadlines are only
   * ever compared by difference, which stays right while durations are capped at a quarter of the
   * long range (about 73 years).
   */
  private static long saturatedAdd(long now, Duration duration) {
    return now + saturatedNanos(duration);
  }

  /** The earlier of two System.nanoTime() values, compared by difference as nanoTime requires. */
  private static long earlier(long a, long b) {
    return a - b <= 0 ? a : b;
  }
}
