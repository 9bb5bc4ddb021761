package dev.fanout;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The concurrency limit of a bounded group: how many tasks run, the FIFO queue of those that wait,
 * and the hand-over of a freed slot to the next queued task.
 *
 * <p>Only bounded groups have one; an unbounded group starts every task at spawn and never takes
 * this lock. The lock guards every field below that is not final, and is held only for a few field
 * updates: no user code, no thread start, no interrupt runs under it.
 *
 * <p>Two ways to run the queue:
 *
 * <ul>
 *   <li><b>A thread per task</b> (virtual threads, or a custom thread factory): a settling task
 *       hands its slot to the next queued task, whose thread the caller starts ({@link #release}).
 *   <li><b>Reused threads</b> (platform threads): the group keeps at most {@code limit} threads of
 *       its own. A thread that finishes a task takes the next queued one; if there is none, it
 *       parks as idle ({@link #nextTask}). A spawn starts a new thread only when no thread is idle;
 *       otherwise it queues the task and wakes one idle thread, and a woken thread that leaves work
 *       in the queue wakes the next one (a cascade, as in {@code LinkedBlockingQueue}): one
 *       wake-up in flight at a time keeps the owner's spawn cheap when tasks are short, and every
 *       thread busy when they are long.
 * </ul>
 *
 * <p>Invariants (under the lock): {@code running <= limit}, where {@code running} counts the tasks
 * that hold a slot; a task is in the queue iff it is QUEUED; once {@link #shut} the queue stays
 * empty and nothing is admitted; a reusing group never has more than {@code limit} threads, busy,
 * waking and idle together. The owner is the only thread that ever waits on {@link #spaceFreed}
 * (in {@code spawn}, when a queue limit is full); idle threads park outside the lock.
 */
final class Admission {
  /** What {@link #admit} decided. */
  enum Decision {
    /** The task holds a slot and is RUNNING: start a thread for it. */
    START,
    /** The task waits in the queue, for a slot or for an idle thread of the group to take it. */
    QUEUED,
    /** The group was cancelled: the task must settle as cancelled without running. */
    REFUSED
  }

  /**
   * A thread of a reusing group with nothing to run, parked until woken for queued work or retired.
   * Made once per thread, the first time it runs out of work.
   */
  static final class IdleThread {
    private final Thread thread = Thread.currentThread();

    /** Set by {@link #nextTask}: a task this thread must start a new thread for, or null. */
    ChildTask<?> toStart;

    private boolean woken; // guarded by the lock
    private volatile boolean signalled;

    /** Parks until signalled (true) or until {@code nanos} pass without a signal (false). */
    private boolean parkUntilSignalled(long nanos) {
      long deadline = System.nanoTime() + nanos;
      while (!signalled) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          return false;
        }
        LockSupport.parkNanos(this, remaining);
      }
      signalled = false;
      return true;
    }

    private void signal() {
      signalled = true;
      LockSupport.unpark(thread);
    }
  }

  /**
   * How long an idle thread waits for work before it ends: long enough to bridge the gaps of a
   * fan-out loop, short enough that a group that idles (or that a bug leaves open) does not keep
   * its threads. A later spawn starts a new one.
   */
  private static final long KEEP_ALIVE_NANOS = 1_000_000_000L;

  private final int limit;
  private final int queueLimit;
  private final boolean reusesThreads;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition spaceFreed = lock.newCondition();
  private final ArrayDeque<ChildTask<?>> queue = new ArrayDeque<>();
  private final ArrayDeque<IdleThread> idle = new ArrayDeque<>();
  /** How long a thread that ran out of work looks for more before it parks. */
  private static final long SPIN_NANOS = 20_000;

  private int running;
  private int spinning; // threads looking for work without the lock (at most one)
  private volatile int queuedCount; // queue.size(), written under the lock, read by the spinner
  private int waking; // idle threads signalled that have not yet looked at the queue
  private int starting; // threads started that have not yet begun their first task
  private boolean shut;
  private volatile boolean retired; // also read by the spinner

  /**
   * @param reusesThreads whether the group runs its queue on at most {@code limit} threads of its
   *     own rather than a thread per task
   */
  Admission(int limit, int queueLimit, boolean reusesThreads) {
    this.limit = limit;
    this.queueLimit = queueLimit;
    this.reusesThreads = reusesThreads;
  }

  /**
   * Blocks the owner while the queue is full (backpressure): while {@code queueLimit} tasks wait
   * for a slot, until one frees, the group is cancelled, or {@code deadline} passes.
   *
   * @param deadline a {@link System#nanoTime()} value, or ignored if {@code timed} is false
   * @return false if {@code deadline} passed first
   * @throws InterruptedException if the owner was interrupted while blocked
   */
  boolean awaitSpace(boolean timed, long deadline) throws InterruptedException {
    if (queueLimit == Integer.MAX_VALUE) {
      return true; // no backpressure: the queue is unbounded
    }
    lock.lock();
    try {
      // Queued tasks beyond the free slots are the ones waiting for a slot. (Without reuse the
      // queue is empty while a slot is free, so this is simply queue.size() >= queueLimit.)
      while (!shut && queue.size() - (limit - running) >= queueLimit) {
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
      if (reusesThreads ? mayStartThreadLocked() : running < limit) {
        running++;
        boolean claimed = task.markRunning();
        assert claimed;
        if (reusesThreads) {
          starting++;
        }
        return Decision.START;
      }
      queue.addLast(task);
      queuedCount = queue.size();
      if (reusesThreads && waking == 0 && running < limit && spinning == 0) {
        wakeOneLocked(); // an idle thread takes it, and wakes the next if work is left
      }
      return Decision.QUEUED; // or a thread now starting takes it, or starts one for it
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether a reusing group should start a thread now: a slot is free beyond those the queued
   * tasks will take, no idle, waking or spinning thread is there to take work, and no other thread
   * is starting. One start at a time: a platform thread takes about as long to start as thousands of
   * short tasks take to run, and a thread that has started starts the next one if work is still
   * waiting ({@link #threadStarted}), so the group reaches its limit only when its work needs it.
   */
  private boolean mayStartThreadLocked() {
    return running + queue.size() < limit
        && idle.isEmpty()
        && waking == 0
        && starting == 0
        && spinning == 0;
  }

  /**
   * A reusing group's new thread has begun. If work waits in the queue with no thread to take it,
   * claims the head of the queue for one more thread, which the caller starts.
   *
   * @return that task, RUNNING and counted; or null
   */
  ChildTask<?> threadStarted() {
    lock.lock();
    try {
      starting--;
      return claimForNewThreadLocked();
    } finally {
      lock.unlock();
    }
  }

  /**
   * A reusing group's thread could not be started; its task has settled as failed. Frees that
   * task's slot and, as {@link #threadStarted} does, claims queued work for another attempt.
   */
  ChildTask<?> threadFailedToStart() {
    lock.lock();
    try {
      starting--;
      running--;
      signalSpaceLocked();
      return claimForNewThreadLocked();
    } finally {
      lock.unlock();
    }
  }

  private ChildTask<?> claimForNewThreadLocked() {
    if (shut || queue.isEmpty() || running >= limit || !idle.isEmpty() || waking > 0) {
      if (!queue.isEmpty() && waking == 0 && running < limit) {
        wakeOneLocked();
      }
      return null;
    }
    ChildTask<?> next = queue.pollFirst();
    queuedCount = queue.size();
    running++;
    starting++;
    boolean claimed = next.markRunning();
    assert claimed;
    return next;
  }

  /**
   * A thread-per-task group's task is done with its slot: hands it to the next queued task.
   *
   * @return that task, already RUNNING and counted, for the caller to start; or null
   */
  ChildTask<?> release() {
    lock.lock();
    try {
      running--;
      signalSpaceLocked();
      return claimLocked();
    } finally {
      lock.unlock();
    }
  }

  /**
   * A reusing group's thread wants its next task: after finishing one ({@code finishedOne}, which
   * frees its slot), takes the next queued task, or parks as idle until there is one.
   *
   * @return the next task to run on this thread, already RUNNING and counted; or null once the
   *     group retires its threads
   */
  ChildTask<?> nextTask(IdleThread self, boolean finishedOne) {
    assert self.toStart == null;
    boolean release = finishedOne;
    boolean spun = false;
    for (; ; ) {
      boolean spin = false;
      lock.lock();
      try {
        if (release) {
          release = false;
          running--;
          signalSpaceLocked();
        }
        if (self.woken) {
          self.woken = false;
          waking--;
        }
        ChildTask<?> next = claimLocked();
        if (next != null) {
          self.toStart = spreadQueuedWorkLocked();
          return next;
        }
        if (retired) {
          return null;
        }
        if (!spun && spinning == 0) {
          spin = true;
          spinning++;
        } else {
          idle.addLast(self);
        }
      } finally {
        lock.unlock();
      }
      if (spin) {
        spun = true;
        awaitQueuedWorkBriefly();
        continue;
      }
      if (!self.parkUntilSignalled(KEEP_ALIVE_NANOS) && retireIfStillIdle(self)) {
        return null;
      }
    }
  }

  /**
   * Spins for a few microseconds, without the lock, until the owner queues a task: when tasks are
   * short, the owner's next spawn usually comes that soon, and taking it beats parking and being
   * woken for it (two context switches). One thread at a time, so that spinning never takes the
   * second core from the owner.
   */
  private void awaitQueuedWorkBriefly() {
    long deadline = System.nanoTime() + SPIN_NANOS;
    while (queuedCount == 0 && !retired && System.nanoTime() - deadline < 0) {
      Thread.onSpinWait();
    }
    lock.lock();
    try {
      spinning--;
    } finally {
      lock.unlock();
    }
  }

  /** Ends an idle thread whose keep-alive elapsed, unless it was signalled meanwhile. */
  private boolean retireIfStillIdle(IdleThread self) {
    lock.lock();
    try {
      return idle.remove(self); // false: a signal is on its way, so take the work
    } finally {
      lock.unlock();
    }
  }

  /** The head of the queue, given a slot; wakes the next idle thread if more work is waiting. */
  private ChildTask<?> claimLocked() {
    if (shut || running >= limit) {
      return null;
    }
    ChildTask<?> next = queue.pollFirst();
    if (next == null) {
      return null;
    }
    queuedCount = queue.size();
    running++;
    boolean claimed = next.markRunning();
    assert claimed;
    return next;
  }

  /**
   * A reusing group's thread has just claimed a task and work is still queued: wakes an idle
   * thread for it, or, if none is idle and none is on its way, claims the head of the queue for a
   * new thread, which the caller starts. Without this, a queue that grew while the group's threads
   * were busy would wait for them, however many slots are free.
   *
   * @return a task for a new thread, RUNNING and counted; or null
   */
  private ChildTask<?> spreadQueuedWorkLocked() {
    if (shut || queue.isEmpty() || running >= limit || waking > 0) {
      return null;
    }
    if (!idle.isEmpty()) {
      wakeOneLocked(); // it takes one, and spreads the rest in its turn
      return null;
    }
    if (starting > 0 || spinning > 0) {
      return null; // that thread spreads the rest once it runs
    }
    return claimForNewThreadLocked();
  }

  private void wakeOneLocked() {
    IdleThread thread = idle.pollLast(); // the most recently idle: its caches are warmest
    if (thread != null) {
      thread.woken = true;
      waking++;
      thread.signal();
    }
  }

  private void signalSpaceLocked() {
    if (queueLimit != Integer.MAX_VALUE) {
      spaceFreed.signal(); // only the owner waits, and only in spawn
    }
  }

  /**
   * Admits nothing from now on and returns the queued tasks, which will never run, in spawn order.
   * Wakes the owner if it is blocked for queue space, and retires the idle threads. Idempotent.
   */
  List<ChildTask<?>> shut() {
    lock.lock();
    try {
      shut = true;
      List<ChildTask<?>> never = new ArrayList<>(queue);
      queue.clear();
      queuedCount = 0;
      spaceFreed.signalAll();
      retireLocked();
      return never;
    } finally {
      lock.unlock();
    }
  }

  /** Ends the group's threads as they become idle (close(), once every task has settled). */
  void retireThreads() {
    lock.lock();
    try {
      retireLocked();
    } finally {
      lock.unlock();
    }
  }

  private void retireLocked() {
    retired = true;
    for (IdleThread thread; (thread = idle.pollFirst()) != null; ) {
      thread.signal();
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
