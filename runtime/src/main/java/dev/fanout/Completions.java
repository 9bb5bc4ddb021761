package dev.fanout;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The settle order of a group: a multi-producer, single-consumer stack of settled {@link
 * ChildTask}s (a Treiber stack) that numbers each push.
 *
 * <p>Every settling task is pushed exactly once, by the thread that settles it (its own, or a
 * canceller's for a task that never ran). The owner alone drains the stack, and restores settle
 * order by reversing what it took. A push is one CAS; the stack is never locked.
 *
 * <p>The head is never null: a drain leaves a fresh {@link Mark} carrying the count so far, so each
 * push can number itself ({@code seq = head.seq + 1}) and the total number of settled tasks is
 * always {@code head.seq}. Children compare that count with what the owner waits for to decide
 * whether to wake it.
 */
final class Completions {
  private static final VarHandle HEAD;

  static {
    try {
      HEAD = MethodHandles.lookup().findVarHandle(Completions.class, "head", ChildTask.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * A placeholder at the bottom of the stack: it carries the count of tasks settled before it and
   * is never handed to the owner as a task.
   */
  private static final class Mark {
    private Mark() {}

    static ChildTask<?> at(int seq) {
      ChildTask<?> mark = new ChildTask<>(null, -1, null, ChildTask.CANCELLED);
      mark.seq = seq;
      return mark;
    }
  }

  private volatile ChildTask<?> head = Mark.at(0);

  /** The mark the owner left at its last drain: everything above it is new. Owner only. */
  private ChildTask<?> lastMark = head;

  /**
   * Pushes a settled (COMPLETING) task; its position in settle order, from 1, is then in {@link
   * ChildTask#seq} too.
   *
   * @return that position
   */
  int push(ChildTask<?> task) {
    for (; ; ) {
      ChildTask<?> h = head;
      task.nextSettled = h;
      task.seq = h.seq + 1;
      if (HEAD.compareAndSet(this, h, task)) {
        return task.seq;
      }
    }
  }

  /** The task pushed last, if it has not been drained yet; else null. Owner only. */
  ChildTask<?> newest() {
    ChildTask<?> h = head;
    return h == lastMark ? null : h;
  }

  /** How many tasks have settled so far. Any thread. */
  int settledCount() {
    return head.seq;
  }

  /**
   * Takes every task pushed since the last drain and returns the oldest, linked in settle order
   * through {@link ChildTask#nextSettled} (the last one's link is null); or null. Owner only.
   */
  ChildTask<?> drain() {
    ChildTask<?> h;
    ChildTask<?> mark = null;
    do {
      h = head;
      if (h == lastMark) {
        return null;
      }
      if (mark == null) {
        mark = Mark.at(h.seq);
      } else {
        mark.seq = h.seq;
      }
    } while (!HEAD.compareAndSet(this, h, mark));
    ChildTask<?> stop = lastMark;
    lastMark = mark;
    // Reverse [h .. stop), newest first, into settle order; the owner alone touches these links
    // from now on.
    ChildTask<?> newer = null;
    for (ChildTask<?> node = h; node != stop; ) {
      ChildTask<?> older = node.nextSettled;
      node.nextSettled = newer;
      newer = node;
      node = older;
    }
    return newer;
  }
}
