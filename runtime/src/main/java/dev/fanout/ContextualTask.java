package dev.fanout;

import dev.fanout.context.ContextPropagationException;
import dev.fanout.context.ContextPropagator;
import java.util.concurrent.Callable;

/**
 * A task with the context its spawner had: the snapshots are taken on the owner thread when the
 * task is spawned ({@link #capture}); {@link #call()} installs them on the child thread around the
 * task and restores the thread's own context afterwards, in reverse order, whatever the task did.
 *
 * <p>Failures are the task's, never lost: an install that throws closes what was installed before
 * and fails the task without running it; a restore that throws fails the task, its own exception
 * (or an earlier restore failure) suppressed in the new one. Only made when a group has
 * propagators, so a group without any pays nothing.
 */
final class ContextualTask<V> implements Callable<V> {
  private final ContextPropagator[] propagators;
  private final ContextPropagator.Snapshot[] snapshots;
  private final Callable<? extends V> task;
  private final GroupCore group; // for messages
  private final int index;

  private ContextualTask(
      ContextPropagator[] propagators,
      ContextPropagator.Snapshot[] snapshots,
      Callable<? extends V> task,
      GroupCore group,
      int index) {
    this.propagators = propagators;
    this.snapshots = snapshots;
    this.task = task;
    this.group = group;
    this.index = index;
  }

  /**
   * Captures every propagator's context on the calling (spawning) thread.
   *
   * @throws ContextPropagationException if a propagator throws or returns null
   */
  static <V> Callable<V> capture(
      ContextPropagator[] propagators, Callable<? extends V> task, GroupCore group, int index) {
    ContextPropagator.Snapshot[] snapshots = new ContextPropagator.Snapshot[propagators.length];
    for (int i = 0; i < propagators.length; i++) {
      ContextPropagator propagator = propagators[i];
      try {
        snapshots[i] = propagator.capture();
      } catch (RuntimeException | Error e) {
        throw new ContextPropagationException(
            failedTo(propagator, "capture its context for", group, index) + "; nothing was spawned",
            e);
      }
      if (snapshots[i] == null) {
        throw new ContextPropagationException(
            failedTo(propagator, "capture its context for", group, index)
                + ": capture() returned null; nothing was spawned",
            null);
      }
    }
    return new ContextualTask<>(propagators, snapshots, task, group, index);
  }

  @Override
  public V call() throws Exception {
    int n = snapshots.length;
    ContextPropagator.Scope[] scopes = new ContextPropagator.Scope[n];
    int installed = 0;
    Throwable failure = null;
    V result = null;
    for (; installed < n; installed++) {
      try {
        scopes[installed] = snapshots[installed].install();
        if (scopes[installed] == null) {
          throw new NullPointerException("install() returned null");
        }
      } catch (Throwable e) {
        failure =
            new ContextPropagationException(
                failedTo(propagators[installed], "install its context in", group, index)
                    + "; the task did not run",
                e);
        break;
      }
    }
    if (failure == null) {
      try {
        result = task.call();
      } catch (Throwable e) {
        failure = e;
      }
    }
    for (int i = installed - 1; i >= 0; i--) {
      try {
        scopes[i].close();
      } catch (Throwable e) {
        ContextPropagationException restore =
            new ContextPropagationException(
                failedTo(propagators[i], "restore the thread's own context after", group, index),
                e);
        if (failure != null) {
          restore.addSuppressed(failure);
        }
        failure = restore;
      }
    }
    if (failure != null) {
      throw ContextualTask.<Exception>rethrow(failure); // whatever the task threw, unchanged
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E rethrow(Throwable failure) throws E {
    throw (E) failure;
  }

  private static String failedTo(
      ContextPropagator propagator, String what, GroupCore group, int index) {
    return "context propagator '"
        + propagator.name()
        + "' failed to "
        + what
        + " task #"
        + index
        + " of "
        + group.describe();
  }
}
