package dev.fanout;

import java.util.List;

/**
 * One or more child tasks of a {@link TaskGroup} failed.
 *
 * <p>The {@linkplain #getCause() cause} is the failure that settled first; {@link #failures()} lists
 * every failure in spawn order, and every failure but the cause is also attached as {@linkplain
 * #getSuppressed() suppressed}, so a plain stack trace shows them all.
 */
public class TaskGroupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Every failure in spawn order; the cause is one of them. */
  private final transient List<Throwable> failures;

  TaskGroupException(String message, Throwable firstToSettle, List<Throwable> failuresInSpawnOrder) {
    super(message, firstToSettle);
    this.failures = List.copyOf(failuresInSpawnOrder);
    assert failures.contains(firstToSettle) : "the cause must be one of the failures";
    for (Throwable failure : failures) {
      if (failure != firstToSettle) {
        addSuppressed(failure);
      }
    }
  }

  /** Every failure this exception reports, in the spawn order of the tasks that threw them. */
  public List<Throwable> failures() {
    return failures == null ? List.of() : failures;
  }
}
