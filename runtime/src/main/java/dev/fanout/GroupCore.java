package dev.fanout;

import dev.fanout.context.ContextPropagator;
import dev.fanout.context.ContextPropagators;
import dev.fanout.observe.GroupInfo;
import dev.fanout.observe.TaskGroupListener;
import dev.fanout.observe.TaskGroupListeners;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The machinery behind one {@link TaskGroup}: spawning, settling, cancelling, waiting and closing.
 * {@code TaskGroup} is the API and its contract; this class is how it is kept.
 *
 * <h2>Design</h2>
 *
 * <p><b>Threads.</b> The owner is the only thread that spawns, waits, seals and closes. A child
 * thread runs its task and then settles it. {@link #cancel} may come from any thread: the owner, a
 * child, a foreign thread, the shared {@link DeadlineTimer}, or a parent group's cascade. A child
 * thread finds its task through its uncaught-exception handler ({@link ChildTask#current()}), a
 * field every thread has: no {@code ThreadLocal} map is made for each virtual thread.
 *
 * <p><b>The hot path takes no lock.</b> An unbounded spawn allocates one {@link ChildTask}, appends
 * it to the owner-written {@link ChildList} and starts its thread. A settle publishes the outcome,
 * pushes the task on the {@link Completions} stack (one CAS), and unparks the owner only if the
 * wait it is parked in asked for that settle ({@link #waitSpec}). The owner drains the stack into
 * its {@link Ledger} and runs the {@link WaitPolicy} of its wait on its own thread: children never
 * run policy code, and a fail-fast cancellation runs on the owner, with no lock held. A wait that
 * needs no settle order ({@code all}, {@code allSettled}, {@code awaitCompletion}) does not even
 * drain while every outcome is a success ({@link #unusualOutcomes} is 0): the settle count says all
 * it needs, and the owner does not touch thousands of tasks that other cores have just written.
 * Only a bounded group takes a lock, in {@link Admission}, to hand a freed slot to the next queued
 * task.
 *
 * <p><b>One lifecycle word.</b> Sealed, closed, finished and the cancel reason live in {@link
 * Lifecycle}; each transition is one CAS, and cancellation happens exactly once. A timeout is
 * refused once the group is closed.
 *
 * <p><b>Cancellation</b> ({@link #cancel}): record the reason; cancel the groups the children
 * opened (so their owners see that reason before the interrupt); shut the admission queue and
 * settle what it held as cancelled; walk the published children and interrupt those still running
 * (see {@link ChildTask#interruptIfRunning}: no interrupt reaches a task that has begun to
 * complete); stop the deadline timer; wake the owner. No lock is held while interrupting.
 *
 * <p><b>Classification.</b> A task's exception is classified when it is thrown, on the task's
 * thread: a cancellation if the group was already cancelled, or if it is this group's own deadline
 * reaching the task through a nested group (recognized by the deadline's identity, {@link
 * #deadlineToken}, never by reading the clock); a failure otherwise, however late it settles.
 *
 * <p><b>Publication rules</b>, each a pair of volatile accesses in opposite order, so that one of
 * the two threads always sees the other:
 *
 * <ul>
 *   <li>spawn appends the task ({@link ChildList}'s volatile size) and writes its thread, then
 *       starts it, and the task reads the lifecycle before calling the task; cancel writes the
 *       lifecycle, then walks the list. A task that the walk missed, or whose thread it did not
 *       see yet, sees the cancellation and never runs.
 *   <li>a settling child counts an unusual outcome, pushes (CAS), then reads {@link #waitSpec}; the
 *       owner writes {@link #waitSpec}, then compares the settle count with what it looked at
 *       before parking. A wake-up is never lost, and a child unparks the owner only when the
 *       owner's wait can proceed (one wake-up for a 10,000-task {@code all()}, not 10,000). The
 *       owner reads the settle count before {@link #unusualOutcomes}, so a count that includes a
 *       failure's push also shows the failure.
 *   <li>a nested group registers with its parent group (under the parent's monitor), then reads
 *       the parent's lifecycle; cancel writes the lifecycle, then reads the registrations.
 *   <li>a task finishes the group (and runs the onFinished callbacks) only if the group had ended
 *       before its push; whoever ends the group later finishes it (the owner, for a foreign
 *       canceller), and {@link Lifecycle#claimFinished} makes sure that happens once.
 * </ul>
 *
 * <p><b>Memory.</b> A result-keeping group holds its tasks (their handles and results are the
 * point). A discarding group, at spawn, records what settled and compacts its list to the tasks
 * that have not finished (settled, and their thread ended or returned to the group), so it holds
 * O(running + queued + unobserved failures) whatever it has run; a handle the caller keeps still
 * has its result.
 *
 * <p><b>Threads reused.</b> A bounded group on platform threads (JDK 17, or {@code
 * -Dfanout.threads=platform}) runs its queue on at most {@code concurrency} threads of its own
 * ({@link Admission}): it starts them one at a time as the queue needs them (a new thread starts
 * the next one if work still waits), a thread that finishes a task takes the next queued one, and
 * one that finds none waits idle for the owner to hand it more. Each task starts with the
 * interrupt flag clear, the thread renamed for it and its current task set. All of them are ended
 * and joined by {@link #close()}; an idle thread also ends after a second without work.
 *
 * <p><b>Extensions cost nothing unused.</b> The context propagators and the observers of a group
 * are resolved once, at open ({@link #propagators}, {@link #observation}); both are null when
 * there are none, and every hook on the hot path is then one null check of a final field. With
 * propagators, spawn wraps the task in a {@link ContextualTask} that captured the owner's context;
 * with observers, the hooks run inline: {@code spawned} on the owner, {@code started} and {@code
 * settled} on the task's thread (settled before the push, so that it happens before any wait or
 * close that counts the task), {@code cancelled} on the canceller, {@code closed} at the end of
 * close.
 */
final class GroupCore implements GroupInfo {
  /** Marks a task spawned without a key. */
  static final Object NO_KEY = new Object();

  private static final AtomicLong GROUP_IDS = new AtomicLong();

  /** A discarding group compacts its list when it reaches twice what survived the last time. */
  private static final int COMPACT_FLOOR = 64;

  /** {@link #waitSpec} while the owner is not parked in a wait. */
  private static final long IDLE = 0;

  /** {@link #waitSpec} bit: the owner is parked (or about to be). */
  private static final long WAITING = 1L << 62;

  private static final VarHandle UNUSUAL;
  private static final VarHandle SPAWNED;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      UNUSUAL = lookup.findVarHandle(GroupCore.class, "unusualOutcomes", int.class);
      SPAWNED = lookup.findVarHandle(GroupCore.class, "spawned", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // Configuration, fixed at open.
  private final String name;
  private final boolean named;
  private final int concurrency;
  private final String threadNamePrefix; // "fanout-<name>-", for platform threads
  private final Thread owner;
  private final boolean discarding;
  private final Admission admission; // null when unbounded
  private final boolean reusesThreads;
  private final ThreadFactory customFactory; // null: ChildThreads
  private final ChildTask<?> parentTask; // the task whose thread opened this group, or null
  private final boolean hasDeadline;
  private final long deadlineNanos; // System.nanoTime() based; the earlier of own and parent's
  private final Duration timeoutBudget; // deadline minus open time, for messages

  /**
   * Identifies the deadline this group runs under: its own, or the one it inherited from the group
   * that set it. A timeout that a nested group throws carries it, so that the parent can tell its
   * own deadline reaching a child (a cancellation) from a shorter one of the child's (a failure).
   */
  private final Object deadlineToken;

  /** Global then the group's own propagators, in capture order; null if none. */
  private final ContextPropagator[] propagators;

  /** The observers of this group; null if none (see the class comment). */
  private final Observation observation;

  /** The last wait the owner called, for observers; written only when observed. */
  private String lastWait;

  private final Lifecycle life = new Lifecycle();
  private final ChildList children = new ChildList();
  private final Completions completions = new Completions();
  private final Ledger ledger; // owner only

  /** Tasks spawned so far. Written by the owner only; volatile so other threads count. */
  private volatile int spawned;

  /**
   * How many tasks settled other than successfully (failed or cancelled), counted before their
   * push. While it is 0, a wait that needs no settle order knows every outcome from the settle
   * count alone.
   */
  private volatile int unusualOutcomes;

  /** What the parked owner waits for: {@code WAITING | flags << 32 | settle count}, or IDLE. */
  private volatile long waitSpec = IDLE;

  /** The timeout that cancelled the group, once TIMEOUT; null if not known (yet). */
  private volatile Duration timedOutAfter;

  /** Whether the TIMEOUT was this group's deadline (rather than one wait's timeout). */
  private volatile boolean deadlineFired;

  private volatile Future<?> deadlineTimer; // set once, at open

  private final FinishedCallbacks callbacks = new FinishedCallbacks();
  private final NestedGroups nested = new NestedGroups(); // groups this group's tasks opened

  // Guarded by this object's monitor (rare paths only).
  private List<Thread> workers; // threads of a reusing group

  // Owner only.
  private ThreadFactory virtualFactory; // made at the first spawn, before any thread starts
  private Set<Object> keys; // keys used so far, created on the first keyed spawn
  private List<Object> keyByIndex; // created on the first keyed spawn; NO_KEY for unkeyed tasks
  private int compactAt = COMPACT_FLOOR;
  private boolean suppressAll;

  GroupCore(
      String name,
      int concurrency,
      int queueLimit,
      boolean discarding,
      ThreadFactory threadFactory,
      Duration timeout,
      Instant deadline,
      List<ContextPropagator> ownPropagators,
      List<TaskGroupListener> ownListeners) {
    this.owner = Thread.currentThread();
    this.named = name != null;
    this.concurrency = concurrency;
    this.name = name != null ? name : "g" + GROUP_IDS.incrementAndGet();
    this.threadNamePrefix = "fanout-" + this.name + "-";
    this.discarding = discarding;
    this.customFactory = threadFactory;
    this.reusesThreads = concurrency > 0 && threadFactory == null && !ChildThreads.virtual();
    this.admission =
        concurrency == 0 ? null : new Admission(concurrency, queueLimit, reusesThreads);
    this.ledger = new Ledger(discarding);
    this.parentTask = ChildTask.current();

    long now = System.nanoTime();
    boolean known = false;
    long until = 0;
    if (timeout != null) {
      until = Deadlines.add(now, timeout);
      known = true;
    }
    if (deadline != null) {
      long fromInstant = Deadlines.add(now, Duration.between(Instant.now(), deadline));
      until = known ? Deadlines.earlier(until, fromInstant) : fromInstant;
      known = true;
    }
    Object token = known ? new Object() : null;
    GroupCore parent = parentTask == null ? null : parentTask.group;
    if (parent != null && parent.hasDeadline) {
      if (!known || parent.deadlineNanos - until <= 0) {
        until = parent.deadlineNanos;
        token = parent.deadlineToken; // the parent's deadline is the one that will fire
      }
      known = true;
    }
    this.hasDeadline = known;
    this.deadlineNanos = until;
    this.deadlineToken = token;
    this.timeoutBudget = known ? Duration.ofNanos(Math.max(0, until - now)) : null;

    this.propagators = propagatorsOf(ContextPropagators.registered(), ownPropagators);
    // Last: listeners are told of a fully configured group.
    this.observation = Observation.open(this, TaskGroupListeners.registered(), ownListeners);
  }

  private static ContextPropagator[] propagatorsOf(
      List<ContextPropagator> global, List<ContextPropagator> own) {
    if (global.isEmpty() && own.isEmpty()) {
      return null;
    }
    ContextPropagator[] all = new ContextPropagator[global.size() + own.size()];
    int i = 0;
    for (ContextPropagator propagator : global) {
      all[i++] = propagator;
    }
    for (ContextPropagator propagator : own) {
      all[i++] = propagator;
    }
    return all;
  }

  /** Registers with the parent group and the deadline timer; must follow the constructor at once. */
  void arm() {
    if (parentTask != null && !parentTask.group.registerNested(this)) {
      cancelBecauseParentCancelled(); // a passed inherited deadline reads as a timeout here too
    }
    if (hasDeadline) {
      long remaining = deadlineNanos - System.nanoTime();
      if (remaining <= 0) {
        cancelBecauseDeadlinePassed();
      } else {
        deadlineTimer = DeadlineTimer.schedule(this::cancelBecauseDeadlinePassed, remaining);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Spawning (owner)

  <U> ChildTask<U> spawn(
      Object key, Callable<? extends U> task, boolean unlessCancelled, String op) {
    Objects.requireNonNull(task, "task");
    checkOwner(op);
    if (life.isSealed()) {
      throw new IllegalStateException(
          op + " called after seal() of " + describe() + ": a sealed group takes no new tasks");
    }
    registerKey(key, op);
    boolean keyUsed = false;
    try {
      if (admission != null && !life.isCancelled()) {
        awaitQueueSpace(op);
      }
      if (life.isCancelled()) {
        if (unlessCancelled) {
          return null;
        }
        ChildTask<U> never = newChild(key, null, ChildTask.QUEUED);
        keyUsed = true;
        complete(never, ChildTask.CANCELLED, null, false);
        runDueCallbacks();
        return never;
      }
      if (virtualFactory == null && customFactory == null && ChildThreads.virtual()) {
        virtualFactory = ChildThreads.virtualFactory("fanout-" + name); // once, before any start
      }
      Callable<? extends U> body =
          propagators == null ? task : ContextualTask.capture(propagators, task, this, spawned);
      ChildTask<U> child =
          newChild(key, body, admission == null ? ChildTask.RUNNING : ChildTask.QUEUED);
      keyUsed = true;
      if (admission == null) {
        launch(child);
      } else {
        switch (admission.admit(child)) {
          case START:
            launch(child);
            break;
          case REFUSED: // cancelled since the check above
            complete(child, ChildTask.CANCELLED, null, false);
            break;
          default: // QUEUED: a settling task will start it
            break;
        }
      }
      if (discarding && children.size() >= compactAt) {
        compact();
      }
      return child;
    } finally {
      if (!keyUsed && key != NO_KEY) {
        keys.remove(key); // nothing was spawned under it; user hashCode(), never under a lock
      }
    }
  }

  private <U> ChildTask<U> newChild(Object key, Callable<? extends U> task, int state) {
    int index = spawned;
    ChildTask<U> child = new ChildTask<>(this, index, task, state);
    children.add(child);
    if (keyByIndex != null && !discarding) {
      keyByIndex.add(key);
    }
    SPAWNED.setRelease(this, index + 1); // read by other threads only to count
    if (observation != null) {
      observation.spawned(index);
    }
    return child;
  }

  /**
   * Registered before the task exists, so that a key whose hashCode() throws leaves nothing behind.
   */
  private void registerKey(Object key, String op) {
    if (key == NO_KEY) {
      return;
    }
    if (keys == null) {
      keys = new HashSet<>();
    }
    if (!keys.add(key)) {
      throw new IllegalArgumentException(
          op + ": key '" + key + "' is already used in " + describe() + "; keys must be unique");
    }
    if (keyByIndex == null && !discarding) {
      keyByIndex = new ArrayList<>(Math.max(16, spawned + 1));
      for (int i = 0; i < spawned; i++) {
        keyByIndex.add(NO_KEY);
      }
    }
  }

  private void awaitQueueSpace(String op) {
    try {
      if (!admission.awaitSpace(hasDeadline, deadlineNanos)) {
        cancelBecauseDeadlinePassed();
      }
    } catch (InterruptedException e) {
      cancel(CancelReason.OWNER_INTERRUPTED, null);
      Thread.currentThread().interrupt();
      CancellationException cancelled =
          new CancellationException(
              op
                  + " was interrupted while waiting for queue space in "
                  + describe()
                  + "; the group was cancelled");
      cancelled.initCause(e);
      throw cancelled;
    }
  }

  /**
   * Drops the settled tasks of a discarding group whose threads are gone (or are the group's own
   * workers, joined at close), after recording what settled.
   */
  private void compact() {
    drain();
    children.compact(this::isFinishedWith);
    compactAt = Math.max(COMPACT_FLOOR, children.size() * 2);
  }

  private boolean isFinishedWith(ChildTask<?> task) {
    if (task.rawState() <= ChildTask.COMPLETING) {
      return false;
    }
    Thread thread = task.thread;
    return thread == null || reusesThreads || !thread.isAlive();
  }

  /**
   * Starts the thread of a task already counted as running. If the thread cannot be made or
   * started, that task fails and the next queued task (if any) gets the slot; the loop, not
   * recursion, keeps a long queue from overflowing the stack.
   */
  private void launch(ChildTask<?> first) {
    for (ChildTask<?> task = first; task != null; ) {
      try {
        Thread thread = newThread(task);
        task.thread = thread;
        thread.start();
        return;
      } catch (Throwable e) { // "unable to create native thread" is an error, and must fail the task
        task.thread = null;
        task.callable = null;
        int outcome = life.isCancelled() ? ChildTask.CANCELLED : ChildTask.FAILED;
        complete(task, outcome, e, false);
        // Its slot goes to the next queued task, which gets a thread of its own, or an idle one.
        task = reusesThreads ? admission.threadFailedToStart() : admission.release();
      }
    }
  }

  private Thread newThread(ChildTask<?> task) {
    Thread thread;
    if (customFactory != null) {
      thread = customFactory.newThread(task);
      if (thread == null) {
        throw new IllegalStateException("threadFactory " + customFactory + " returned null");
      }
    } else if (virtualFactory != null) {
      thread = virtualFactory.newThread(task);
    } else if (!reusesThreads) {
      thread = ChildThreads.newPlatformThread(task, threadName(task));
    } else {
      thread = ChildThreads.newPlatformThread(new ReusedThreadBody(this, task), threadName(task));
      synchronized (this) {
        if (workers == null) {
          workers = new ArrayList<>();
        }
        workers.removeIf(worker -> !worker.isAlive()); // ended after idling: nothing to join
        workers.add(thread);
      }
    }
    thread.setUncaughtExceptionHandler(task); // how ChildTask.current() finds the task
    return thread;
  }

  private String threadName(ChildTask<?> task) {
    return threadNamePrefix + task.index();
  }

  // ---------------------------------------------------------------------------------------------
  // Running and settling (child threads)

  /** The body of a child thread that runs one task (virtual threads, a custom factory). */
  void runTask(ChildTask<?> task) {
    runOne(task);
    if (admission != null) {
      ChildTask<?> next = admission.release();
      if (next != null) {
        launch(next);
      }
    }
  }

  /**
   * The body of a reusing group's thread: runs its first task, then the queued ones, waiting idle
   * for the owner to hand it more, until the group retires its threads. An idle thread references
   * no task (not even as its Runnable or its uncaught-exception handler), so a discarding group's
   * settled tasks stay collectable.
   */
  private void runReused(ReusedThreadBody body) {
    // Pass the start on first: if work is still queued with no idle thread for it, the next thread
    // starts from here, so the owner's spawn never waits for more than one thread start at a time.
    ChildTask<?> waiting = admission.threadStarted();
    if (waiting != null) {
      launch(waiting);
    }
    Thread current = Thread.currentThread();
    Admission.IdleThread self = new Admission.IdleThread();
    ChildTask<?> task = body.takeFirst();
    while (task != null) {
      runOne(task);
      task = null;
      Thread.interrupted(); // see complete(): no cancellation interrupt can arrive after this
      current.setUncaughtExceptionHandler(null);
      task = admission.nextTask(self, true);
      ChildTask<?> more = self.toStart; // work still queued with no thread for it
      if (more != null) {
        self.toStart = null;
        launch(more);
      }
      if (task != null) {
        current.setName(threadName(task)); // so that a thread dump tells which task it runs
        current.setUncaughtExceptionHandler(task);
        task.thread = current; // before runOne reads the lifecycle: see the publication rules
      }
    }
  }

  /**
   * The Runnable of a reusing group's thread. It hands over its first task once, rather than being
   * that task, so that the thread (whose target it is for life) does not keep the task.
   */
  private static final class ReusedThreadBody implements Runnable {
    private final GroupCore group;
    private ChildTask<?> first; // written before Thread.start(), taken once by the thread

    ReusedThreadBody(GroupCore group, ChildTask<?> first) {
      this.group = group;
      this.first = first;
    }

    ChildTask<?> takeFirst() {
      ChildTask<?> task = first;
      first = null;
      return task;
    }

    @Override
    public void run() {
      group.runReused(this);
    }
  }

  /** Runs one task to its outcome and settles it (its slot is the caller's to hand over). */
  private void runOne(ChildTask<?> task) {
    Callable<?> callable = task.callable;
    task.callable = null; // the result may outlive the task's captures; let them go
    Object value = null;
    Throwable failure = null;
    Object token = null;
    int outcome;
    if (life.isCancelled()) {
      outcome = ChildTask.CANCELLED; // never called
    } else {
      if (observation != null) {
        token = observation.started(task.index());
      }
      try {
        value = callable.call();
        outcome = ChildTask.SUCCEEDED;
      } catch (Throwable t) { // errors too: a StackOverflowError is a failure to report, not lose
        failure = t;
        // Classified now, when it was thrown: a failure that happened before any cancellation was
        // requested is a real failure even if it settles after one.
        outcome = isCancellation(t) ? ChildTask.CANCELLED : ChildTask.FAILED;
      }
    }
    Throwable leftOpen = closeGroupsLeftOpen(task, failure);
    if (leftOpen != null) {
      failure = leftOpen;
      outcome = ChildTask.FAILED;
    }
    complete(task, outcome, outcome == ChildTask.SUCCEEDED ? value : failure, true, token);
  }

  /**
   * Whether a task's exception is this group's cancellation rather than a failure: the group was
   * already cancelled when it was thrown, or it is this group's own deadline reaching the task
   * through a nested group that inherited it (whichever of the two timers fired first).
   */
  private boolean isCancellation(Throwable thrown) {
    if (life.isCancelled()) {
      return true;
    }
    if (deadlineToken != null
        && thrown instanceof TaskGroupTimeoutException
        && ((TaskGroupTimeoutException) thrown).deadlineToken() == deadlineToken) {
      cancelBecauseDeadlinePassed();
      return true;
    }
    return false;
  }

  /**
   * Settles {@code task}: publishes its outcome, pushes it in settle order, wakes the owner if its
   * wait asked for this, and runs the onFinished callbacks if this finishes the group. A slot the
   * task held is its caller's to hand over.
   *
   * @param onTaskThread whether the caller is the task's own thread (whose interrupt flag is then
   *     cleared, and which may finish the group)
   */
  private void complete(ChildTask<?> task, int outcome, Object value, boolean onTaskThread) {
    complete(task, outcome, value, onTaskThread, null);
  }

  /**
   * @param startToken what the observers' {@code started} returned for this task, if it started
   */
  private void complete(
      ChildTask<?> task, int outcome, Object value, boolean onTaskThread, Object startToken) {
    if (!task.beginCompletion()) {
      throw new AssertionError("completed twice: " + task);
    }
    task.setOutcome(value); // a discarding group lets go of the task; a handle may keep it
    if (discarding && outcome == ChildTask.FAILED) {
      cancel(CancelReason.TASK_FAILED, null); // a discarding group fails fast, waited on or not
    }
    // Read before the push: this task finishes the group only if the group had already ended
    // (sealed, closed or cancelled) when it settled. A group that ends later is finished by
    // whoever ends it; a foreign canceller leaves the callbacks to the owner.
    boolean endedBefore = onTaskThread && life.isEnded();
    if (observation != null) { // before the push: a wait or close that counts it comes after
      observation.settled(
          task.index(),
          ChildTask.settledState(outcome),
          outcome == ChildTask.SUCCEEDED ? null : (Throwable) value,
          startToken);
    }
    if (outcome != ChildTask.SUCCEEDED) {
      UNUSUAL.getAndAdd(this, 1); // before the push: whoever counts the push sees this too
    }
    int seq = completions.push(task);
    task.publish(outcome);
    long spec = waitSpec;
    if (spec != IDLE && wakes(spec, seq, outcome)) {
      LockSupport.unpark(owner);
    }
    if (endedBefore && seq == spawned) {
      // No canceller interrupts a completing task, so whatever a cancellation left is cleared once
      // and for all: the callbacks must not see it (nor, on a reused thread, the next task).
      Thread.interrupted();
      runCallbacksIfFinished(); // this task finished the group
    }
  }

  private static boolean wakes(long spec, int seq, int outcome) {
    int flags = (int) (spec >>> 32);
    return seq >= (int) spec
        || (flags & WaitPolicy.WAKE_ON_EACH) != 0
        || (outcome == ChildTask.FAILED && (flags & WaitPolicy.WAKE_ON_FAILURE) != 0)
        || (outcome == ChildTask.SUCCEEDED && (flags & WaitPolicy.WAKE_ON_SUCCESS) != 0);
  }

  /**
   * A task that returns with a group it opened still open would leave that group's threads running
   * past it: close them here (innermost first) and turn the mistake into the task's failure.
   *
   * @return the failure to report instead, or null if the task left nothing open
   */
  private Throwable closeGroupsLeftOpen(ChildTask<?> task, Throwable failure) {
    if (nested.innermostOpenedBy(task) == null) {
      return null;
    }
    int count = 0;
    List<Throwable> closeFailures = new ArrayList<>();
    // Each close() unregisters its group; re-reading also catches a group opened meanwhile (by an
    // onFinished callback, say). Bounded, in case a close() fails before it could unregister.
    for (int attempts = 0; attempts < 10_000; attempts++) {
      GroupCore innermost = nested.innermostOpenedBy(task);
      if (innermost == null) {
        break;
      }
      count++;
      try {
        innermost.close();
      } catch (Throwable e) { // whatever close() throws, the task must still settle
        closeFailures.add(e);
      }
      unregisterNested(innermost);
    }
    StructureViolationException violation =
        new StructureViolationException(
            "task #"
                + task.index()
                + " of "
                + describe()
                + " returned with "
                + count
                + " TaskGroup(s) it opened still open; open nested groups in try-with-resources"
                + " so they close before the task returns");
    closeFailures.forEach(violation::addSuppressed);
    if (failure != null) {
      violation.addSuppressed(failure);
    }
    return violation;
  }

  // ---------------------------------------------------------------------------------------------
  // Nested groups

  /** Records a group opened by one of this group's tasks; false if this group is cancelled. */
  boolean registerNested(GroupCore group) {
    nested.add(group);
    return !life.isCancelled();
  }

  void unregisterNested(GroupCore group) {
    nested.remove(group);
  }

  /** The task whose thread opened this group, or null. */
  ChildTask<?> parentTask() {
    return parentTask;
  }

  private void cancelNestedGroups() {
    GroupCore[] open = nested.snapshot();
    if (open != null) {
      for (GroupCore group : open) {
        group.cancelBecauseParentCancelled();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Cancellation (any thread)

  /** {@link TaskGroup#cancel()}. */
  void cancelByUser() {
    cancel(CancelReason.CANCEL_CALLED, null);
    if (Thread.currentThread() == owner || isOwnChild(ChildTask.current())) {
      runDueCallbacksOnAnyOwnThread();
    }
    // Another thread: close() could not wait for callbacks it runs. The owner runs them at its next
    // call (every owner call does), at the latest in close().
  }

  /** The parent's cascade. A passed inherited deadline is reported as a timeout. */
  void cancelBecauseParentCancelled() {
    if (hasDeadline && deadlineNanos - System.nanoTime() <= 0) {
      cancelBecauseDeadlinePassed();
    } else {
      cancel(CancelReason.PARENT_CANCELLED, null);
    }
  }

  /** The deadline timer, and whoever notices first that the deadline has passed. */
  private void cancelBecauseDeadlinePassed() {
    // Before the CAS: a reader that sees TIMEOUT must also see that it was the deadline. True from
    // here on whatever the CAS does, since the deadline has passed either way.
    deadlineFired = true;
    if (life.cancel(CancelReason.TIMEOUT)) {
      timedOutAfter = timeoutBudget;
      afterCancel(CancelReason.TIMEOUT);
    }
  }

  /**
   * Cancels the group for {@code reason}, once: later calls do nothing.
   *
   * @param timeout for a TIMEOUT, the timeout that elapsed
   */
  void cancel(CancelReason reason, Duration timeout) {
    if (life.cancel(reason)) {
      if (reason == CancelReason.TIMEOUT) {
        timedOutAfter = timeout;
      }
      afterCancel(reason);
    }
  }

  private void afterCancel(CancelReason reason) {
    try {
      if (observation != null) {
        observation.cancelled(reason); // before the tasks it cancels settle
      }
      cancelNestedGroups(); // first: their owners must see this reason before the interrupt
      if (admission != null) {
        for (ChildTask<?> queued : admission.shut()) {
          queued.callable = null;
          complete(queued, ChildTask.CANCELLED, null, false);
        }
      }
      children.forEach(ChildTask::interruptIfRunning);
    } finally {
      Future<?> timer = deadlineTimer;
      if (timer != null && reason != CancelReason.TIMEOUT) {
        timer.cancel(false);
      }
      LockSupport.unpark(owner);
    }
  }

  boolean isCancelled() {
    return life.isCancelled();
  }

  CancelReason cancelReason() {
    return life.reason();
  }

  private boolean isOwnChild(ChildTask<?> task) {
    return task != null && task.group == this;
  }

  // ---------------------------------------------------------------------------------------------
  // Waiting (owner)

  /**
   * The one wait loop: drains what settled, lets {@code policy} cancel the group and answer, and
   * otherwise parks until a settle the policy cares about, a cancellation or a deadline.
   *
   * @param timeoutNanos the wait's own timeout, or -1
   */
  <R> R await(WaitPolicy<R> policy, long timeoutNanos) throws InterruptedException {
    String op = policy.op();
    checkOwner(op);
    if (observation != null) {
      lastWait = op;
    }
    boolean timedCall = timeoutNanos >= 0;
    long callDeadline = timedCall ? System.nanoTime() + timeoutNanos : 0;
    try {
      for (; ; ) {
        int n = spawned;
        int observed = completions.settledCount(); // before unusualOutcomes: see complete()
        if (policy.needsSettleOrder() || unusualOutcomes != 0) {
          drain();
          observed = ledger.settled;
        } else if (observed == n) {
          // Every outcome is a success and this wait needs no order: the count is all it needs,
          // so it does not walk tasks that other cores just wrote (see the class comment).
          return policy.answer(this, ledger);
        }
        CancelReason decision = policy.cancelReason(ledger, n);
        if (decision != null) {
          cancel(decision, null);
        }
        if (policy.isDone(ledger, n)) {
          return policy.answer(this, ledger);
        }
        if (life.reason() == CancelReason.TIMEOUT) {
          throw timeoutException(op, timedOutAfter, deadlineFired);
        }
        boolean timed = hasDeadline || timedCall;
        long until =
            hasDeadline && timedCall
                ? Deadlines.earlier(deadlineNanos, callDeadline)
                : hasDeadline ? deadlineNanos : callDeadline;
        long remaining = timed ? until - System.nanoTime() : 0;
        if (timed && remaining <= 0) {
          boolean groupDeadlineFirst =
              hasDeadline && (!timedCall || deadlineNanos - callDeadline <= 0);
          Duration elapsed = groupDeadlineFirst ? timeoutBudget : Duration.ofNanos(timeoutNanos);
          if (groupDeadlineFirst) {
            cancelBecauseDeadlinePassed();
          } else {
            cancel(CancelReason.TIMEOUT, elapsed);
          }
          throw timeoutException(op, elapsed, groupDeadlineFirst);
        }
        if (Thread.interrupted()) {
          cancel(CancelReason.OWNER_INTERRUPTED, null);
          throw new InterruptedException(
              op + " was interrupted; " + describe() + " was cancelled");
        }
        park(policy.wakeOn(life.isCancelled()), n, observed, timed, remaining);
      }
    } finally {
      runDueCallbacks();
    }
  }

  /**
   * Parks the owner until a settle that {@code flags} names, the {@code target}-th settle, an
   * unpark from a cancellation, or {@code nanos} (if {@code timed}). May return spuriously.
   *
   * @param observed how many settled tasks the caller has taken into account
   */
  private void park(int flags, int target, int observed, boolean timed, long nanos) {
    waitSpec = WAITING | (long) flags << 32 | target;
    try {
      if (completions.settledCount() != observed) {
        return; // settled since the caller looked: re-examine before sleeping
      }
      if (timed) {
        LockSupport.parkNanos(this, nanos);
      } else {
        LockSupport.park(this);
      }
    } finally {
      waitSpec = IDLE;
    }
  }

  /** Moves what settled since the last call into the ledger. Owner only. */
  void drain() {
    ChildTask<?> settled = completions.drain();
    if (settled != null) {
      ledger.record(settled);
    }
  }

  /**
   * Waits out the instant between a task's push and the publication of its settled state (see
   * {@link ChildTask}), so that every handle reads settled once a wait for all tasks returns.
   * Owner only, once every task has been counted as settled.
   */
  void awaitPublishedStates() {
    for (int i = 0, n = children.size(); i < n; i++) {
      ChildTask<?> task = children.get(i);
      if (task != null) {
        task.awaitSettledState();
      }
    }
  }

  /** For race/any/first: the answer covers every failure so far and every loser still to settle. */
  void answeredWithWinner() {
    ledger.markFailuresObserved(children);
    ledger.observeLateFailures = true;
  }

  ChildList children() {
    return children;
  }

  /**
   * How many tasks the group still references, after letting go of what it can: the measure of a
   * discarding group's promise (O(running + queued + unobserved failures)). Owner only; for tests.
   */
  int retainedTasks() {
    if (discarding) {
      compact();
    }
    return children.size();
  }

  List<Object> keys() {
    return keyByIndex;
  }

  int size() {
    return spawned;
  }

  // ---------------------------------------------------------------------------------------------
  // Exceptions of waits

  /** For all()/allKeyed(): a failure, a timeout or a cancellation leaves the results incomplete. */
  void throwIfIncomplete(String op) {
    if (ledger.failed > 0 && life.reason() != CancelReason.TIMEOUT) {
      throw failure(op + ": " + ledger.failed + " of " + spawned + " tasks failed");
    }
    if (ledger.cancelled > 0 || ledger.failed > 0) {
      throw cancellation(op);
    }
  }

  void throwIfTimeoutCancelledWork(String op) {
    if (life.reason() == CancelReason.TIMEOUT && ledger.cancelled > 0) {
      throw timeoutException(op, timedOutAfter, deadlineFired);
    }
  }

  /** Every failure so far, with the first to settle as the cause; they count as observed. */
  TaskGroupException failure(String message) {
    ChildTask<?> first = ledger.firstFailure;
    return new TaskGroupException(
        message + "; first failure: " + describeFailure(first),
        first.failure(),
        ledger.takeFailures(children));
  }

  RuntimeException cancellation(String op) {
    CancelReason reason = life.reason();
    if (reason == CancelReason.TIMEOUT) {
      return timeoutException(op, timedOutAfter, deadlineFired);
    }
    CancellationException cancelled =
        new CancellationException(
            op + " cannot complete: " + describe() + " was cancelled because " + reason);
    ledger.takeFailures(children).forEach(cancelled::addSuppressed);
    return cancelled;
  }

  private TaskGroupTimeoutException timeoutException(
      String op, Duration elapsed, boolean groupDeadline) {
    Duration timeout = elapsed != null ? elapsed : timeoutBudget;
    return new TaskGroupTimeoutException(
        op
            + " timed out: "
            + describe()
            + " ran past its timeout of "
            + Deadlines.format(timeout)
            + "; "
            + (spawned - ledger.settled)
            + " unsettled task(s) were cancelled",
        timeout,
        ledger.takeFailures(children),
        groupDeadline ? deadlineToken : null);
  }

  /**
   * Names a failure for a message without calling its toString() or getMessage(), which are user
   * code; the failure itself travels as the cause.
   */
  static String describeFailure(ChildTask<?> failed) {
    return failed.failure().getClass().getName() + " from task #" + failed.index();
  }

  // ---------------------------------------------------------------------------------------------
  // Lifecycle (owner, except isFinished)

  void seal() {
    checkOwner("seal()");
    life.seal();
    runDueCallbacks();
  }

  void suppressErrors() {
    checkOwner("suppressErrors()");
    suppressAll = true;
    drain();
    ledger.markFailuresObserved(children);
    ledger.observeLateFailures = true;
  }

  void onFinished(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    checkOwner("onFinished()");
    if (!callbacks.add(callback)) {
      callbacks.run(callback); // the group finished and its callbacks ran: this one runs now
      return;
    }
    // Also runs it now if the group finished without anyone running its callbacks yet (the
    // deadline timer and foreign cancels leave them to the owner).
    runDueCallbacks();
  }

  /** Whether the group is sealed, cancelled or closed and every task has settled. Any thread. */
  boolean isFinished() {
    return life.isEnded() && completions.settledCount() == spawned;
  }

  /**
   * The owner's check at the end of each call: runs the callbacks if the group is finished. With
   * no callback registered there is nothing to claim: onFinished() checks again.
   */
  private void runDueCallbacks() {
    if (callbacks.isEmpty() || life.isFinishedClaimed() || !life.isEnded()) {
      return;
    }
    drain(); // every settled task has published its state before a callback can look
    if (ledger.allSettled(spawned)) {
      runCallbacksIfFinished();
    }
  }

  private void runDueCallbacksOnAnyOwnThread() {
    if (Thread.currentThread() == owner) {
      runDueCallbacks();
    } else if (isFinished()) {
      runCallbacksIfFinished();
    }
  }

  private void runCallbacksIfFinished() {
    if (life.claimFinished()) {
      callbacks.run(callbacks.take());
    }
  }

  /** {@link TaskGroup#close()}. */
  void close() {
    Thread current = Thread.currentThread();
    if (current != owner) {
      throw new StructureViolationException(wrongThreadMessage("close()", current));
    }
    if (life.isClosed()) {
      return;
    }
    // Waiting here is not interruptible, and the callbacks close() runs must not see the owner's
    // interrupt either: the flag is taken now and restored on the way out.
    boolean interrupted = Thread.interrupted();
    try {
      life.close(); // from now on a deadline cannot mark the group timed out
      int n = spawned;
      if (completions.settledCount() != n) {
        cancel(CancelReason.CLOSED, null);
      }
      for (int observed; (observed = completions.settledCount()) != n; ) {
        park(0, n, observed, false, 0);
        interrupted |= Thread.interrupted();
      }
      if (unusualOutcomes != 0) {
        drain(); // failures to report; with none, there is nothing to record
      }
      if (admission != null) {
        admission.retireThreads();
      }
      interrupted |= joinThreads();
      Future<?> timer = deadlineTimer;
      if (timer != null) {
        timer.cancel(false);
      }
      if (parentTask != null) {
        parentTask.group.unregisterNested(this);
      }
      runDueCallbacks();
      if (observation != null) {
        observation.closed(
            lastWait,
            n,
            ledger.failed,
            ledger.cancelled,
            life.reason(),
            timedOutAfter != null ? timedOutAfter : timeoutBudget);
      }
      throwUnobservedFailures();
    } finally {
      if (interrupted) {
        current.interrupt();
      }
    }
  }

  /**
   * Joins every thread the group started, so that none is alive when close() returns.
   *
   * @return whether the owner was interrupted meanwhile
   */
  private boolean joinThreads() {
    boolean interrupted = false;
    // The thread of the task that settled last first: threads end about in the order their tasks
    // settle, so once it has ended the others mostly have too, and the owner parks once rather
    // than once per thread.
    ChildTask<?> newest = completions.newest();
    if (newest == null) {
      newest = ledger.last();
    }
    if (newest != null) {
      interrupted |= joinUninterruptibly(newest.thread);
    }
    for (int i = 0, n = children.size(); i < n; i++) {
      ChildTask<?> task = children.get(i);
      interrupted |= joinUninterruptibly(task.thread);
      task.forgetThread(); // a terminated thread is dead weight in a long-lived result list
    }
    List<Thread> reused;
    synchronized (this) {
      reused = workers;
    }
    if (reused != null) {
      for (Thread thread : reused) {
        interrupted |= joinUninterruptibly(thread);
      }
    }
    return interrupted;
  }

  private static boolean joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (thread != null) {
      try {
        thread.join();
        thread = null;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    return interrupted;
  }

  private void throwUnobservedFailures() {
    List<Throwable> unobserved = new ArrayList<>();
    ChildTask<?> firstToSettle = null;
    if (ledger.failed > 0 && !suppressAll) {
      for (ChildTask<?> task : ledger.failedInSpawnOrder(children)) {
        if (!task.isObserved()) {
          if (firstToSettle == null || task.seq < firstToSettle.seq) {
            firstToSettle = task;
          }
          task.markObserved();
          unobserved.add(task.failure());
        }
      }
    }
    unobserved.addAll(callbacks.takeFailures());
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

  // ---------------------------------------------------------------------------------------------
  // Structure checks and descriptions

  void checkOwner(String op) {
    Thread current = Thread.currentThread();
    if (current != owner) {
      throw new StructureViolationException(wrongThreadMessage(op, current));
    }
    if (life.isClosed()) {
      throw new StructureViolationException(
          op + " called after close() of " + describe() + "; open a new group instead");
    }
  }

  private String wrongThreadMessage(String op, Thread current) {
    ChildTask<?> task = ChildTask.current();
    if (isOwnChild(task)) {
      return op
          + " called from inside task #"
          + task.index()
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

  // GroupInfo, for observers (any thread)

  @Override
  public boolean isDiscarding() {
    return discarding;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean isNamed() {
    return named;
  }

  @Override
  public Thread owner() {
    return owner;
  }

  @Override
  public int concurrency() {
    return concurrency;
  }

  @Override
  public GroupInfo parent() {
    return parentTask == null ? null : parentTask.group;
  }

  String describe() {
    return "group '" + name + "'";
  }

  @Override
  public String toString() {
    int n = spawned;
    int queued = admission == null ? 0 : admission.queued();
    CancelReason reason = life.reason();
    return "TaskGroup[name="
        + name
        + ", owner="
        + owner.getName()
        + ", size="
        + n
        + ", running="
        + Math.max(0, n - completions.settledCount() - queued)
        + ", queued="
        + queued
        + (reason != null ? ", cancelled because " + reason : "")
        + (life.isClosed() ? ", closed" : "")
        + "]";
  }
}
