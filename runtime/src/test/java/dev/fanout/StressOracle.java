package dev.fanout;

import dev.fanout.StressRecord.Callback;
import dev.fanout.StressRecord.Group;
import dev.fanout.StressRecord.Op;
import dev.fanout.StressRecord.OpKind;
import dev.fanout.StressRecord.Read;
import dev.fanout.StressRecord.Task;
import dev.fanout.Subtask.State;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * The independent oracle of {@link FaultMixStressTest}: judges a {@link StressRecord} against the
 * contract in TaskGroup's and Subtask's Javadoc, using only what the test recorded and the public
 * API (it never asks the runtime what it thinks it did). For every group, the scenario's own and
 * each nested one, after the scenario's group is closed:
 *
 * <ol>
 *   <li><b>No failure is lost.</b> The exception of every task that ended FAILED reached the owner:
 *       returned or thrown by a wait (as a TaskGroupException's cause, failure or suppressed, or
 *       attached to a CancellationException or TaskGroupTimeoutException), read through a handle,
 *       or thrown by close(); unless the owner called suppressErrors(), or race(), any() or
 *       first(n) gave its answer (the losers' failures then count as observed by that call). A
 *       task that threw after its cancellation was requested is CANCELLED, not failed, and owes
 *       nothing.
 *   <li><b>No child thread is alive after close()</b> ({@code isAlive()} right after it returns).
 *   <li><b>The concurrency limit is never exceeded</b> (task bodies in flight).
 *   <li><b>Results come as documented:</b> all() in spawn order, allKeyed() key by key in spawn
 *       order, first(n) n distinct successes, race()/any() a success, next() and iteration each
 *       task once; and where a task saw an earlier task settle before it settled itself, every
 *       order the Javadoc promises (completion order, first to settle, first success) agrees.
 *   <li><b>Every call throws only what its Javadoc allows</b>, with the documented side effects
 *       (an interrupted wait cancels the group, spawn() restores the interrupt flag, a timeout
 *       needs a timeout, close() throws only TaskGroupException).
 *   <li><b>Each handle's final state matches what its body did</b> (returned: SUCCEEDED; threw
 *       after cancellation: CANCELLED; never ran: CANCELLED; returned with a nested group open:
 *       FAILED with StructureViolationException).
 *   <li><b>Reported failures are well formed:</b> the cause is one of failures(), the others are
 *       suppressed, failures() are FAILED tasks' exceptions in spawn order, and close() reports no
 *       failure the owner had already seen.
 *   <li><b>onFinished callbacks</b> ran exactly once by the time close() returned, and close()
 *       reported every exception they threw.
 * </ol>
 */
final class StressOracle {
  private final StressRecord record;
  private final List<String> violations = new ArrayList<>();

  private StressOracle(StressRecord record) {
    this.record = record;
  }

  /** Every broken promise in {@code record}; empty if none. */
  static List<String> check(StressRecord record) {
    StressOracle oracle = new StressOracle(record);
    oracle.checkScenario();
    return oracle.violations;
  }

  /**
   * What the owners' calls did in {@code record}, as "call -> outcome" keys ("race() ->
   * InterruptedException", "spawn() -> returned"), added to {@code tally}: shows a long run which
   * disturbances really happened.
   */
  static void tallyOutcomes(StressRecord record, Map<String, Integer> tally) {
    for (Group g : record.groups) {
      for (Op op : g.ops) {
        String outcome = op.thrown() == null ? "returned" : op.thrown().getClass().getSimpleName();
        tally.merge(op.kind().label + " -> " + outcome, 1, Integer::sum);
      }
      if (g.opened && !g.leftOpen) {
        String outcome = g.closeThrew == null ? "returned" : g.closeThrew.getClass().getSimpleName();
        tally.merge("close() -> " + outcome, 1, Integer::sum);
      }
    }
  }

  /** How many tasks of {@code record} ended FAILED: the failures the oracle accounted for. */
  static int failuresChecked(StressRecord record) {
    int failed = 0;
    for (Group g : record.groups) {
      for (Task task : g.tasks) {
        if (task.handle != null && task.handle.state() == State.FAILED) {
          failed++;
        }
      }
    }
    return failed;
  }

