package dev.fanout;

/**
 * {@code next()}: the next task to settle, in completion order, or null once every task has been
 * returned. Cancels nothing; a returned failure counts as observed only once its handle is read.
 */
final class NextWait<T> extends WaitPolicy<Subtask<T>> {
  NextWait(String op) {
    super(op);
  }

  @Override
  CancelReason cancelReason(Ledger ledger, int spawned) {
    return null;
  }

  @Override
  boolean isDone(Ledger ledger, int spawned) {
    return ledger.nextCandidate() != null || ledger.allSettled(spawned);
  }

  @Override
  int wakeOn(boolean cancelled) {
    return WAKE_ON_EACH; // each settled task is an answer, cancelled or not
  }

  @Override
  @SuppressWarnings("unchecked")
  Subtask<T> answer(GroupCore group, Ledger ledger) {
    ChildTask<?> candidate = ledger.nextCandidate();
    if (candidate != null) {
      ledger.lastReturnedByNext = candidate;
    }
    return (Subtask<T>) candidate;
  }
}
