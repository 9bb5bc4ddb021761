package dev.fanout;

import static dev.fanout.Tasks.blockUntilInterrupted;
import static dev.fanout.Tasks.fail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Edge cases found in review: each once broke a promise of the runtime. */
class ReviewRegressionTest {

  /** A key whose hashCode() is broken, as a lazy proxy's can be. */
  private static final class BrokenKey {
    @Override
    public int hashCode() {
      throw new IllegalStateException("proxy not initialized");
    }
  }

  @Test
  void aKeyWhoseHashCodeThrowsLeavesNothingBehindAndCloseReturns() throws Exception {
    try (TaskGroup<String> group = TaskGroup.open()) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> group.spawn(new BrokenKey(), () -> "x"));
      assertEquals("proxy not initialized", e.getMessage());
      assertEquals(0, group.size(), "no task was registered");
      group.spawn("fine", () -> "y");
      assertEquals("y", group.allKeyed().get("fine"));
    } // returns: no phantom task to wait for
  }

  @RepeatedTest(20)
  void callbacksMadeDueByAForeignCancelHaveRunWhenCloseReturns() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(() -> "done");
      group.awaitCompletion();
      group.onFinished(
          () -> {
            ranOn.set(Thread.currentThread());
            runs.incrementAndGet();
          });
      Thread foreign = new Thread(group::cancel); // makes the group finished
      foreign.start();
      foreign.join();
    }
    assertEquals(1, runs.get());
    assertSame(Thread.currentThread(), ranOn.get(), "left for the owner, who close() waits for");
  }

  @Test
  void onFinishedRunsAtOnceOnAGroupTheTimerFinished() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    try (TaskGroup<String> group = TaskGroup.builder().timeout(Duration.ofMillis(10)).open()) {
      long deadline = System.nanoTime() + Tasks.HANG.toNanos();
      while (!group.isFinished()) { // the timer cancels an empty group: finished
        assertTrue(System.nanoTime() < deadline, "the timer never fired");
        Thread.onSpinWait();
      }
      group.onFinished(runs::incrementAndGet);
      assertEquals(1, runs.get(), "already finished: runs now");
    }
    assertEquals(1, runs.get());
  }

  @Test
  void aWaitTimeoutOnAnAlreadyCancelledGroupReportsItsOwnDuration() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(
          () -> {
            started.countDown();
            while (release.getCount() > 0) { // ignores interrupts, as some libraries do
              Thread.onSpinWait();
            }
            return "late";
          });
      Tasks.await(started);
      group.cancel();
      TaskGroupTimeoutException e =
          assertThrows(
              TaskGroupTimeoutException.class, () -> group.awaitCompletion(Duration.ofMillis(30)));
      assertEquals(Duration.ofMillis(30), e.timeout());
      assertTrue(e.getMessage().contains("30ms"), e.getMessage());
      release.countDown();
    }
  }

  @Test
  void anyWithEveryTaskFailedEndsTheGroup() throws Exception {
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(fail(new IOException("a")));
      group.spawn(fail(new IOException("b")));
      assertThrows(TaskGroupException.class, group::any);
      assertTrue(group.isCancelled());
    }
  }

  @RepeatedTest(20)
  void callbacksOnAChildThreadDoNotSeeTheCancellationsInterrupt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    AtomicReference<Boolean> flagInCallback = new AtomicReference<>();
    AtomicReference<Thread> callbackThread = new AtomicReference<>();
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(blockUntilInterrupted(started, interrupted));
      group.onFinished(
          () -> {
            callbackThread.set(Thread.currentThread());
            flagInCallback.set(Thread.currentThread().isInterrupted());
          });
      group.seal();
      Tasks.await(started);
      group.cancel();
    }
    // The child settles last, so the child's thread is the one that finishes the group.
    assertNotSame(Thread.currentThread(), callbackThread.get());
    assertFalse(flagInCallback.get(), "the child's interrupt was cleared before its callbacks");
  }

  @Test
  void failureMessagesNameTheExceptionWithoutCallingIntoIt() throws Exception {
    IOException tricky =
        new IOException() {
          private static final long serialVersionUID = 1L;

          @Override
          public String getMessage() {
            throw new AssertionError("user code ran under the group's lock");
          }
        };
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(fail(tricky));
      TaskGroupException e = assertThrows(TaskGroupException.class, group::all);
      assertSame(tricky, e.getCause());
      assertTrue(e.getMessage().contains("from task #0"), "named by class and task instead");
    }
  }
}
