package dev.fanout;

import dev.fanout.StressPlan.SuppressAt;
import dev.fanout.StressPlan.TaskPlan;
import dev.fanout.StressRecord.Callback;
import dev.fanout.StressRecord.Group;
import dev.fanout.StressRecord.Op;
import dev.fanout.StressRecord.OpKind;
import dev.fanout.StressRecord.Read;
import dev.fanout.StressRecord.Task;
import dev.fanout.Subtask.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays the owner of one group of a {@link StressRun}: opens it, spawns the plan's tasks, waits as
 * the plan says, and closes it (or, for a nested group left open, does not). Records every call
 * and its outcome in a {@link Group}; judges nothing.
 */
final class StressOwner {
  /** The most a task waits for a gate, a predecessor or an interrupt: a safety net, not a timing. */
  static final Duration TASK_BOUND = Duration.ofMillis(100);

  private final StressRun run;
  private final StressPlan plan;
  private final Group rec;
  /** The owner's own choices (which handles to read); owner thread only. */
  private final Random decisions;
  /** The handles by task index, published for tasks that wait for a predecessor (and the watcher). */
  private final AtomicReferenceArray<Subtask<Object>> handles;
  private TaskGroup<Object> group;

  StressOwner(StressRun run, Group rec) {
    this.run = run;
    this.plan = rec.plan;
    this.rec = rec;
    this.decisions = new Random(plan.seed * 31 + 17);
    this.handles = new AtomicReferenceArray<>(plan.tasks.size());
  }

  /**
   * Opens the group in try-with-resources, plays the plan and lets the statement close it.
   *
   * @return what left the try-with-resources statement, or null
   */
  @SuppressWarnings("try") // the resource is the group field that play() uses
  Throwable playAndClose() {
    Throwable bodyThrew = null;
    int suppressedBeforeClose = 0;
    Throwable escaped = null;
    try (TaskGroup<Object> opened = open()) {
      try {
        play();
      } catch (Throwable t) {
        bodyThrew = t;
        suppressedBeforeClose = t.getSuppressed().length;
        throw t;
      } finally {
        rec.seenBeforeClose = StressOracle.reachable(rec.caught);
      }
    } catch (Throwable t) {
      escaped = t;
    }
    afterClose();
    rec.escaped = escaped;
    if (escaped != null && escaped != bodyThrew) {
      rec.closeThrew = escaped;
    } else if (escaped != null && escaped.getSuppressed().length > suppressedBeforeClose) {
      rec.closeThrew = escaped.getSuppressed()[suppressedBeforeClose];
    }
    if (escaped != null) {
      rec.caught.add(escaped);
    }
    return escaped;
  }

  /** Opens the group, plays the plan and returns with the group still open. */
  void playLeftOpen() throws Exception {
    open();
    rec.leftOpen = true;
    try {
      play();
    } catch (Throwable t) {
      rec.escaped = t;
      rec.caught.add(t);
      throw t;
    }
  }

  private TaskGroup<Object> open() {
    TaskGroup.Builder builder = TaskGroup.builder();
    if (plan.concurrency > 0) {
      builder.concurrency(plan.concurrency);
    }
    if (plan.queueLimit >= 0) {
      builder.queueLimit(plan.queueLimit);
    }
    if (plan.groupTimeout != null) {
      builder.timeout(plan.groupTimeout);
    }
    if (plan.strategy == StressPlan.Strategy.DISCARDING_AWAIT) {
      builder.discarding();
    }
    group = builder.open();
    rec.opened = true;
    if (rec.openedBy == null) {
      run.groupOpened(group, handles);
    }
    return group;
  }

  /** Right after close(): which threads are still alive, and how often each callback ran. */
  private void afterClose() {
    List<String> alive = new ArrayList<>();
    for (Group g : rec.openedBy == null ? run.record.groups : List.of(rec)) {
      for (Thread thread : g.threads) {
        if (thread.isAlive()) {
          alive.add(thread.getName() + " (" + g.label + ")");
        }
      }
      for (Callback callback : g.callbacks) {
        if (callback.runsWhenClosed < 0) {
          callback.runsWhenClosed = callback.runs.get();
        }
      }
    }
    rec.aliveAfterClose = alive;
  }