  private void checkScenario() {
    if (record.ownerCrashed != null) {
      violations.add("the test's owner code crashed: " + withStack(record.ownerCrashed));
    }
    for (String uncaught : record.uncaught) {
      violations.add(uncaught);
    }
    for (Group g : record.groups) {
      if (g.opened) {
        checkGroup(g);
      }
    }
  }

  private void checkGroup(Group g) {
    Map<Throwable, Task> failedBy = new IdentityHashMap<>();
    for (Task task : g.tasks) {
      Throwable failure = failure(task);
      if (failure != null) {
        failedBy.put(failure, task);
      }
    }
    checkTaskStates(g);
    checkNoFailureLost(g);
    checkClose(g);
    checkReports(g, failedBy);
    checkCalls(g);
    checkResults(g, failedBy);
    checkCallbacks(g);
    if (!g.aliveAfterClose.isEmpty()) {
      violation(g, "child threads alive after close() returned: " + g.aliveAfterClose);
    }
    int limit = g.plan.concurrency;
    if (limit > 0 && g.maxInFlight.get() > limit) {
      violation(g, g.maxInFlight.get() + " tasks ran at once under concurrency(" + limit + ")");
    }
    checkStatesOnlyMoveForward(g);
  }

  /** The watcher never read a handle unsettled after it had read it settled. */
  private void checkStatesOnlyMoveForward(Group g) {
    if (g.firstReadSettled == null) {
      return;
    }
    for (Task task : g.tasks) {
      int i = task.index();
      if (i < g.firstReadSettled.length && g.lastReadUnsettled[i] > g.firstReadSettled[i]) {
        violation(g, task.label() + "'s handle read unsettled after it had read settled");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 6. Final states

  private void checkTaskStates(Group g) {
    for (Task task : g.tasks) {
      String who = task.label();
      if (task.handle == null) {
        if (task.started) {
          violation(g, who + " ran although spawn() threw");
        }
        continue;
      }
      State state = task.handle.state();
      if (!state.isSettled()) {
        violation(g, who + " is still " + state + " after close()");
        continue;
      }
      if (task.handle.index() != task.index()) {
        violation(g, who + "'s handle says index " + task.handle.index());
      }
      if (task.groupCancelledAtSpawn && (state != State.CANCELLED || task.started)) {
        violation(g, who + " was spawned into a cancelled group, yet it "
            + (task.started ? "ran and " : "") + "is " + state);
      }
      if (!task.started && state != State.CANCELLED) {
        violation(g, who + " never ran, yet it is " + state);
      }
      if (task.nested != null && task.nested.leftOpen) {
        if (state != State.FAILED
            || !(task.handle.exception() instanceof StructureViolationException)) {
          violation(g, who + " returned with a group it opened still open: expected FAILED with a"
              + " StructureViolationException, but it is " + state
              + (state == State.FAILED ? " with " + describe(task.handle.exception()) : ""));
        }
        continue;
      }
      if (task.returned && state != State.SUCCEEDED) {
        violation(g, who + " returned normally, yet it is " + state);
      }
      if (state == State.SUCCEEDED && task.returned
          && !Objects.equals(task.handle.get(), StressPlan.valueOf(task.index()))) {
        violation(g, who + " SUCCEEDED with " + task.handle.get() + " instead of its own value");
      }
      if (state == State.SUCCEEDED && !task.returned) {
        violation(g, who + " is SUCCEEDED, yet its body never returned");
      }
      if (task.thrown != null && task.cancelledWhenThrown && state != State.CANCELLED) {
        violation(g, who + " threw " + describe(task.thrown)
            + " after its cancellation was requested: expected CANCELLED, but it is " + state);
      }
      if (state == State.FAILED && task.handle.exception() != task.thrown) {
        violation(g, who + " is FAILED with " + describe(task.handle.exception())
            + ", but its body threw " + describe(task.thrown));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 1. No failure lost

  private void checkNoFailureLost(Group g) {
    if (g.suppressErrorsCalled || answeringCall(g) != null) {
      return;
    }
    List<Throwable> roots = new ArrayList<>(g.caught);
    if (g.leftOpen && failure(g.openedBy) != null) {
      roots.add(failure(g.openedBy)); // the runtime closed the group and reported through it
    }
    Set<Throwable> seen = reachable(roots);
    for (Task task : g.tasks) {
      Throwable failure = failure(task);
      if (failure != null && !seen.contains(failure)) {
        violation(g, "LOST FAILURE: " + task.label() + " FAILED with " + describe(failure)
            + ", but no wait returned or threw it, no Subtask read returned it and close() did"
            + " not report it; the owner's calls: " + calls(g));
      }
    }
  }

  /**
   * The race(), any() or first(n) call that gave its answer, a result or a TaskGroupException (the
   * winner failed, every task failed, the quorum cannot be reached), if any.
   */
  private static Op answeringCall(Group g) {
    for (Op op : g.ops) {
      if (op.kind().endsTheGroupWithItsAnswer()
          && (op.thrown() == null || op.thrown() instanceof TaskGroupException)) {
        return op;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // 7. Reported failures

  private void checkClose(Group g) {
    if (g.closeThrew != null && !(g.closeThrew instanceof TaskGroupException)) {
      violation(g, "close() threw " + withStack(g.closeThrew)
          + "; it may throw only TaskGroupException");
    }
    Throwable escaped = g.escaped;
    if (escaped != null && escaped != g.closeThrew && escaped != g.leftEarlyWith
        && !thrownByACall(g, escaped)) {
      violation(g, "the owner's block ended with " + withStack(escaped)
          + ", which none of its calls threw");
    }
  }

  private static boolean thrownByACall(Group g, Throwable t) {
    for (Op op : g.ops) {
      if (op.thrown() == t) {
        return true;
      }
    }
    return false;
  }

  private void checkReports(Group g, Map<Throwable, Task> failedBy) {
    for (Op op : g.ops) {
      if (op.thrown() != null && op.kind().isWait()) {
        checkReport(g, op.kind().label, op.thrown(), op.suppressedWhenCaught(), failedBy, false);
      }
    }
    if (g.closeThrew != null) {
      checkReport(g, "close()", g.closeThrew, List.of(g.closeThrew.getSuppressed()), failedBy, true);
    }
  }

  private void checkReport(Group g, String what, Throwable thrown, List<Throwable> suppressed,
      Map<Throwable, Task> failedBy, boolean byClose) {
    if (!(thrown instanceof TaskGroupException)) {
      for (Throwable attached : suppressed) {
        if (!failedBy.containsKey(attached)) {
          violation(g, what + " threw " + thrown.getClass().getSimpleName() + " with "
              + describe(attached) + " attached, which is not a FAILED task's exception"
              + whoThrew(attached));
        }
      }
      return;
    }
    TaskGroupException reported = (TaskGroupException) thrown;
    Throwable cause = reported.getCause();
    List<Throwable> failures = reported.failures();
    if (failures.isEmpty()) {
      violation(g, what + " threw a TaskGroupException with no failures");
      return;
    }
    if (!containsSame(failures, cause)) {
      violation(g, what + " threw a TaskGroupException whose cause " + describe(cause)
          + " is not one of its failures() " + describe(failures));
    }
    for (Throwable failure : failures) {
      if (failure != cause && !containsSame(suppressed, failure)) {
        violation(g, what + ": failure " + describe(failure) + " is not suppressed");
      }
    }
    int lastIndex = -1;
    for (Throwable failure : failures) {
      Task task = failedBy.get(failure);
      if (task != null) {
        if (task.index() <= lastIndex) {
          violation(g, what + " lists failures out of spawn order: " + describe(failures));
        }
        lastIndex = task.index();
      } else if (!byClose || !isCallbackFailure(g, failure)) {
        violation(g, what + " reports " + describe(failure)
            + ", which is not a FAILED task's exception" + whoThrew(failure));
      }
      if (byClose && g.seenBeforeClose.contains(failure)) {
        violation(g, "close() reports " + describe(failure)
            + ", which the owner had already been given before closing");
      }
      if (byClose && task != null && g.suppressErrorsCalled) {
        violation(g, "close() reports " + describe(failure)
            + " although suppressErrors() was called");
      }
    }
    checkCauseSettledFirst(g, what, cause, failures, failedBy);
  }

  /** The cause must be the reported failure that settled first. */
  private void checkCauseSettledFirst(Group g, String what, Throwable cause,
      List<Throwable> failures, Map<Throwable, Task> failedBy) {
    Task causeTask = failedBy.get(cause);
    if (causeTask == null) {
      return;
    }
    for (Throwable failure : failures) {
      Task earlier = failedBy.get(failure);
      if (earlier != null && earlier != causeTask && g.settledBefore(earlier, causeTask)) {
        violation(g, what + "'s cause is the failure of " + causeTask.label() + ", but "
            + earlier.label() + "'s failure, also reported, settled before it: the cause must be"
            + " the failure that settled first");
      }
    }
  }

  private static boolean isCallbackFailure(Group g, Throwable t) {
    for (Callback callback : g.callbacks) {
      if (callback.failure == t) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // 5. What each call may throw

  private void checkCalls(Group g) {
    boolean nested = g.openedBy != null;
    for (Op op : g.ops) {
      String what = op.kind().label;
      Throwable e = op.thrown();
      if (e == null) {
        if (op.kind().endsTheGroupWithItsAnswer() && !op.groupCancelled()) {
          violation(g, what + " returned its answer but left the group uncancelled");
        }
        if (op.kind() == OpKind.CANCEL && !op.groupCancelled()) {
          violation(g, "isCancelled() is false right after cancel()");
        }
        continue;
      }
      if (!allowed(op.kind(), e)) {
        violation(g, what + " threw " + withStack(e) + ", which its Javadoc does not allow");
        continue;
      }
      // A nested group's owner is a task: only its cancellation interrupts it.
      boolean ownerInterrupted = nested ? op.ownerTaskCancelled() : record.ownerInterrupted;
      if (e instanceof InterruptedException) {
        if (!ownerInterrupted) {
          violation(g, what + " threw InterruptedException, but nobody interrupted the owner");
        }
        if (!op.groupCancelled()) {
          violation(g, what + " threw InterruptedException but left the group uncancelled");
        }
      } else if (e instanceof CancellationException && op.kind() != OpKind.GET) {
        if (op.kind() == OpKind.SPAWN || op.kind() == OpKind.ITERATION) {
          if (!op.interruptFlag()) {
            violation(g, what + " threw CancellationException without restoring the interrupt flag");
          }
          if (!ownerInterrupted) {
            violation(g, what + " threw CancellationException, but nobody interrupted the owner");
          }
        } else if (!g.cancelCalled && !ownerInterrupted) {
          violation(g, what + " threw CancellationException, but nobody cancelled the group or"
              + " interrupted its owner");
        }
        if (!op.groupCancelled()) {
          violation(g, what + " threw CancellationException but left the group uncancelled");
        }
      } else if (e instanceof TaskGroupTimeoutException) {
        if (!hasTimeout(g)) {
          violation(g, what + " threw TaskGroupTimeoutException, but no timeout applies");
        }
        if (!op.groupCancelled()) {
          violation(g, what + " threw TaskGroupTimeoutException but left the group uncancelled");
        }
      } else if (e instanceof TaskGroupException) {
        if (op.kind().endsTheGroupWithItsAnswer() && !op.groupCancelled()) {
          violation(g, what + " threw its answer but left the group uncancelled");
        }
      } else if (e.getClass() == IllegalStateException.class && op.kind() != OpKind.GET
          && g.spawned() > 0) {
        violation(g, what + " threw " + describe(e) + " although " + g.spawned()
            + " tasks were spawned");
      }
    }
  }

  private static boolean allowed(OpKind kind, Throwable e) {
    boolean failure = e instanceof TaskGroupException;
    boolean timeout = e instanceof TaskGroupTimeoutException;
    boolean cancelled = e instanceof CancellationException;
    boolean interrupted = e instanceof InterruptedException;
    boolean noTasks = e.getClass() == IllegalStateException.class;
    switch (kind) {
      case SPAWN:
        return cancelled;
      case ALL:
      case ALL_KEYED:
      case RACE:
      case ANY:
      case FIRST:
        return failure || timeout || cancelled || interrupted || noTasks;
      case ALL_SETTLED:
      case AWAIT_COMPLETION:
      case NEXT:
        return timeout || interrupted;
      case ITERATION:
        return timeout || cancelled;
      case GET:
        return failure || cancelled || noTasks;
      default:
        return false;
    }
  }

  private static boolean hasTimeout(Group g) {
    return g.plan.groupTimeout != null
        || g.plan.waitTimeout != null
        || (g.openedBy != null && g.openedBy.group.plan.groupTimeout != null); // inherited
  }

  // ---------------------------------------------------------------------------------------------
  // 4. Results

  private void checkResults(Group g, Map<Throwable, Task> failedBy) {
    if (g.waitReturned) {
      checkWaitResult(g);
    }
    for (Op op : g.ops) {
      if (op.kind() == OpKind.RACE && op.thrown() instanceof TaskGroupException) {
        Task winner = failedBy.get(op.thrown().getCause());
        if (winner != null) {
          checkNotPreceded(g, "race()", winner, State.SUCCEEDED, State.FAILED);
        }
      }
    }
    if (g.plan.strategy == StressPlan.Strategy.NEXT_LOOP
        || g.plan.strategy == StressPlan.Strategy.ITERATION) {
      checkCompletionOrder(g);
    }
    checkHandleReads(g);
  }

  private void checkWaitResult(Group g) {
    List<Task> spawned = new ArrayList<>();
    for (Task task : g.tasks) {
      if (task.handle != null) {
        spawned.add(task);
      }
    }
    Object result = g.waitResult;
    switch (g.plan.strategy) {
      case ALL:
        {
          List<Object> expected = new ArrayList<>();
          for (Task task : spawned) {
            expected.add(StressPlan.valueOf(task.index()));
            requireSucceeded(g, "all() returned", task);
          }
          if (!expected.equals(result)) {
            violation(g, "all() returned " + result + " instead of " + expected + " (spawn order)");
          }
          break;
        }
      case ALL_KEYED:
        {
          Map<String, Object> expected = new LinkedHashMap<>();
          for (Task task : spawned) {
            expected.put("k" + task.index(), StressPlan.valueOf(task.index()));
            requireSucceeded(g, "allKeyed() returned", task);
          }
          Map<?, ?> map = (Map<?, ?>) result;
          if (!new ArrayList<>(expected.entrySet()).equals(new ArrayList<>(map.entrySet()))) {
            violation(g, "allKeyed() returned " + map + " instead of " + expected + " (spawn order)");
          }
          break;
        }
      case ALL_SETTLED:
        {
          List<?> outcomes = (List<?>) result;
          if (outcomes.size() != spawned.size()) {
            violation(g, "allSettled() returned " + outcomes.size() + " outcomes for "
                + spawned.size() + " tasks");
          }
          for (int i = 0; i < outcomes.size(); i++) {
            if (((Subtask<?>) outcomes.get(i)).index() != i) {
              violation(g, "allSettled() returned " + outcomes + " out of spawn order");
              break;
            }
          }
          if (!g.everySettledWhenWaitReturned) {
            violation(g, "allSettled() returned while a task was unsettled");
          }
          break;
        }
      case RACE:
      case ANY:
        {
          String what = g.plan.strategy == StressPlan.Strategy.RACE ? "race()" : "any()";
          Task winner = taskOfValue(g, result);
          if (winner == null) {
            violation(g, what + " returned " + result + ", which is no task's value");
          } else {
            requireSucceeded(g, what + " returned its result, but", winner);
            if (g.plan.strategy == StressPlan.Strategy.RACE) {
              checkNotPreceded(g, what, winner, State.SUCCEEDED, State.FAILED);
            } else {
              checkNotPreceded(g, what, winner, State.SUCCEEDED);
            }
          }
          break;
        }
      case FIRST:
        checkFirst(g, (List<?>) result);
        break;
      case AWAIT_COMPLETION:
      case DISCARDING_AWAIT:
        if (!g.everySettledWhenWaitReturned) {
          violation(g, "awaitCompletion() returned while a task was unsettled");
        }
        break;
      default:
        break;
    }
  }

  private void checkFirst(Group g, List<?> results) {
    String what = "first(" + g.plan.firstN + ")";
    if (results.size() != g.plan.firstN) {
      violation(g, what + " returned " + results.size() + " results: " + results);
    }
    List<Task> winners = new ArrayList<>();
    for (Object value : results) {
      Task task = taskOfValue(g, value);
      if (task == null || winners.contains(task)) {
        violation(g, what + " returned " + results + ": not distinct task values");
        return;
      }
      requireSucceeded(g, what + " returned its result, but", task);
      winners.add(task);
    }
    for (Task winner : winners) { // completion order: a success that settled earlier comes first
      for (Task other : g.tasks) {
        if (other != winner && other.handle != null && other.handle.state() == State.SUCCEEDED
            && g.settledBefore(other, winner)) {
          int at = winners.indexOf(other);
          if (at < 0 || at > winners.indexOf(winner)) {
            violation(g, what + " returned " + results + ", but " + other.label()
                + " succeeded before " + winner.label() + " settled");
          }
        }
      }
    }
  }

  /** No task that ended in one of {@code states} may have settled before {@code winner}. */
  private void checkNotPreceded(Group g, String what, Task winner, State... states) {
    for (Task other : g.tasks) {
      if (other == winner || other.handle == null || !g.settledBefore(other, winner)) {
        continue;
      }
      for (State state : states) {
        if (other.handle.state() == state) {
          violation(g, what + " chose " + winner.label() + ", but " + other.label() + " settled "
              + state + " before it");
        }
      }
    }
  }

  private void checkCompletionOrder(Group g) {
    List<Integer> order = new ArrayList<>();
    for (Subtask<Object> handle : g.completionOrder) {
      if (order.contains(handle.index())) {
        violation(g, "next() returned task #" + handle.index() + " twice");
      }
      order.add(handle.index());
    }
    if (g.drained && order.size() != g.spawned()) {
      violation(g, "next() ended after " + order.size() + " of " + g.spawned() + " tasks: " + order);
    }
    for (int at = 0; at < order.size(); at++) {
      Task task = g.tasks.get(order.get(at));
      for (Task other : g.tasks) {
        if (other != task && other.handle != null && g.settledBefore(other, task)) {
          int earlier = order.indexOf(other.index());
          if (earlier < 0 || earlier > at) {
            violation(g, "next() returned " + order + " (completion order), but "
                + other.label() + " settled before " + task.label());
          }
        }
      }
    }
  }

  private void checkHandleReads(Group g) {
    for (Read read : g.reads) {
      Task task = g.tasks.get(read.task());
      if (task.handle.state() != State.SUCCEEDED
          || !Objects.equals(read.value(), StressPlan.valueOf(read.task()))) {
        violation(g, "Subtask.get() of " + task.label() + " returned " + read.value()
            + ", but it is " + task.handle.state());
      }
    }
    for (Op op : g.ops) {
      if (op.kind() != OpKind.GET || op.thrown() == null) {
        continue;
      }
      Task task = g.tasks.get(op.task());
      State state = task.handle.state();
      Throwable e = op.thrown();
      if (e instanceof TaskGroupException
          && (state != State.FAILED || e.getCause() != task.handle.exception())) {
        violation(g, "Subtask.get() of " + task.label() + " threw " + describe(e)
            + " caused by " + describe(e.getCause()) + ", but it is " + state);
      } else if (e instanceof CancellationException && state != State.CANCELLED) {
        violation(g, "Subtask.get() of " + task.label() + " threw CancellationException, but it is "
            + state);
      } else if (e.getClass() == IllegalStateException.class && op.stateBefore().isSettled()) {
        violation(g, "Subtask.get() of " + task.label() + " threw " + describe(e)
            + " although it was already " + op.stateBefore());
      }
    }
  }

  private void requireSucceeded(Group g, String what, Task task) {
    State state = task.handle.state();
    if (state != State.SUCCEEDED) {
      violation(g, what + " " + task.label() + " is " + state);
    }
  }

  private static Task taskOfValue(Group g, Object value) {
    if (!(value instanceof Integer)) {
      return null;
    }
    int index = (Integer) value;
    return index >= 0 && index < g.tasks.size() && g.tasks.get(index).handle != null
        ? g.tasks.get(index)
        : null;
  }

  // ---------------------------------------------------------------------------------------------
  // 8. Callbacks

  private void checkCallbacks(Group g) {
    for (Callback callback : g.callbacks) {
      if (callback.runsWhenClosed != 1) {
        violation(g, "an onFinished callback had run " + callback.runsWhenClosed
            + " times when close() returned; expected once");
      }
      Throwable failure = callback.failure;
      if (failure == null) {
        continue;
      }
      boolean reported =
          g.leftOpen
              ? failure(g.openedBy) != null
                  && reachable(List.of(failure(g.openedBy))).contains(failure)
              : g.closeThrew instanceof TaskGroupException
                  && containsSame(((TaskGroupException) g.closeThrew).failures(), failure);
      if (!reported) {
        violation(g, "close() did not report the exception of an onFinished callback: "
            + describe(failure));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  /** The exception of a task that ended FAILED, or null. */
  private static Throwable failure(Task task) {
    return task.handle != null && task.handle.state() == State.FAILED
        ? task.handle.exception()
        : null;
  }

  /** Everything reachable from {@code roots} through causes, suppressed exceptions and failures(). */
  static Set<Throwable> reachable(Collection<Throwable> roots) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> todo = new ArrayDeque<>();
    for (Throwable root : roots) {
      if (root != null) {
        todo.push(root);
      }
    }
    while (!todo.isEmpty()) {
      Throwable t = todo.pop();
      if (!seen.add(t)) {
        continue;
      }
      if (t.getCause() != null) {
        todo.push(t.getCause());
      }
      for (Throwable suppressed : t.getSuppressed()) {
        todo.push(suppressed);
      }
      if (t instanceof TaskGroupException) {
        for (Throwable failure : ((TaskGroupException) t).failures()) {
          todo.push(failure);
        }
      }
    }
    return seen;
  }

  private static boolean containsSame(List<Throwable> list, Throwable t) {
    for (Throwable element : list) {
      if (element == t) {
        return true;
      }
    }
    return false;
  }

  private String whoThrew(Throwable t) {
    Task task = record.thrownBy.get(t);
    return task == null
        ? ""
        : " (thrown by " + task.label() + ", which is "
            + (task.handle == null ? "unspawned" : task.handle.state()) + ")";
  }

  /** The owner's calls in order, runs of the same call folded: "SPAWN x12, all() threw ...". */
  private static String calls(Group g) {
    StringBuilder out = new StringBuilder();
    OpKind last = null;
    int run = 0;
    for (Op op : g.ops) {
      if (op.thrown() == null && op.kind() == last) {
        run++;
        continue;
      }
      if (run > 1) {
        out.append(" x").append(run);
      }
      out.append(out.length() == 0 ? "" : ", ").append(op.kind().label);
      if (op.thrown() != null) {
        out.append(" threw ").append(op.thrown().getClass().getSimpleName());
      }
      last = op.thrown() == null ? op.kind() : null;
      run = 1;
    }
    if (run > 1) {
      out.append(" x").append(run);
    }
    out.append(", close() ")
        .append(g.leftOpen ? "never called (left open)" : g.closeThrew == null ? "returned"
            : "threw " + g.closeThrew.getClass().getSimpleName());
    return out.toString();
  }

  static String describe(Throwable t) {
    return t == null ? "null" : t.getClass().getSimpleName() + "(" + t.getMessage() + ")";
  }

  private static String describe(List<Throwable> list) {
    List<String> described = new ArrayList<>();
    for (Throwable t : list) {
      described.add(describe(t));
    }
    return described.toString();
  }

  private static String withStack(Throwable t) {
    StringBuilder out = new StringBuilder(t.toString());
    StackTraceElement[] stack = t.getStackTrace();
    for (int i = 0; i < Math.min(8, stack.length); i++) {
      out.append("\n        at ").append(stack[i]);
    }
    return out.toString();
  }

  private void violation(Group g, String message) {
    violations.add("[" + g.label + "] " + message);
  }
}
