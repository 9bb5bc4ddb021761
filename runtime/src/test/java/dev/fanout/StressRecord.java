package dev.fanout;

import dev.fanout.Subtask.State;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the test saw while one scenario of {@link FaultMixStressTest} ran: facts only, gathered
 * through TaskGroup's public API and the task bodies; {@link StressOracle} judges them.
 *
 * <p>Fields written by a group's owner are read by the oracle only after the scenario's owner
 * thread has finished, which happens after every child thread has terminated (close() joins
 * them): those reads need no further synchronization.
 */
final class StressRecord {

  /** A call the owner made on a group or a handle. */
  enum OpKind {
    SPAWN("spawn()"),
    ALL("all()"),
    ALL_KEYED("allKeyed()"),
    ALL_SETTLED("allSettled()"),
    RACE("race()"),
    ANY("any()"),
    FIRST("first(n)"),
    NEXT("next()"),
    ITERATION("iteration"),
    AWAIT_COMPLETION("awaitCompletion()"),
    CANCEL("cancel()"),
    SUPPRESS_ERRORS("suppressErrors()"),
    ON_FINISHED("onFinished()"),
    GET("Subtask.get()"),
    EXCEPTION("Subtask.exception()");

    final String label;

    OpKind(String label) {
      this.label = label;
    }

    boolean isWait() {
      return ordinal() >= ALL.ordinal() && ordinal() <= AWAIT_COMPLETION.ordinal();
    }

    /** race(), any() and first(n) cancel the losers once they have their answer. */
    boolean endsTheGroupWithItsAnswer() {
      return this == RACE || this == ANY || this == FIRST;
    }
  }

  /**
   * The outcome of one call, captured the moment it returned or threw.
   *
   * @param task the handle's task for GET and EXCEPTION, else -1
   * @param thrown what it threw, or null if it returned
   * @param suppressedWhenCaught {@code thrown}'s suppressed exceptions when caught (close() may add
   *     its own later, in try-with-resources)
   * @param interruptFlag the owner's interrupt flag right after the call
   * @param groupCancelled {@code isCancelled()} right after the call
   * @param ownerTaskCancelled for a nested group: whether the task that owns it was cancelled
   * @param stateBefore for GET and EXCEPTION: the handle's state just before the call
   */
  record Op(
      OpKind kind,
      int task,
      Throwable thrown,
      List<Throwable> suppressedWhenCaught,
      boolean interruptFlag,
      boolean groupCancelled,
      boolean ownerTaskCancelled,
      State stateBefore) {}

  /** A value read through {@code Subtask.get()}. */
  record Read(int task, Object value) {}

  /** An onFinished callback. */
  static final class Callback {
    final boolean throwsFailure;
    final AtomicInteger runs = new AtomicInteger();
    volatile Throwable failure;
    /** How often it had run when its group's close() returned; -1 until then. */
    int runsWhenClosed = -1;

    Callback(boolean throwsFailure) {
      this.throwsFailure = throwsFailure;
    }
  }

  /** One task, as its owner spawned it and as its body saw itself run. */
  static final class Task {
    final StressPlan.TaskPlan plan;
    final Group group;
    /** The handle spawn() returned; null if spawn() threw. */
    Subtask<Object> handle;
    /** Whether the owner saw the group cancelled just before spawning it. */
    boolean groupCancelledAtSpawn;
    volatile boolean started;
    volatile boolean returned;
    /** The exception instance the body threw, if any. */
    volatile Throwable thrown;
    /** isCurrentTaskCancelled() as the body threw. */
    volatile boolean cancelledWhenThrown;
    /** The predecessor's state once this task stopped waiting for it; null if still unsettled. */
    volatile State predecessorSeen;
    /** The group this task opened, if any. */
    volatile Group nested;

    Task(StressPlan.TaskPlan plan, Group group) {
      this.plan = plan;
      this.group = group;
    }

