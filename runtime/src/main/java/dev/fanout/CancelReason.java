package dev.fanout;

/**
 * Why a {@link TaskGroup} was cancelled; the first reason sticks. Its {@link #toString()} completes
 * the sentence "the group was cancelled because ...", which is how exception messages use it.
 * Listeners see it in {@link dev.fanout.observe.GroupObserver#cancelled}.
 */
public enum CancelReason {
  /** {@link TaskGroup#cancel()} was called. */
  CANCEL_CALLED("cancel() was called"),
  /** A task failed: {@code all()} fails fast, and so does a discarding group. */
  TASK_FAILED("a task failed"),
  /** {@code race()} had its winner and cancelled the losers. */
  RACE_WON("race() had its winner"),
  /** {@code any()} had its first success and cancelled the rest. */
  ANY_SUCCEEDED("any() had its first success"),
  /** {@code first(n)} had its {@code n} successes. */
  QUORUM_REACHED("first(n) had its n successes"),
  /** {@code first(n)} could no longer get {@code n} successes. */
  QUORUM_UNREACHABLE("first(n) could no longer be reached"),
  /** The group's timeout or deadline, or a wait's timeout, elapsed. */
  TIMEOUT("its timeout elapsed"),
  /** The owner was interrupted while it waited. */
  OWNER_INTERRUPTED("its owner thread was interrupted"),
  /** {@code close()} was reached while tasks were still unsettled. */
  CLOSED("close() was called while tasks were unsettled"),
  /** The task that opened this (nested) group was cancelled. */
  PARENT_CANCELLED("the task that opened it was cancelled");

  private final String because;

  CancelReason(String because) {
    this.because = because;
  }

  @Override
  public String toString() {
    return because;
  }
}
