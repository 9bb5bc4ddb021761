package dev.fanout;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A group's {@code onFinished} callbacks: registered by the owner, taken exactly once by the thread
 * that finishes the group, and the exceptions they throw, kept for {@code close()} to report.
 *
 * <p>The list is an immutable array replaced by CAS, and {@link #FIRED} once taken: an owner that
 * adds a callback after the list was taken learns so and runs it itself, so no callback is lost or
 * run twice whichever thread finishes the group.
 */
final class FinishedCallbacks {
  private static final Runnable[] FIRED = new Runnable[0];
  private static final VarHandle LIST;

  static {
    try {
      LIST = MethodHandles.lookup().findVarHandle(FinishedCallbacks.class, "list", Runnable[].class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** null (none yet), the callbacks in registration order, or FIRED once taken to run. */
  private volatile Runnable[] list;

  private List<Throwable> failures; // guarded by this

  /** Whether no callback was ever registered. */
  boolean isEmpty() {
    return list == null;
  }

  /**
   * Registers {@code callback}.
   *
   * @return false if the callbacks were already taken to run: the caller runs this one itself
   */
  boolean add(Runnable callback) {
    for (; ; ) {
      Runnable[] current = list;
      if (current == FIRED) {
        return false;
      }
      Runnable[] updated;
      if (current == null) {
        updated = new Runnable[] {callback};
      } else {
        updated = Arrays.copyOf(current, current.length + 1);
        updated[current.length] = callback;
      }
      if (LIST.compareAndSet(this, current, updated)) {
        return true;
      }
    }
  }

  /** Takes the registered callbacks to run them; once only (later takes get none). */
  Runnable[] take() {
    Runnable[] taken = (Runnable[]) LIST.getAndSet(this, FIRED);
    return taken == FIRED ? null : taken;
  }

  /** Runs {@code callbacks} on the calling thread; what one throws is kept, never lost. */
  void run(Runnable... callbacks) {
    if (callbacks == null) {
      return;
    }
    for (Runnable callback : callbacks) {
      try {
        callback.run();
      } catch (Throwable t) { // reported by close()
        synchronized (this) {
          if (failures == null) {
            failures = new ArrayList<>(1);
          }
          failures.add(t);
        }
      }
    }
  }

  /** What the callbacks threw so far, in the order they threw it; emptied. */
  synchronized List<Throwable> takeFailures() {
    List<Throwable> taken = failures == null ? List.of() : failures;
    failures = null;
    return taken;
  }
}
