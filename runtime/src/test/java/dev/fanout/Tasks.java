package dev.fanout;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Task bodies and waits shared by the runtime tests; every wait is bounded, none is a sleep. */
final class Tasks {
  /** A generous bound for waits that should end almost at once; hitting it means a hang. */
  static final Duration HANG = Duration.ofSeconds(20);

  private Tasks() {}

  /** A task that signals {@code started}, then blocks until interrupted, then signals {@code interrupted}. */
  static <T> Callable<T> blockUntilInterrupted(CountDownLatch started, CountDownLatch interrupted) {
    return () -> {
      started.countDown();
      try {
        new CountDownLatch(1).await();
        throw new AssertionError("unreachable: nobody counts this latch down");
      } catch (InterruptedException e) {
        interrupted.countDown();
        throw e;
      }
    };
  }

  /** A task that waits for {@code gate}, then returns {@code value}. */
  static <T> Callable<T> after(CountDownLatch gate, T value) {
    return () -> {
      await(gate);
      return value;
    };
  }

  /** A task that waits for {@code gate}, then throws {@code failure}. */
  static <T> Callable<T> failAfter(CountDownLatch gate, Exception failure) {
    return () -> {
      await(gate);
      throw failure;
    };
  }

  static <T> Callable<T> fail(Exception failure) {
    return () -> {
      throw failure;
    };
  }

  /** Waits for {@code latch}, failing the test rather than hanging it. */
  static void await(CountDownLatch latch) throws InterruptedException {
    assertTrue(latch.await(HANG.toMillis(), TimeUnit.MILLISECONDS), "latch not released: hang");
  }

  /**
   * Waits until {@code task} has settled. A latch counted down inside a task body fires before the
   * task settles; tests that need a settle order wait here instead.
   */
  static void awaitSettled(Subtask<?> task) {
    long deadline = System.nanoTime() + HANG.toNanos();
    while (!task.state().isSettled()) {
      assertTrue(System.nanoTime() < deadline, "task never settled: " + task);
      Thread.onSpinWait();
    }
  }

  /**
   * Waits until {@code thread} is parked inside {@code <method>} of one of the runtime's classes: a
   * thread that is merely runnable, or parked somewhere else, proves nothing.
   */
  static void awaitBlockedIn(Thread thread, String method) {
    long deadline = System.nanoTime() + HANG.toNanos();
    while (true) {
      Thread.State state = thread.getState();
      if ((state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
          && isIn(thread.getStackTrace(), method)) {
        return;
      }
      assertTrue(thread.isAlive(), "thread ended instead of blocking in " + method);
      assertTrue(System.nanoTime() < deadline, "thread never blocked in " + method + ": " + state);
      Thread.onSpinWait();
    }
  }

  private static boolean isIn(StackTraceElement[] stack, String method) {
    boolean parked = false;
    for (StackTraceElement frame : stack) {
      if (frame.getClassName().equals("java.util.concurrent.locks.LockSupport")) {
        parked = true;
      }
      if (frame.getClassName().startsWith("dev.fanout.")
          && frame.getMethodName().equals(method)) {
        return parked;
      }
    }
    return false;
  }
}
