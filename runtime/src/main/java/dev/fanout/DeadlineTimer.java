package dev.fanout;

import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Cancels groups whose deadline passes while their owner is busy elsewhere (not waiting).
 *
 * <p>One daemon platform thread serves every group in the JVM and is started on first use; it only
 * calls {@link TaskGroup#cancel()}-like code, never user code. Closing a group removes its entry, so
 * the timer holds no group past its close.
 */
final class DeadlineTimer {
  private static final ScheduledThreadPoolExecutor TIMER = newTimer();

  private DeadlineTimer() {}

  /** Runs {@code action} once {@code delayNanos} have elapsed, unless the returned future is cancelled. */
  static Future<?> schedule(Runnable action, long delayNanos) {
    return TIMER.schedule(action, delayNanos, TimeUnit.NANOSECONDS);
  }

  private static ScheduledThreadPoolExecutor newTimer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "fanout-deadline-timer");
              thread.setDaemon(true);
              return thread;
            });
    // Closed groups cancel their entry; dropping it at once keeps the queue as small as the set
    // of open groups with a deadline.
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
