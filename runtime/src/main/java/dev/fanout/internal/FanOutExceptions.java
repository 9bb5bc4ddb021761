package dev.fanout.internal;

import dev.fanout.TaskGroupException;
import dev.fanout.TaskGroupTimeoutException;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
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
   * The task failure of {@code e} that settled first, exactly as the leaf threw it; {@code e}
   * itself if it has no cause. It has no side effect: the generated method then either rethrows
   * it through {@link #rethrown} or {@link #unchecked}, or throws {@code e}.
   */
  public static Throwable firstFailure(TaskGroupException e) {
    Throwable first = e.getCause();
    return first == null ? e : first;
  }

  /**
   * Returns {@code failure}, which the generated method is about to throw as itself, after making
   * sure that no other failure of {@code e} is lost with {@code e}.
   *
   * <p>A leaf's exception object belongs to the user's code and may be shared: a cached or
   * preallocated exception, one instance thrown by several leaves. So nothing is attached to it.
   * Instead, when {@code e} holds a failure that {@code failure} does not already lead to (through
   * its causes and suppressed exceptions) — another task's, or one that {@code close()} reported
   * and try-with-resources suppressed onto {@code e} — {@code e} is logged once (logger {@code
   * dev.fanout}, WARNING): its stack trace shows every failure.
   */
  public static <X extends Throwable> X rethrown(X failure, TaskGroupException e) {
    if (failure == e) {
      return failure; // e itself is thrown: it carries everything
    }
    Set<Throwable> carried = reachableFrom(failure);
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
              + " carried by this record's exception",
          e);
    }
    return failure;
  }

  /** {@code failure} and every throwable its causes and suppressed exceptions lead to. */
  private static Set<Throwable> reachableFrom(Throwable failure) {
    Set<Throwable> found = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> pending = new ArrayDeque<>(); // not recursion: a cause chain may be deep
    pending.push(failure);
    while (!pending.isEmpty()) {
      Throwable next = pending.pop();
      if (found.add(next)) {
        if (next.getCause() != null) {
          pending.push(next.getCause());
        }
        for (Throwable suppressed : next.getSuppressed()) {
          pending.push(suppressed);
        }
      }
    }
    return found;
  }

  /**
   * Every failure {@code e} carries but its cause: its suppressed exceptions, which hold its other
   * failures (see {@link TaskGroupException}) and whatever try-with-resources added, with a group
   * exception that {@code close()} reported opened up into its own failures.
   */
  private static List<Throwable> everyOtherFailure(TaskGroupException e) {
    List<Throwable> others = new ArrayList<>();
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
   * RuntimeException}, thrown directly if it is an {@link Error} (both through {@link #rethrown},
   * so that no other failure is lost), otherwise (a checked exception the interface method does
   * not declare, thrown by a leaf written in another language or through a sneaky throw) the
   * group's own exception, which carries every failure.
   */
  public static RuntimeException unchecked(Throwable failure, TaskGroupException e) {
    if (failure instanceof RuntimeException) {
      return rethrown((RuntimeException) failure, e);
    }
    if (failure instanceof Error) {
      throw rethrown((Error) failure, e);
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
