package dev.fanout;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * {@code all()}: every result in spawn order, fail-fast. The first failure cancels the siblings;
 * the answer waits until they have all settled and then throws every failure at once.
 */
final class AllWait<T> extends WaitPolicy<List<T>> {
  AllWait(String op) {
    super(op);
  }

  @Override
  boolean needsSettleOrder() {
    return false;
  }

  @Override
  CancelReason cancelReason(Ledger ledger, int spawned) {
    return ledger.failed > 0 ? CancelReason.TASK_FAILED : null;
  }

  @Override
  boolean isDone(Ledger ledger, int spawned) {
    return ledger.allSettled(spawned);
  }

  @Override
  int wakeOn(boolean cancelled) {
    return cancelled ? 0 : WAKE_ON_FAILURE;
  }

  @Override
  @SuppressWarnings("unchecked")
  List<T> answer(GroupCore group, Ledger ledger) {
    group.throwIfIncomplete(op());
    ChildList children = group.children();
    Object[] results = new Object[children.size()];
    for (int i = 0; i < results.length; i++) {
      ChildTask<?> task = children.get(i);
      task.awaitSettledState(); // so that its handle reads SUCCEEDED once all() has returned
      results[i] = task.result();
    }
    return Collections.unmodifiableList((List<T>) Arrays.asList(results));
  }
}
