package dev.fanout;

import dev.fanout.StressRecord.Group;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one {@link StressPlan}: its owner on a thread of its own, and the foreign threads that
 * disturb or watch it (one opens the gate and may then interrupt the owner, one may cancel the
 * group, one may interrupt the owner, one may watch the order in which tasks settle), each timed
 * from the moment the group opened.
 */
final class StressRun {
  /** A scenario whose owner has not finished by then is hung. */
  static final Duration HANG_LIMIT = Duration.ofSeconds(30);

  final StressRecord record;
  /** Opened by a foreign thread soon after the group opens; some tasks wait for it. */
  final CountDownLatch gate = new CountDownLatch(1);
  /** Never opened: tasks that block until interrupted wait on it. */
  final CountDownLatch never = new CountDownLatch(1);

  private final StressPlan plan;
  private final Group top;
  private final Thread owner;
  private final CountDownLatch opened = new CountDownLatch(1);
  private final CountDownLatch waitStarts = new CountDownLatch(1);
  private final CountDownLatch done = new CountDownLatch(1);
  private final CountDownLatch over = new CountDownLatch(1);
  private final AtomicReference<TaskGroup<?>> group = new AtomicReference<>();
  /** The scenario group's handles by task index, as the owner spawns them. */
  private volatile AtomicReferenceArray<Subtask<Object>> handles;

  StressRun(StressPlan plan) {
    this.plan = plan;
    this.record = new StressRecord(plan);
    this.top = new Group(plan, null);
    record.groups.add(top);
    this.owner = new Thread(this::own, "stress-owner-" + plan.seed);
    owner.setDaemon(true);
  }

  /**
   * Runs the scenario to its end.
   *
   * @return null once the owner finished; a report with the owner's stack if it hung
   */
  String execute() throws InterruptedException {
    List<Thread> disturbers = new ArrayList<>();
    disturbers.add(disturber("gate", 0, this::openGate));
    if (plan.watchSettleOrder) {
      disturbers.add(disturber("watch", 0, this::watchSettleOrder));
    }
    if (plan.foreignCancelAfterMicros >= 0) {
      disturbers.add(disturber("cancel", plan.foreignCancelAfterMicros, this::cancelFromOutside));
    }
    if (plan.interruptAfterMicros >= 0) {
      disturbers.add(disturber("interrupt", plan.interruptAfterMicros, this::interruptOwner));
    }
    owner.start();
    boolean finished = done.await(HANG_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    over.countDown();
    if (!finished) {
      return hangReport();
    }
    for (Thread disturber : disturbers) {
      disturber.join(HANG_LIMIT.toMillis()); // each waits a few milliseconds at most
    }
    return null;
  }

  private void own() {
    try {
      new StressOwner(this, top).playAndClose();
    } catch (Throwable t) {
      record.ownerCrashed = t;
    } finally {
      opened.countDown(); // in case open() never returned
      done.countDown();
    }
  }

  /** Called by the owner once its group is open: the disturbers' clocks start now. */
  void groupOpened(TaskGroup<?> opened, AtomicReferenceArray<Subtask<Object>> handles) {
    group.set(opened);
    this.handles = handles;
    this.opened.countDown();
  }

  /** Called by the owner just before it waits (or would wait) for the group. */
  void waitStarts() {
    waitStarts.countDown();
  }

  /**
   * Opens the gate, timed from the group's opening or from the start of the wait; perhaps also
   * interrupts the owner just before or after, as the burst of tasks the gate frees settles.
   */
  private void openGate() {
    if (plan.gateAfterWaitStarts) {
      try {
        // Bounded: an owner blocked in spawn() by tasks waiting for this gate never gets there.
        waitStarts.await(5, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return; // nobody interrupts a disturber
      }
    }
    parkMicros(plan.gateAfterMicros);
    int offset = plan.interruptAtGateOffsetMicros;
    if (plan.interruptAtGate && offset < 0) {
      interruptOwner();
      parkMicros(-offset);
    }
    gate.countDown();
    if (plan.interruptAtGate && offset >= 0) {
      parkMicros(offset);
      interruptOwner();
    }
  }

  /**
   * Reads the handles' states over and over, from another thread, until the owner is done: the
   * oracle checks that a handle never reads unsettled once it has read settled.
   */
  private void watchSettleOrder() {
    AtomicReferenceArray<Subtask<Object>> watched = handles;
    if (watched == null) {
      return;
    }
    int size = watched.length();
    long[] firstReadSettled = new long[size];
    long[] lastReadUnsettled = new long[size];
    Arrays.fill(firstReadSettled, Long.MAX_VALUE);
    Arrays.fill(lastReadUnsettled, -1);
    long read = 0;
    for (boolean forward = true; done.getCount() > 0; forward = !forward) {
      for (int k = 0; k < size; k++) {
        int i = forward ? k : size - 1 - k;
        Subtask<Object> handle = watched.get(i);
        if (handle == null) {
          continue; // not spawned yet, or spawned and not yet published: unknown
        }
        read++;
        if (!handle.state().isSettled()) {
          lastReadUnsettled[i] = read;
        } else if (firstReadSettled[i] == Long.MAX_VALUE) {
          firstReadSettled[i] = read;
        }
      }
      Thread.onSpinWait();
    }
    top.firstReadSettled = firstReadSettled; // read by the oracle after this thread is joined
    top.lastReadUnsettled = lastReadUnsettled;
  }

  private static void parkMicros(int micros) {
    long deadline = System.nanoTime() + micros * 1000L;
    for (long left; (left = deadline - System.nanoTime()) > 0; ) {
      LockSupport.parkNanos(left);
    }
  }

  /** Interrupts the owner, from a disturber or from a task that ends. */
  void interruptOwner() {
    record.ownerInterrupted = true; // before the interrupt, which happens-before its detection
    owner.interrupt();
  }

  private void cancelFromOutside() {
    TaskGroup<?> opened = group.get();
    if (opened != null) {
      top.cancelCalled = true;
      opened.cancel();
    }
  }

  private Thread disturber(String what, int afterMicros, Runnable action) {
    Thread thread =
        new Thread(
            () -> {
              try {
                if (!opened.await(HANG_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                  return;
                }
              } catch (InterruptedException e) {
                return; // nobody interrupts a disturber
              }
              parkMicros(afterMicros);
              if (over.getCount() > 0) {
                action.run();
              }
            },
            "stress-" + what + "-" + plan.seed);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private String hangReport() {
    StringBuilder out =
        new StringBuilder("the owner did not finish within " + HANG_LIMIT + "; its stack:\n");
    appendStack(out, owner);
    for (Group g : record.groups) {
      for (Thread thread : g.threads) {
        if (thread.isAlive()) {
          out.append("child ").append(thread.getName()).append(" of ").append(g.label).append(":\n");
          appendStack(out, thread);
        }
      }
    }
    return out.toString();
  }

  private static void appendStack(StringBuilder out, Thread thread) {
    out.append("  \"").append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
    for (StackTraceElement frame : thread.getStackTrace()) {
      out.append("    at ").append(frame).append('\n');
    }
  }
}