  private void play() throws Exception {
    registerCallbacks(plan.callbacksBefore);
    if (plan.suppressErrors == SuppressAt.BEFORE_SPAWNING) {
      suppressErrors();
    }
    int size = plan.tasks.size();
    for (int i = 0; i < size; i++) {
      if (plan.ownerCancelBefore == i) {
        cancel();
      }
      if (plan.leaveBefore == i) {
        throw leaveEarly("before spawning task #" + i);
      }
      spawn(plan.tasks.get(i));
    }
    if (plan.ownerCancelBefore == size) {
      cancel();
    }
    if (rec.openedBy == null) {
      run.waitStarts();
    }
    try {
      await();
    } catch (Throwable t) {
      if (plan.propagateWaitFailure) {
        throw t;
      }
    }
    if (plan.readHandlesAfterWaiting) {
      readSomeHandles();
    }
    if (plan.suppressErrors == SuppressAt.AFTER_WAITING) {
      suppressErrors();
    }
    registerCallbacks(plan.callbacksAfter);
    if (plan.leaveAfterWaiting) {
      throw leaveEarly("after waiting");
    }
  }

  private LeaveEarly leaveEarly(String when) {
    LeaveEarly leave = new LeaveEarly("the owner leaves " + rec.label + " " + when);
    rec.leftEarlyWith = leave;
    return leave;
  }

  private void cancel() throws Exception {
    rec.cancelCalled = true;
    call(OpKind.CANCEL, null, () -> {
      group.cancel();
      return null;
    });
  }

  private void suppressErrors() throws Exception {
    rec.suppressErrorsCalled = true;
    call(OpKind.SUPPRESS_ERRORS, null, () -> {
      group.suppressErrors();
      return null;
    });
  }

  private void registerCallbacks(List<Boolean> throwing) throws Exception {
    for (boolean throwsFailure : throwing) {
      Callback callback = new Callback(throwsFailure);
      rec.callbacks.add(callback);
      Runnable body =
          () -> {
            callback.runs.incrementAndGet();
            if (callback.throwsFailure) {
              CallbackFailure failure = new CallbackFailure("an onFinished callback of " + rec.label);
              callback.failure = failure;
              throw failure;
            }
          };
      call(OpKind.ON_FINISHED, null, () -> {
        group.onFinished(body);
        return null;
      });
    }
  }

  private void spawn(TaskPlan taskPlan) throws Exception {
    Task task = new Task(taskPlan, rec);
    task.groupCancelledAtSpawn = group.isCancelled();
    rec.tasks.add(task);
    Callable<Object> body = body(task);
    String key = "k" + taskPlan.index();
    task.handle =
        call(OpKind.SPAWN, null, () -> plan.keyed ? group.spawn(key, body) : group.spawn(body));
    handles.set(taskPlan.index(), task.handle);
  }

  // ---------------------------------------------------------------------------------------------
  // Waiting

  private void await() throws Exception {
    Duration timeout = plan.waitTimeout;
    switch (plan.strategy) {
      case ALL:
        returned(call(OpKind.ALL, null, () -> timeout == null ? group.all() : group.all(timeout)));
        break;
      case ALL_KEYED:
        returned(
            call(
                OpKind.ALL_KEYED,
                null,
                () -> timeout == null ? group.<String>allKeyed() : group.<String>allKeyed(timeout)));
        break;
      case ALL_SETTLED:
        List<Subtask<Object>> outcomes =
            call(
                OpKind.ALL_SETTLED,
                null,
                () -> timeout == null ? group.allSettled() : group.allSettled(timeout));
        rec.everySettledWhenWaitReturned = everySettled(outcomes);
        returned(outcomes);
        for (Subtask<Object> outcome : outcomes) {
          if (outcome.state() == State.FAILED) {
            readFailure(outcome);
          }
        }
        break;
      case RACE:
        returned(call(OpKind.RACE, null, () -> timeout == null ? group.race() : group.race(timeout)));
        break;
      case ANY:
        returned(call(OpKind.ANY, null, () -> timeout == null ? group.any() : group.any(timeout)));
        break;
      case FIRST:
        int n = plan.firstN;
        returned(
            call(
                OpKind.FIRST,
                null,
                () -> timeout == null ? group.first(n) : group.first(n, timeout)));
        break;
      case NEXT_LOOP:
        nextLoop(timeout);
        break;
      case ITERATION:
        iterate();
        break;
      case AWAIT_COMPLETION:
      case DISCARDING_AWAIT:
        call(
            OpKind.AWAIT_COMPLETION,
            null,
            () -> {
              if (timeout == null) {
                group.awaitCompletion();
              } else {
                group.awaitCompletion(timeout);
              }
              return null;
            });
        rec.everySettledWhenWaitReturned = everySettled(spawnedHandles());
        returned(null);
        break;
      case JUST_CLOSE:
        break;
    }
  }

