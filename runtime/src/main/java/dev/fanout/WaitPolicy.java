package dev.fanout;

/**
 * One way of waiting for a group's tasks: what the settled tasks mean to it, when it has its
 * answer, and what that answer is. Each wait of {@link TaskGroup} ({@code all}, {@code allSettled},
 * {@code race}, {@code any}, {@code first}, {@code next}, {@code awaitCompletion}) is one small
 * implementation; {@link GroupCore#await} is the one loop that runs them all, on the owner thread.
 *
 * <p>A policy only reads the {@link Ledger}: children record outcomes and never run policy code.
 * The loop asks, after every drain of newly settled tasks: {@link #cancelReason} (should the group
 * be cancelled now, e.g. a race has its winner), then {@link #isDone} (can the wait answer), and
 * otherwise parks until a settle that {@link #wakeOn} names, a cancellation or a deadline. A new
 * strategy is one new class; nothing else has to agree with it.
 *
 * @param <R> what the wait returns
 */
abstract class WaitPolicy<R> {
  /** Wake the owner on every settle. */
  static final int WAKE_ON_EACH = 1;
  /** Wake the owner when a task fails. */
  static final int WAKE_ON_FAILURE = 2;
  /** Wake the owner when a task succeeds. */
  static final int WAKE_ON_SUCCESS = 4;

  private final String op;

  /** @param op the operation's name for messages, e.g. {@code "all()"} */
  WaitPolicy(String op) {
    this.op = op;
  }

  /** The operation's name for messages. */
  final String op() {
    return op;
  }

  /**
   * Whether the wait reads the settle order ({@code race}, {@code next}, ...). One that does not
   * ({@code all}, {@code allSettled}, {@code awaitCompletion}) reads the tasks in spawn order, so
   * while every task has succeeded the owner need not record them one by one: the settle count
   * tells it all.
   */
  boolean needsSettleOrder() {
    return true;
  }

  /**
   * The reason to cancel the group given what has settled, or null. Called before {@link
   * #isDone}, so that the decision and the answer see the same tasks.
   */
  abstract CancelReason cancelReason(Ledger ledger, int spawned);

  /** Whether the wait can answer now. Once every task has settled it always can. */
  abstract boolean isDone(Ledger ledger, int spawned);

  /**
   * Which settles may make the wait done, as {@code WAKE_*} flags; the owner is also woken when the
   * last task settles and when the group is cancelled. Once the group is {@code cancelled}, most
   * waits only need the last settle: asking for less keeps the remaining settles from waking the
   * owner one by one.
   */
  abstract int wakeOn(boolean cancelled);

  /** The answer, or the exception the wait throws. Called once {@link #isDone} holds. */
  abstract R answer(GroupCore group, Ledger ledger);
}
