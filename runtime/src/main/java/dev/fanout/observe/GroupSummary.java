package dev.fanout.observe;

import dev.fanout.CancelReason;
import java.time.Duration;

/**
 * How a group ended, given to {@link GroupObserver#closed}.
 *
 * @param name the group's name
 * @param lastWait the last wait the owner called ({@code "all()"}, {@code "race()"}...), or null
 * @param tasks how many tasks were spawned
 * @param succeeded how many succeeded
 * @param failed how many failed
 * @param cancelled how many were cancelled (never started, or threw after their cancellation)
 * @param cancelReason why the group was cancelled, or null if it never was
 * @param timeout the timeout that elapsed if the group timed out, otherwise null
 * @param duration from open to the end of close
 */
public record GroupSummary(
    String name,
    String lastWait,
    int tasks,
    int succeeded,
    int failed,
    int cancelled,
    CancelReason cancelReason,
    Duration timeout,
    Duration duration) {

  /** Whether the group was cancelled because its timeout, its deadline or a wait's timeout elapsed. */
  public boolean timedOut() {
    return cancelReason == CancelReason.TIMEOUT;
  }
}
