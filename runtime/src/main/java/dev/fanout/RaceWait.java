package dev.fanout;

import java.util.List;

/**
 * {@code race()}: the first task to settle wins, success or failure; the others are cancelled and
 * their failures count as observed by this call, once it answers.
 */
final class RaceWait<T> extends WaitPolicy<T> {
  RaceWait(String op) {
    super(op);
  }

  @Override
  CancelReason cancelReason(Ledger ledger, int spawned) {
    return ledger.firstSettled != null ? CancelReason.RACE_WON : null;
  }

  @Override
  boolean isDone(Ledger ledger, int spawned) {
    return ledger.firstSettled != null || ledger.allSettled(spawned);
  }

  @Override
  int wakeOn(boolean cancelled) {
    return cancelled ? 0 : WAKE_ON_EACH;
  }

  @Override
  @SuppressWarnings("unchecked")
  T answer(GroupCore group, Ledger ledger) {
    ChildTask<?> winner = ledger.firstSettled;
    if (winner == null) {
      throw group.cancellation(op());
    }
    group.answeredWithWinner();
    if (winner.rawState() == ChildTask.FAILED) {
      throw new TaskGroupException(
          op() + ": the first task to settle failed: " + GroupCore.describeFailure(winner),
          winner.failure(),
          List.of(winner.failure()));
    }
    return (T) winner.result();
  }
}
