package dev.fanout;

/**
 * Why a {@link TaskGroup} was cancelled; the first reason sticks. Its text completes the sentence
 * "the group was cancelled because ...", which is how exception messages use it.
 */
enum CancelReason {
  CANCEL_CALLED("cancel() was called"),
  TASK_FAILED("a task failed"),
  RACE_WON("race() had its winner"),
  ANY_SUCCEEDED("any() had its first success"),
  QUORUM_REACHED("first(n) had its n successes"),
  QUORUM_UNREACHABLE("first(n) could no longer be reached"),
  TIMEOUT("its timeout elapsed"),
  OWNER_INTERRUPTED("its owner thread was interrupted"),
  CLOSED("close() was called while tasks were unsettled"),
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
