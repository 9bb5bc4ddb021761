package dev.fanout;

/**
 * {@code any()}: the first task to succeed wins and the others are cancelled; fails only once every
 * task has failed (or was cancelled), with every failure attached.
 */
final class AnyWait<T> extends WaitPolicy<T> {
  AnyWait(String op) {
    super(op);
  }

  @Override
  CancelReason cancelReason(Ledger ledger, int spawned) {
    if (ledger.firstSuccess != null) {
      return CancelReason.ANY_SUCCEEDED;
    }
    if (ledger.allSettled(spawned) && ledger.failed > 0) {
      return CancelReason.TASK_FAILED; // every task failed: any() is over, and so is the group
    }
    return null;
  }

  @Override
  boolean isDone(Ledger ledger, int spawned) {
    return ledger.firstSuccess != null || ledger.allSettled(spawned);
  }

  @Override
  int wakeOn(boolean cancelled) {
    return cancelled ? 0 : WAKE_ON_SUCCESS;
  }

  @Override
  @SuppressWarnings("unchecked")
  T answer(GroupCore group, Ledger ledger) {
    if (ledger.firstSuccess != null) {
      group.answeredWithWinner();
      return (T) ledger.firstSuccess.result();
    }
    if (ledger.cancelled > 0) {
      throw group.cancellation(op());
    }
    throw group.failure(op() + ": every one of the " + ledger.settled + " tasks failed");
  }
}
