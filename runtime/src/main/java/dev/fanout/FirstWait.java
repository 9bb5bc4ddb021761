package dev.fanout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code first(n)}: the first {@code n} successes in completion order (a quorum); the remaining
 * tasks are cancelled. Fails as soon as so many tasks failed or were cancelled that {@code n}
 * successes are out of reach.
 */
final class FirstWait<T> extends WaitPolicy<List<T>> {
  private final int quorum;

  FirstWait(String op, int quorum) {
    super(op);
    this.quorum = quorum;
  }

  @Override
  CancelReason cancelReason(Ledger ledger, int spawned) {
    if (ledger.succeeded >= quorum) {
      return CancelReason.QUORUM_REACHED;
    }
    if (unreachable(ledger, spawned)) {
      return CancelReason.QUORUM_UNREACHABLE;
    }
    return null;
  }

  private boolean unreachable(Ledger ledger, int spawned) {
    return spawned - ledger.failed - ledger.cancelled < quorum;
  }

  @Override
  boolean isDone(Ledger ledger, int spawned) {
    return ledger.succeeded >= quorum || unreachable(ledger, spawned) || ledger.allSettled(spawned);
  }

  @Override
  int wakeOn(boolean cancelled) {
    return cancelled ? 0 : WAKE_ON_EACH;
  }

  @Override
  @SuppressWarnings("unchecked")
  List<T> answer(GroupCore group, Ledger ledger) {
    if (ledger.succeeded >= quorum) {
      group.answeredWithWinner();
      List<T> results = new ArrayList<>(quorum);
      for (ChildTask<?> t = ledger.head; results.size() < quorum; t = t.nextSettled) {
        if (t.rawState() == ChildTask.SUCCEEDED) {
          results.add((T) t.result());
        }
      }
      return Collections.unmodifiableList(results);
    }
    if (group.cancelReason() != CancelReason.QUORUM_UNREACHABLE) {
      throw group.cancellation(op());
    }
    throw group.failure(
        op()
            + ": "
            + ledger.failed
            + " of "
            + group.size()
            + " tasks failed, so "
            + quorum
            + " successes can no longer be reached");
  }
}
