package dev.fanout;

import java.time.Duration;
import java.util.List;

/**
 * A {@link TaskGroup}'s deadline, or the timeout of one of its waits, elapsed before the wait
 * could return. The group has been cancelled.
 *
 * <p>A timeout is not a task failure, so this type does not extend {@link TaskGroupException}:
 * {@code catch (TaskGroupTimeoutException e)} and {@code catch (TaskGroupException e)} tell the two
 * apart. Task failures that settled before the timeout are attached as {@linkplain #getSuppressed()
 * suppressed} (and count as observed), so none is lost.
 */
public class TaskGroupTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Duration timeout;

  /**
   * Identifies the group deadline that elapsed (shared by the nested groups that inherited it), or
   * null for the timeout of one wait. Not serialized: it only means something inside this JVM.
   */
  private final transient Object deadlineToken;

  TaskGroupTimeoutException(
      String message, Duration timeout, List<Throwable> failuresSoFar, Object deadlineToken) {
    super(message);
    this.timeout = timeout;
    this.deadlineToken = deadlineToken;
    failuresSoFar.forEach(this::addSuppressed);
  }

  Object deadlineToken() {
    return deadlineToken;
  }

  /** The timeout that elapsed, measured from when it was set (at open, or at the start of the wait). */
  public Duration timeout() {
    return timeout;
  }
}