  private void returned(Object result) {
    rec.waitReturned = true;
    rec.waitResult = result;
  }

  private boolean stopped() {
    return plan.stopAfter >= 0 && rec.completionOrder.size() >= plan.stopAfter;
  }

  private void nextLoop(Duration timeout) throws Exception {
    while (!stopped()) {
      Subtask<Object> next =
          call(OpKind.NEXT, null, () -> timeout == null ? group.next() : group.next(timeout));
      if (next == null) {
        rec.drained = true;
        return;
      }
      rec.completionOrder.add(next);
      readOutcome(next);
    }
  }

  private void iterate() throws Exception {
    Iterator<Subtask<Object>> outcomes = group.iterator();
    call(
        OpKind.ITERATION,
        null,
        () -> {
          while (!stopped()) {
            if (!outcomes.hasNext()) {
              rec.drained = true;
              return null;
            }
            Subtask<Object> next = outcomes.next();
            rec.completionOrder.add(next);
            readOutcome(next);
          }
          return null;
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Reading handles

  /** An outcome the loop returned: a failure is usually read (then it is observed), a value often. */
  private void readOutcome(Subtask<Object> outcome) {
    if (outcome.state() == State.FAILED) {
      if (decisions.nextInt(5) > 0) {
        readFailure(outcome);
      }
    } else if (decisions.nextBoolean()) {
      readValue(outcome);
    }
  }

  private void readSomeHandles() {
    List<Subtask<Object>> some = spawnedHandles();
    Collections.shuffle(some, decisions);
    for (Subtask<Object> handle : some.subList(0, decisions.nextInt(some.size() + 1))) {
      readValue(handle);
    }
  }

  private void readFailure(Subtask<Object> handle) {
    try {
      rec.caught.add(call(OpKind.EXCEPTION, handle, handle::exception));
    } catch (Exception recorded) {
      // the oracle judges it
    }
  }

  private void readValue(Subtask<Object> handle) {
    try {
      rec.reads.add(new Read(handle.index(), call(OpKind.GET, handle, handle::get)));
    } catch (Exception recorded) {
      // a failure (TaskGroupException), a cancellation or an unsettled task: the oracle judges it
    }
  }

  private List<Subtask<Object>> spawnedHandles() {
    List<Subtask<Object>> spawned = new ArrayList<>();
    for (Task task : rec.tasks) {
      if (task.handle != null) {
        spawned.add(task.handle);
      }
    }
    return spawned;
  }

  private static boolean everySettled(List<Subtask<Object>> outcomes) {
    for (Subtask<Object> outcome : outcomes) {
      if (!outcome.state().isSettled()) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Recording calls

  interface Call<R> {
    R run() throws Exception;
  }

  /** Makes {@code call}, records how it returned or what it threw, and rethrows. */
  private <R> R call(OpKind kind, Subtask<?> handle, Call<R> call) throws Exception {
    State before = handle == null ? null : handle.state();
    int task = handle == null ? -1 : handle.index();
    try {
      R result = call.run();
      rec.ops.add(new Op(kind, task, null, List.of(), interrupted(), group.isCancelled(),
          TaskGroup.isCurrentTaskCancelled(), before));
      return result;
    } catch (Throwable t) {
      boolean flag = interrupted(); // first: nothing below may touch it
      rec.ops.add(new Op(kind, task, t, List.of(t.getSuppressed()), flag, group.isCancelled(),
          TaskGroup.isCurrentTaskCancelled(), before));
      rec.caught.add(t);
      throw t;
    }
  }

  private static boolean interrupted() {
    return Thread.currentThread().isInterrupted();
  }

  // ---------------------------------------------------------------------------------------------
  // Task bodies

  private Callable<Object> body(Task task) {
    return () -> {
      task.started = true;
      rec.threads.add(Thread.currentThread());
      rec.enter();
      try {
        Object value = behave(task);
        task.returned = true;
        return value;
      } catch (Throwable t) {
        task.cancelledWhenThrown = TaskGroup.isCurrentTaskCancelled();
        task.thrown = t;
        run.record.thrownBy.put(t, task);
        throw t;
      } finally {
        rec.exit();
        if (task.plan.interruptsOwner()) {
          run.interruptOwner();
        }
      }
    };
  }

  private Object behave(Task task) throws Exception {
    TaskPlan p = task.plan;
    Object value = StressPlan.valueOf(p.index());
    switch (p.behaviour()) {
      case SUCCEED:
        return value;
      case SUCCEED_AFTER_SPIN:
        spin(p.spinMicros());
        return value;
      case SUCCEED_AFTER_GATE:
        run.gate.await(TASK_BOUND.toNanos(), TimeUnit.NANOSECONDS);
        return value;
      case SUCCEED_AFTER_PREDECESSOR:
        awaitPredecessor(task);
        return value;
      case FAIL_CHECKED:
        spin(p.spinMicros());
        throw new TaskCheckedException(task.label());
      case FAIL_UNCHECKED:
        spin(p.spinMicros());
        throw new TaskUncheckedException(task.label());
      case FAIL_ERROR:
        spin(p.spinMicros());
        throw new TaskError(task.label());
      case FAIL_AFTER_PREDECESSOR:
        awaitPredecessor(task);
        throw new TaskCheckedException(task.label());
      case FAIL_AFTER_GATE:
        run.gate.await(TASK_BOUND.toNanos(), TimeUnit.NANOSECONDS);
        spin(p.spinMicros());
        throw new TaskUncheckedException(task.label());
      case BLOCK_UNTIL_INTERRUPTED:
        run.never.await(TASK_BOUND.toNanos(), TimeUnit.NANOSECONDS); // throws once interrupted
        return value;
      case IGNORE_INTERRUPTS_UNTIL_GATE:
        ignoreInterruptsUntilGate();
        return value;
      case SWALLOW_INTERRUPT:
        try {
          run.never.await(TASK_BOUND.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException swallowed) {
          // as careless code does: the task goes on as if nothing happened
        }
        return value;
      case NESTED:
        Throwable escaped = new StressOwner(run, nestedGroup(task)).playAndClose();
        if (escaped != null) {
          throw rethrowable(escaped);
        }
        return value;
      case NESTED_LEFT_OPEN:
        new StressOwner(run, nestedGroup(task)).playLeftOpen();
        return value;
    }
    throw new AssertionError(p.behaviour());
  }

  private Group nestedGroup(Task task) {
    Group nested = new Group(task.plan.nested(), task);
    task.nested = nested;
    run.record.groups.add(nested);
    return nested;
  }

  /** Waits until the predecessor settled (or this task is cancelled), and notes what it saw. */
  private void awaitPredecessor(Task task) {
    Subtask<Object> predecessor = handles.get(task.plan.predecessor()); // set before we were spawned
    long deadline = System.nanoTime() + TASK_BOUND.toNanos();
    while (!predecessor.state().isSettled()
        && !TaskGroup.isCurrentTaskCancelled()
        && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(20_000);
    }
    State seen = predecessor.state();
    task.predecessorSeen = seen.isSettled() ? seen : null;
  }

  private void ignoreInterruptsUntilGate() {
    boolean interrupted = false;
    long deadline = System.nanoTime() + TASK_BOUND.toNanos();
    while (true) {
      try {
        run.gate.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        break;
      } catch (InterruptedException e) {
        interrupted = true; // ignored until the gate opens
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  static void spin(int micros) {
    long end = System.nanoTime() + micros * 1000L;
    while (System.nanoTime() - end < 0) {
      Thread.onSpinWait();
    }
  }

  private static Exception rethrowable(Throwable t) {
    if (t instanceof Error) {
      throw (Error) t;
    }
    return t instanceof Exception ? (Exception) t : new RuntimeException(t);
  }

  // ---------------------------------------------------------------------------------------------
  // The exceptions the scenario throws: fresh instances, so that the oracle can tell them apart.

  static final class TaskCheckedException extends Exception {
    private static final long serialVersionUID = 1L;

    TaskCheckedException(String task) {
      super("checked failure of " + task);
    }
  }

  static final class TaskUncheckedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TaskUncheckedException(String task) {
      super("unchecked failure of " + task);
    }
  }

  /** An Error a task throws: failures include errors, and none may be lost. */
  static final class TaskError extends Error {
    private static final long serialVersionUID = 1L;

    TaskError(String task) {
      super("error of " + task);
    }
  }

  static final class CallbackFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CallbackFailure(String message) {
      super(message);
    }
  }

  /** The owner leaving the try block by throwing. */
  static final class LeaveEarly extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LeaveEarly(String message) {
      super(message);
    }
  }
}
