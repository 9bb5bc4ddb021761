package dev.fanout;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The lifecycle of one group, in one word.
 *
 * <pre>
 *   bit 0  SEALED     no more spawns                       set by the owner (seal(), close())
 *   bit 1  CLOSED     the owner left the block             set by the owner (close()); implies SEALED
 *   bit 2  FINISHED   onFinished callbacks were claimed    set once, by the thread that runs them
 *   bits 4-7          the cancel reason's ordinal + 1, or 0 while not cancelled
 * </pre>
 *
 * Transitions, each one CAS, all monotonic (a bit once set stays set; the reason is set once):
 *
 * <pre>
 *   open -> sealed -> closed
 *   not cancelled -> cancelled(reason)   any thread; the first reason sticks. A TIMEOUT is refused
 *                                        once the group is closed: a deadline that fires while
 *                                        close() finishes must not mark a closed group timed out.
 *   not finished -> finished             the group is sealed, closed or cancelled and every task
 *                                        has settled (the caller checks the second half)
 * </pre>
 */
final class Lifecycle {
  private static final int SEALED = 1;
  private static final int CLOSED = 2;
  private static final int FINISHED = 4;
  private static final int REASON_SHIFT = 4;
  private static final CancelReason[] REASONS = CancelReason.values();
  private static final VarHandle WORD;

  static {
    try {
      WORD = MethodHandles.lookup().findVarHandle(Lifecycle.class, "word", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile int word;

  boolean isSealed() {
    return (word & SEALED) != 0;
  }

  boolean isClosed() {
    return (word & CLOSED) != 0;
  }

  boolean isCancelled() {
    return word >>> REASON_SHIFT != 0;
  }

  /** The reason the group was cancelled, or null. */
  CancelReason reason() {
    int r = word >>> REASON_SHIFT;
    return r == 0 ? null : REASONS[r - 1];
  }

  /** Whether no task can be added that would keep the group from being finished. */
  boolean isEnded() {
    int w = word;
    return (w & (SEALED | CLOSED)) != 0 || w >>> REASON_SHIFT != 0;
  }

  void seal() {
    set(SEALED);
  }

  void close() {
    set(SEALED | CLOSED);
  }

  /**
   * Records {@code reason} unless the group is already cancelled (or, for a timeout, closed).
   *
   * @return whether this call cancelled the group
   */
  boolean cancel(CancelReason reason) {
    for (; ; ) {
      int w = word;
      if (w >>> REASON_SHIFT != 0 || (reason == CancelReason.TIMEOUT && (w & CLOSED) != 0)) {
        return false;
      }
      if (WORD.compareAndSet(this, w, w | (reason.ordinal() + 1) << REASON_SHIFT)) {
        return true;
      }
    }
  }

  /** Claims the right to run the onFinished callbacks; true for exactly one caller. */
  boolean claimFinished() {
    for (; ; ) {
      int w = word;
      if ((w & FINISHED) != 0) {
        return false;
      }
      if (WORD.compareAndSet(this, w, w | FINISHED)) {
        return true;
      }
    }
  }

  boolean isFinishedClaimed() {
    return (word & FINISHED) != 0;
  }

  private void set(int bits) {
    for (; ; ) {
      int w = word;
      if ((w & bits) == bits || WORD.compareAndSet(this, w, w | bits)) {
        return;
      }
    }
  }
}
