package dev.fanout.internal;

import dev.fanout.TaskGroupException;
import dev.fanout.TaskGroupTimeoutException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * Translates a {@code TaskGroup}'s exceptions back into the exception contract of the interface
 * method that generated code implements, so that callers' existing {@code catch} blocks keep
 * working. Called by code that Fanout's annotation processor generates; not API.
 */
public final class FanOutExceptions {
  private static final System.Logger LOG = System.getLogger("dev.fanout");

  private FanOutExceptions() {}

  /**
   * The failure to rethrow for {@code e}: the task failure that settled first, unchanged.
   *
   * <p>A leaf's exception object belongs to the user's code and may be shared: a cached or
   * preallocated exception, one instance thrown by several leaves. So nothing is attached to it.
   * The other failures ({@code e}'s own, and those a {@code close()} reported and
   * try-with-resources suppressed onto {@code e}) are not dropped either: when any of them is not
   * already the rethrown exception or reachable from it, {@code e} is logged once (logger {@code
   * dev.fanout}, WARNING), and a plain stack trace of that record shows every one of them.
   */
  public static Throwable firstFailure(TaskGroupException e) {
    Throwable first = e.getCause();
    if (first == null) {
      return e;
    }
    Set<Throwable> carried = Collections.newSetFromMap(new IdentityHashMap<>());
    reachableFrom(first, carried);
    int others = 0;
    for (Throwable other : everyOtherFailure(e)) {
      if (carried.add(other)) {
        others++;
      }
    }
    if (others > 0 && LOG.isLoggable(Level.WARNING)) {
      LOG.log(
          Level.WARNING,
          e.getMessage()
              + ". The method rethrows the first failure as it declares, unchanged; "
              + (others == 1 ? "1 other failure is" : others + " other failures are")
              + " suppressed in this record's exception",
          e);
    }
    return first;
  }

  /** {@code failure} and every throwable its causes and suppressed exceptions lead to. */
  private static void reachableFrom(Throwable failure, Set<Throwable> found) {
    if (failure != null && found.add(failure)) {
      reachableFrom(failure.getCause(), found);
      for (Throwable suppressed : failure.getSuppressed()) {
        reachableFrom(suppressed, found);
      }
    }
  }

  private static List<Throwable> everyOtherFailure(TaskGroupException e) {
    List<Throwable> others = new ArrayList<>(e.failures());
    for (Throwable suppressed : e.getSuppressed()) {
      if (suppressed instanceof TaskGroupException) { // e.g. close() reporting late failures
        others.addAll(((TaskGroupException) suppressed).failures());
      } else {
        others.add(suppressed);
      }
    }
    return others;
  }

  /**
   * {@code failure} as an unchecked exception to throw: itself if it is a {@link
   * RuntimeException}, thrown directly if it is an {@link Error}, otherwise (a checked exception
   * the interface method does not declare) the group's own exception.
   */
  public static RuntimeException unchecked(Throwable failure, TaskGroupException e) {
    if (failure instanceof RuntimeException) {
      return (RuntimeException) failure;
    }
    if (failure instanceof Error) {
      throw (Error) failure;
    }
    return e;
  }

  /** A leaf call that may throw any {@link Throwable}, which a {@link Callable} cannot declare. */
  @FunctionalInterface
  public interface ThrowingCall<V> {
    V call() throws Throwable;
  }

  /**
   * The task for a leaf that declares a checked throwable outside {@link Exception} ({@code throws
   * Throwable}): a {@link Callable} that throws whatever the leaf throws, unchanged, so that the
   * group records it as the task's failure and the generated method rethrows it as declared.
   */
  public static <V> Callable<V> callable(ThrowingCall<V> leaf) {
    return () -> {
      try {
        return leaf.call();
      } catch (Throwable t) {
        throw FanOutExceptions.<Exception>rethrow(t);
      }
    };
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E rethrow(Throwable t) throws E {
    throw (E) t;
  }

  /**
   * For a method that does not declare {@link InterruptedException}: the unchecked exception to
   * throw after the caller restored the interrupt flag.
   */
  public static CancellationException interrupted(String method, InterruptedException e) {
    CancellationException cancelled =
        new CancellationException(method + " was interrupted; its child tasks were cancelled");
    cancelled.initCause(e);
    return cancelled;
  }

  /** For a method that declares {@link TimeoutException}: the checked form of a group timeout. */
  public static TimeoutException timeout(TaskGroupTimeoutException e) {
    TimeoutException timeout = new TimeoutException(e.getMessage());
    timeout.initCause(e);
    return timeout;
  }
}
