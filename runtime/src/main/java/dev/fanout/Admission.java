package dev.fanout;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The concurrency limit of a bounded group: how many tasks run, the FIFO queue of those that wait,
 * and the hand-over of a freed slot to the next queued task.
 *
 * <p>Only bounded groups have one; an unbounded group starts every task at spawn and never takes
 * this lock. The lock guards {@link #running}, {@link #queue} and {@link #shut}, and is held only
 * for a few field updates: no user code, no thread start, no interrupt runs under it.
 *
 * <p>Invariants (under the lock): {@code running <= limit}; a task is in the queue iff it is
 * QUEUED; once {@link #shut} the queue stays empty and nothing is admitted. The owner is the only
 * thread that ever waits on {@link #spaceFreed} (in {@code spawn}, when a queue limit is full).
 */
final class Admission {
  /** What {@link #admit} decided. */
  enum Decision {
    /** The task holds a slot and is RUNNING: start it. */
    START,
    /** The task waits in the queue for a slot. */
    QUEUED,
    /** The group was cancelled: the task must settle as cancelled without running. */
    REFUSED
  }

  private final int limit;
  private final int queueLimit;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition spaceFreed = lock.newCondition();
  private final ArrayDeque<ChildTask<?>> queue = new ArrayDeque<>();
  private int running;
  private boolean shut;

  Admission(int limit, int queueLimit) {
    this.limit = limit;
    this.queueLimit = queueLimit;
  }

  int limit() {
    return limit;
  }

  /**
   * Blocks the owner while the queue is full (backpressure), until a slot or queue space frees,
   * the group is cancelled, or {@code deadline} passes.
   *
   * @param deadline a {@link System#nanoTime()} value, or ignored if {@code timed} is false
   * @return false if {@code deadline} passed first
   * @throws InterruptedException if the owner was interrupted while blocked
   */
  boolean awaitSpace(boolean timed, long deadline) throws InterruptedException {
    lock.lock();
    try {
      while (!shut && running >= limit && queue.size() >= queueLimit) {
        if (!timed) {
          spaceFreed.await();
        } else {
          long remaining = deadline - System.nanoTime();
          if (remaining <= 0) {
            return false;
          }
          spaceFreed.await(remaining, TimeUnit.NANOSECONDS);
        }
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Gives a new (QUEUED) task a slot, or queues it. Owner only; never blocks. */
  Decision admit(ChildTask<?> task) {
    lock.lock();
    try {
      if (shut) {
        return Decision.REFUSED;
      }
      if (running < limit) {
        running++;
        boolean claimed = task.markRunning();
        assert claimed;
        return Decision.START;
      }
      queue.addLast(task);
      return Decision.QUEUED;
    } finally {
      lock.unlock();
    }
  }

  /**
   * A running task is done with its slot: hands it to the next queued task, if any.
   *
   * @return that task, already RUNNING and counted, for the caller to run or start; or null
   */
  ChildTask<?> release() {
    lock.lock();
    try {
      ChildTask<?> next = shut ? null : queue.pollFirst();
      if (next == null) {
        running--;
      } else {
        boolean claimed = next.markRunning();
        assert claimed;
      }
      if (queueLimit != Integer.MAX_VALUE) {
        spaceFreed.signal(); // only the owner waits, and only in spawn
      }
      return next;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Admits nothing from now on and returns the queued tasks, which will never run, in spawn order.
   * Wakes the owner if it is blocked for queue space. Idempotent.
   */
  List<ChildTask<?>> shut() {
    lock.lock();
    try {
      shut = true;
      List<ChildTask<?>> never = new ArrayList<>(queue);
      queue.clear();
      spaceFreed.signalAll();
      return never;
    } finally {
      lock.unlock();
    }
  }

  /** Queued tasks, for diagnostics. */
  int queued() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }
}
