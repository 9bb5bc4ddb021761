package dev.fanout;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * {@code all()}: every result in spawn order, fail-fast. The first failure cancels the siblings;
 * the answer waits until they have all settled and then throws every failure at once.
 */
final class AllWait<T> implements WaitPolicy<List<T>> {
  private final String op;

  AllWait(String op) {
    this.op = op;
  }

  @Override
  public String op() {
    return op;
  }

  @Override
  public boolean needsSettleOrder() {
    return false;
  }

  @Override
  public CancelReason cancelReason(Ledger ledger, int spawned) {
    return ledger.failed > 0 ? CancelReason.TASK_FAILED : null;
  }

  @Override
  public boolean isDone(Ledger ledger, int spawned) {
    return ledger.allSettled(spawned);
  }

  @Override
  public int wakeOn(boolean cancelled) {
    return cancelled ? 0 : WAKE_ON_FAILURE;
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<T> answer(GroupCore group, Ledger ledger) {
    group.throwIfIncomplete(op);
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
