package dev.fanout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code allSettled()} and {@code awaitCompletion()}: every task settled, whatever the outcome.
 * Failures are never thrown here; {@code allSettled()} returns them (so they count as observed),
 * {@code awaitCompletion()} leaves them for the handles or for {@code close()}.
 */
final class SettledWait<T> extends WaitPolicy<List<Subtask<T>>> {
  private final boolean returnOutcomes;

  /**
   * @param returnOutcomes true for {@code allSettled()}, false for {@code awaitCompletion()}, which
   *     returns null
   */
  SettledWait(String op, boolean returnOutcomes) {
    super(op);
    this.returnOutcomes = returnOutcomes;
  }

  @Override
  boolean needsSettleOrder() {
    return false;
  }

  @Override
  CancelReason cancelReason(Ledger ledger, int spawned) {
    return null;
  }

  @Override
  boolean isDone(Ledger ledger, int spawned) {
    return ledger.allSettled(spawned);
  }

  @Override
  int wakeOn(boolean cancelled) {
    return 0; // only the last settle
  }

  @Override
  @SuppressWarnings("unchecked")
  List<Subtask<T>> answer(GroupCore group, Ledger ledger) {
    group.throwIfTimeoutCancelledWork(op());
    ChildList children = group.children();
    if (!returnOutcomes) {
      group.awaitPublishedStates();
      return null;
    }
    List<Subtask<T>> outcomes = new ArrayList<>(children.size());
    for (int i = 0, n = children.size(); i < n; i++) {
      ChildTask<?> task = children.get(i);
      task.awaitSettledState(); // so that every handle reads its settled state on return
      task.markObserved();
      // A Subtask only produces values, so Subtask<U> is safely a Subtask<T> for U extends T.
      outcomes.add((Subtask<T>) task);
    }
    return Collections.unmodifiableList(outcomes);
  }
}