    int index() {
      return plan.index();
    }

    String label() {
      return "task #" + index() + (group.openedBy == null ? "" : " of " + group.label);
    }
  }

  /** One group: the scenario's own, or one a task opened. */
  static final class Group {
    final StressPlan plan;
    /** The task whose body opened this group; null for the scenario's own group. */
    final Task openedBy;
    final String label;
    /** Spawn order. */
    final List<Task> tasks = new ArrayList<>();
    final List<Op> ops = new ArrayList<>();
    final List<Read> reads = new ArrayList<>();
    final List<Callback> callbacks = new ArrayList<>();
    /** Every exception the owner caught from a call, and every failure it read from a handle. */
    final Set<Throwable> caught = Collections.newSetFromMap(new IdentityHashMap<>());
    /** What was reachable from {@link #caught} just before close() (which adds to it). */
    Set<Throwable> seenBeforeClose = Set.of();
    final Queue<Thread> threads = new ConcurrentLinkedQueue<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    volatile boolean cancelCalled;
    boolean suppressErrorsCalled;
    /** Whether open() returned. */
    boolean opened;
    /** Whether the owner returned without closing it. */
    boolean leftOpen;
    /** The LeaveEarly exception the owner threw, if it did. */
    Throwable leftEarlyWith;
    /** What left the try-with-resources statement, if anything. */
    Throwable escaped;
    /** What close() threw, if anything. */
    Throwable closeThrew;
    /** Threads of this group (for the scenario's group: of every group) alive after close(). */
    List<String> aliveAfterClose = List.of();
    /** Whether the strategy's wait returned normally, and what. */
    boolean waitReturned;
    Object waitResult;
    /** allSettled() and awaitCompletion(): whether every handle was settled when it returned. */
    boolean everySettledWhenWaitReturned = true;
    /** next() loop and iteration: the handles in the order they came back. */
    final List<Subtask<Object>> completionOrder = new ArrayList<>();
    boolean drained;
    /**
     * From the state watcher, by task index: the number of the watcher's first read that
     * found the task settled ({@code Long.MAX_VALUE}: never), and of its last read that found it
     * unsettled (-1: none). null when the group was not watched.
     */
    long[] firstReadSettled;
    long[] lastReadUnsettled;

    Group(StressPlan plan, Task openedBy) {
      this.plan = plan;
      this.openedBy = openedBy;
      this.label = openedBy == null ? "the group" : "the group opened by " + openedBy.label();
    }

    void enter() {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    void exit() {
      inFlight.decrementAndGet();
    }

    /**
     * Whether {@code a} settled before {@code b}, as far as the test knows for sure: {@code b} saw
     * it settled before {@code b} itself began to settle. (A watcher that reads {@code a} settled
     * and then {@code b} still unsettled proves less: a handle turns settled a moment after its
     * task takes its place in completion order, so of two tasks settling at the same instant the
     * later may show settled first. Subtask.state() documents this.)
     */
    boolean settledBefore(Task a, Task b) {
      return b.plan.predecessor() == a.index() && b.predecessorSeen != null;
    }

    int spawned() {
      int count = 0;
      for (Task task : tasks) {
        if (task.handle != null) {
          count++;
        }
      }
      return count;
    }
  }

  final long seed;
  final StressPlan plan;
  /** Every group of the scenario, the scenario's own first. */
  final Queue<Group> groups = new ConcurrentLinkedQueue<>();
  /** Every exception instance a task body threw, tagged by its task. */
  final Map<Throwable, Task> thrownBy = new ConcurrentHashMap<>();
  final Queue<String> uncaught = new ConcurrentLinkedQueue<>();
  volatile boolean ownerInterrupted;
  /** An exception that escaped the test's own owner code: a bug in the test. */
  volatile Throwable ownerCrashed;

  StressRecord(StressPlan plan) {
    this.seed = plan.seed;
    this.plan = plan;
  }
}
