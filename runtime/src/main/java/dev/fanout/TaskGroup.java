package dev.fanout;

import dev.fanout.Subtask.State;
import dev.fanout.context.ContextPropagationException;
import dev.fanout.context.ContextPropagator;
import dev.fanout.context.ContextPropagators;
import dev.fanout.observe.TaskGroupListener;
import dev.fanout.observe.TaskGroupListeners;
import java.util.ArrayList;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadFactory;

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
 * {@link #isFinished()}, {@link #size()} and the static queries work from any thread. A thread dump
 * tells whose child a thread is: virtual child threads are named {@code fanout-<group>}, platform
 * ones {@code fanout-<group>-<index>} (the task they run).
 *
 * <h2>Threads</h2>
 *
 * On JDK 21+ every task runs on its own virtual thread. On platform threads (JDK 17-20, or {@code
 * -Dfanout.threads=platform}) an unbounded group starts a thread per task, while a group with a
 * concurrency limit of {@code n} runs its tasks on at most {@code n} threads of its own, each
 * taking the next queued task when it finishes one; {@link #close()} joins them all. A reused
 * thread starts each task with its interrupt flag clear and its name set to the task's; like any
 * pooled thread it does not clear {@code ThreadLocal}s a task set and left behind.
 *
 * <h2>Context and observation</h2>
 *
 * A task runs on another thread, so the spawner's thread-locals (SLF4J's MDC, the current
 * OpenTelemetry span, a tenant, a security context) do not reach it by themselves. {@linkplain
 * dev.fanout.context.ContextPropagator Context propagators} carry them: captured at each {@code
 * spawn}, installed around the task, the thread's own put back afterwards. They are registered per
 * group ({@link Builder#propagate}), for every group ({@link
 * dev.fanout.context.ContextPropagators}), or discovered from the class path ({@code fanout-slf4j},
 * {@code fanout-opentelemetry}, {@code fanout-context-propagation}). {@linkplain
 * dev.fanout.observe.TaskGroupListener Listeners} follow groups and tasks as they open, spawn,
 * start, settle, cancel and close ({@code fanout-micrometer} turns that into metrics), and a JDK
 * Flight Recorder recording gets a {@code dev.fanout.TaskGroup} event per group. With none of them
 * registered, a group pays nothing for either.
 *
 * @param <T> the common supertype of the results of the group's tasks
 */
public final class TaskGroup<T> implements AutoCloseable, Iterable<Subtask<T>> {
  /*
   * Implementation notes. This class is the API: it checks arguments and delegates. The machinery
   * is in GroupCore (spawn, settle, cancel, the wait loop, close; its class comment is the design),
   * ChildTask (one task: handle, runnable and state machine), Lifecycle (the group's one state
   * word), ChildList (the tasks in spawn order), Completions (the settle-order stack), Ledger
   * (the owner's record of outcomes and failures), Admission (the concurrency limit, the queue and
   * a reusing group's threads), one WaitPolicy per wait (AllWait, SettledWait, RaceWait, AnyWait,
   * FirstWait, NextWait), FinishedCallbacks, NestedGroups, ChildThreads, DeadlineTimer and
   * Deadlines.
   */

  /** Marks a task spawned without a key. */
  static final Object NO_KEY = GroupCore.NO_KEY;

  private final GroupCore core;

  private TaskGroup(GroupCore core) {
    this.core = core;
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
    private List<ContextPropagator> propagators = List.of();
    private List<TaskGroupListener> listeners = List.of();

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
     * Names the group in messages and in its threads' names ({@code fanout-<name>} for virtual
     * threads, {@code fanout-<name>-<index>} for platform threads). Defaults to {@code g<number>}.
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
     * Creates child threads with {@code factory} instead of the default (virtual threads on JDK
     * 21+, daemon platform threads before): one new thread per task, never reused. The factory must
     * return a new, unstarted thread each time; the thread keeps the name the factory gave it, and
     * its uncaught-exception handler is replaced by the group's own (Fanout never lets a task's
     * exception escape the thread). A factory that throws or returns null fails that task, never
     * the group.
     *
     * @throws NullPointerException if {@code factory} is null
     */
    public Builder threadFactory(ThreadFactory factory) {
      this.threadFactory = Objects.requireNonNull(factory, "threadFactory");
      return this;
    }

    /**
     * A discarding group keeps no results and lets go of each task once it has settled, so
     * millions of tasks fit in O(concurrency + queue) memory (use with {@link #concurrency(int)}
     * and {@link #queueLimit(int)}): what it holds is its running and queued tasks and the failures
     * nobody has observed yet. Only {@link TaskGroup#awaitCompletion()} is available to wait; the
     * first failure cancels the group, and failures are reported by {@link TaskGroup#close()}.
     */
    public Builder discarding() {
      this.discarding = true;
      return this;
    }

    /**
     * Carries {@code propagator}'s context from the spawning thread to each task of this group,
     * after the propagators registered for every group ({@link ContextPropagators}). For a
     * thread-local: {@code propagate(ContextPropagators.threadLocal(CURRENT_TENANT))}.
     *
     * @throws NullPointerException if {@code propagator} is null
     */
    public Builder propagate(ContextPropagator propagator) {
      propagators = appended(propagators, Objects.requireNonNull(propagator, "propagator"));
      return this;
    }

    /**
     * Observes this group with {@code listener}, after the listeners registered for every group
     * ({@link TaskGroupListeners}).
     *
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder listener(TaskGroupListener listener) {
      listeners = appended(listeners, Objects.requireNonNull(listener, "listener"));
      return this;
    }

    private static <E> List<E> appended(List<E> list, E element) {
      List<E> copy = new ArrayList<>(list);
      copy.add(element);
      return List.copyOf(copy); // a builder may open several groups: each keeps what it had
    }

    /**
     * Opens the group, owned by the calling thread. Inside a child task, the group is nested in the
     * child's group.
     *
     * @param <T> the common supertype of the results of the group's tasks
     * @throws IllegalArgumentException if a queue limit was set without a concurrency limit
     * @throws IllegalStateException if a context propagator or listener named in {@code
     *     META-INF/services} cannot be loaded
     */
    public <T> TaskGroup<T> open() {
      if (queueLimitSet && concurrency == 0) {
        throw new IllegalArgumentException(
            "queueLimit(" + queueLimit + ") needs a concurrency limit: without one no task waits");
      }
      GroupCore core =
          new GroupCore(
              name,
              concurrency,
              queueLimit,
              discarding,
              threadFactory,
              timeout,
              deadline,
              propagators,
              listeners);
      core.arm();
      return new TaskGroup<>(core);
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
   * @throws ContextPropagationException if a context propagator failed to capture the owner's
   *     context (nothing is spawned)
   * @throws CancellationException if the owner was interrupted while waiting for queue space (the
   *     interrupt flag is restored and the group cancelled)
   */
  public <U extends T> Subtask<U> spawn(Callable<? extends U> task) {
    return core.spawn(NO_KEY, task, false, "spawn()");
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
    return core.spawn(Objects.requireNonNull(key, "key"), task, false, "spawn(key)");
  }

  /**
   * Spawns {@code task} unless the group is cancelled.
   *
   * @return {@code false}, having started nothing, if the group is cancelled; {@code true} otherwise
   */
  public boolean spawnUnlessCancelled(Callable<? extends T> task) {
    return core.spawn(NO_KEY, task, true, "spawnUnlessCancelled()") != null;
  }

  /** Keyed form of {@link #spawnUnlessCancelled(Callable)}. */
  public <K> boolean spawnUnlessCancelled(K key, Callable<? extends T> task) {
    return core.spawn(Objects.requireNonNull(key, "key"), task, true, "spawnUnlessCancelled(key)")
        != null;
  }

  // ---------------------------------------------------------------------------------------------
  // Cancellation

  /**
   * Cancels the group: queued tasks never start, running tasks are interrupted (and groups they
   * opened are cancelled), later spawns start nothing. Idempotent; callable from any thread,
   * including a child (which then interrupts itself too).
   */
  public void cancel() {
    core.cancelByUser();
  }

  /** Whether the group has been cancelled, for any reason. Any thread. */
  public boolean isCancelled() {
    return core.isCancelled();
  }

  /**
   * Whether the calling thread is a child task whose cancellation has been requested: Fanout's
   * counterpart of Swift's {@code Task.isCancelled}. Unlike the interrupt flag, user code cannot
   * clear it. False on any thread that is not a child task.
   */
  public static boolean isCurrentTaskCancelled() {
    ChildTask<?> current = ChildTask.current();
    return current != null && current.group.isCancelled();
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

  /**
   * {@link #all()} that waits at most {@code timeout}, then cancels the group and throws {@link
   * TaskGroupTimeoutException}.
   */
  public List<T> all(Duration timeout) throws InterruptedException {
    return allWithin(Deadlines.toNanos(timeout), "all(timeout)");
  }

  private List<T> allWithin(long timeoutNanos, String op) throws InterruptedException {
    requireResultsAndTasks(op);
    return core.await(new AllWait<T>(op), timeoutNanos);
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
    return allKeyedWithin(Deadlines.toNanos(timeout), "allKeyed(timeout)");
  }

  @SuppressWarnings("unchecked")
  private <K> Map<K, T> allKeyedWithin(long timeoutNanos, String op) throws InterruptedException {
    requireResultsAndTasks(op);
    List<Object> keys = core.keys();
    int unkeyed = keys == null ? 0 : keys.indexOf(NO_KEY);
    if (unkeyed >= 0) {
      throw new IllegalStateException(
          op
              + " needs every task spawned with a key, but task #"
              + unkeyed
              + " of "
              + core.describe()
              + " has none; use spawn(key, task)");
    }
    List<T> results = core.await(new AllWait<T>(op), timeoutNanos);
    Map<K, T> byKey = new LinkedHashMap<>(); // keys' hashCode() and equals() are user code
    for (int i = 0; i < results.size(); i++) {
      byKey.put((K) keys.get(i), results.get(i));
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
    return allSettledWithin(Deadlines.toNanos(timeout), "allSettled(timeout)");
  }

  private List<Subtask<T>> allSettledWithin(long timeoutNanos, String op)
      throws InterruptedException {
    requireResults(op);
    return core.await(new SettledWait<T>(op, true), timeoutNanos);
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
    return raceWithin(Deadlines.toNanos(timeout), "race(timeout)");
  }

  private T raceWithin(long timeoutNanos, String op) throws InterruptedException {
    requireResultsAndTasks(op);
    return core.await(new RaceWait<T>(op), timeoutNanos);
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
    return anyWithin(Deadlines.toNanos(timeout), "any(timeout)");
  }

  private T anyWithin(long timeoutNanos, String op) throws InterruptedException {
    requireResultsAndTasks(op);
    return core.await(new AnyWait<T>(op), timeoutNanos);
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
    return firstWithin(n, Deadlines.toNanos(timeout), "first(" + n + ", timeout)");
  }

  private List<T> firstWithin(int n, long timeoutNanos, String op) throws InterruptedException {
    requireResultsAndTasks(op);
    int size = size();
    if (n < 1 || n > size) {
      throw new IllegalArgumentException(
          op + ": n must be between 1 and the number of tasks (" + size + "), but was " + n);
    }
    return core.await(new FirstWait<T>(op, n), timeoutNanos);
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
    return nextWithin(Deadlines.toNanos(timeout), "next(timeout)");
  }

  private Subtask<T> nextWithin(long timeoutNanos, String op) throws InterruptedException {
    requireResults(op);
    return core.await(new NextWait<T>(op), timeoutNanos);
  }

  /**
   * Iterates over the tasks in completion order, as {@link #next()} does; for the owner only. An
   * interrupt while {@code hasNext()} waits cancels the group, restores the interrupt flag and
   * throws {@link CancellationException}.
   */
  @Override
  public Iterator<Subtask<T>> iterator() {
    core.checkOwner("iterator()");
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
                    "iteration over "
                        + core.describe()
                        + " was interrupted; the group was cancelled");
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
          throw new NoSuchElementException("every task of " + core.describe() + " was returned");
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
    core.await(new SettledWait<T>("awaitCompletion()", false), -1);
  }

  /** {@link #awaitCompletion()} that waits at most {@code timeout}. */
  public void awaitCompletion(Duration timeout) throws InterruptedException {
    core.await(new SettledWait<T>("awaitCompletion(timeout)", false), Deadlines.toNanos(timeout));
  }

  // ---------------------------------------------------------------------------------------------
  // Lifecycle

  /**
   * Takes no more tasks: {@code spawn} throws from now on, and once every task has settled the
   * group is finished ({@link #onFinished}). Idempotent.
   */
  public void seal() {
    core.seal();
  }

  /**
   * Acknowledges every failure, present and future, so that {@link #close()} does not report them:
   * for fire-and-forget work whose failures the caller chose to ignore.
   */
  public void suppressErrors() {
    core.suppressErrors();
  }

  /**
   * Runs {@code callback} once the group is finished: sealed, cancelled or closed, with every task
   * settled. If it already is, runs it now on the calling thread; otherwise on the thread that
   * finishes the group (a child's, or the owner's; never the interrupt flag of a cancellation
   * set). When {@link #close()} returns, every callback has run. An exception it throws is
   * reported by {@link #close()}.
   */
  public void onFinished(Runnable callback) {
    core.onFinished(callback);
  }

  /** Whether the group is sealed, cancelled or closed and every task has settled. Any thread. */
  public boolean isFinished() {
    return core.isFinished();
  }

  /** The number of tasks spawned so far (including any that were cancelled at spawn). Any thread. */
  public int size() {
    return core.size();
  }

  /** The group's name, as used in messages and thread names. */
  public String name() {
    return core.name();
  }

  /**
   * Closes the group: cancels whatever is still running or queued, waits until every child thread
   * has terminated, then throws the failures nobody observed. After it returns (or throws), no
   * thread of the group is alive. Waiting here is not interruptible: an interrupt is remembered and
   * the flag restored on return (callbacks run here run with it clear). A second call does
   * nothing.
   *
   * @throws TaskGroupException carrying every failure that no wait returned, no {@link Subtask}
   *     read and {@link #suppressErrors()} did not acknowledge, plus any exception thrown by an
   *     {@link #onFinished} callback; its cause is the unobserved failure that settled first
   * @throws StructureViolationException if not called by the owner
   */
  @Override
  public void close() {
    core.close();
  }

  // ---------------------------------------------------------------------------------------------
  // Checks

  private void requireResults(String op) {
    if (core.isDiscarding()) {
      throw new IllegalStateException(
          op
              + " is not available on discarding "
              + core.describe()
              + ": it keeps no results; use awaitCompletion() and let close() report failures");
    }
  }

  private void requireResultsAndTasks(String op) {
    requireResults(op);
    core.checkOwner(op);
    if (size() == 0) {
      throw new IllegalStateException(
          op
              + " called on "
              + core.describe()
              + " before any task was spawned; spawn tasks first");
    }
  }

  /** See {@link GroupCore#retainedTasks()}; for tests. */
  int retainedTasks() {
    core.checkOwner("retainedTasks()");
    return core.retainedTasks();
  }

  @Override
  public String toString() {
    return core.toString();
  }
}
