package dev.fanout;

import java.util.ArrayList;
import java.util.List;

/**
 * The owner's record of what has settled, in settle order: counts, the first success and failure,
 * the settle-order list that {@code next()}, {@code race()} and {@code first(n)} read, and every
 * failure until it is observed. Owner thread only: it is fed by {@link GroupCore#drain()}, and
 * waits read it; nothing here is shared.
 *
 * <p>A result-keeping group links every settled task into one list through {@link
 * ChildTask#nextSettled} (no allocation per task). A discarding group keeps no settled task but its
 * failures, so its memory does not grow with the number of tasks it ran.
 */
final class Ledger {
  private final boolean discarding;

  int settled;
  int succeeded;
  int failed;
  int cancelled;

  /** Settle order (result-keeping groups only). */
  ChildTask<?> head;

  private ChildTask<?> tail;

  /** The first task to succeed or fail (not be cancelled), the first success, the first failure. */
  ChildTask<?> firstSettled;

  ChildTask<?> firstSuccess;
  ChildTask<?> firstFailure;

  /** Failed tasks in settle order (discarding groups only; the others find them in their list). */
  private final List<ChildTask<?>> discardedFailures;

  /** The last task {@code next()} returned. */
  ChildTask<?> lastReturnedByNext;

  /**
   * Failures settling from now on count as observed: {@code suppressErrors()} was called, or a
   * race/any/first(n) delivered its answer, which covers the losers.
   */
  boolean observeLateFailures;

  Ledger(boolean discarding) {
    this.discarding = discarding;
    this.discardedFailures = discarding ? new ArrayList<>() : null;
  }

  /** Records a drained chain of settled tasks, oldest first (see {@link Completions#drain()}). */
  void record(ChildTask<?> chain) {
    if (!discarding) {
      if (tail == null) {
        head = chain;
      } else {
        tail.nextSettled = chain;
      }
    }
    for (ChildTask<?> task = chain, next; task != null; task = next) {
      next = task.nextSettled;
      if (discarding) {
        task.nextSettled = null; // nothing may link a settled task to later ones
      } else {
        tail = task;
      }
      settled++;
      switch (task.awaitSettledState()) {
        case ChildTask.SUCCEEDED:
          succeeded++;
          if (!discarding) { // a discarding group has no wait that reads them, and keeps no result
            if (firstSuccess == null) {
              firstSuccess = task;
            }
            if (firstSettled == null) {
              firstSettled = task;
            }
          }
          break;
        case ChildTask.FAILED:
          failed++;
          if (firstFailure == null) {
            firstFailure = task;
          }
          if (firstSettled == null) {
            firstSettled = task;
          }
          if (observeLateFailures) {
            task.markObserved();
          }
          if (discarding) {
            discardedFailures.add(task);
          }
          break;
        default:
          cancelled++;
          break;
      }
    }
  }

  /** The last task recorded in settle order (result-keeping groups), or null. */
  ChildTask<?> last() {
    return tail;
  }

  /** Whether {@code spawned} tasks have all settled. */
  boolean allSettled(int spawned) {
    return settled == spawned;
  }

  /** The task {@code next()} returns next, or null if none has settled since. */
  ChildTask<?> nextCandidate() {
    return lastReturnedByNext == null ? head : lastReturnedByNext.nextSettled;
  }

  /** Every failed task in spawn order. */
  List<ChildTask<?>> failedInSpawnOrder(ChildList children) {
    List<ChildTask<?>> list = new ArrayList<>(failed);
    if (failed == 0) {
      return list;
    }
    if (discarding) {
      list.addAll(discardedFailures);
      list.sort((a, b) -> Integer.compare(a.index(), b.index()));
    } else {
      for (int i = 0, n = children.size(); i < n; i++) {
        ChildTask<?> task = children.get(i);
        if (task.rawState() == ChildTask.FAILED) {
          list.add(task);
        }
      }
    }
    return list;
  }

  /** Marks every failure so far observed, without building a report of them. */
  void markFailuresObserved(ChildList children) {
    for (ChildTask<?> task : failedInSpawnOrder(children)) {
      task.markObserved();
    }
  }

  /** Every failure so far in spawn order; they count as observed from now on. */
  List<Throwable> takeFailures(ChildList children) {
    List<Throwable> failures = new ArrayList<>(failed);
    for (ChildTask<?> task : failedInSpawnOrder(children)) {
      task.markObserved();
      failures.add(task.failure());
    }
    return failures;
  }
}
