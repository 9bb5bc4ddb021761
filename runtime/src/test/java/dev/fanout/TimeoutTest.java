package dev.fanout;

import static dev.fanout.Tasks.blockUntilInterrupted;
import static dev.fanout.Tasks.fail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.Subtask.State;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Timeouts use real time, but every task here blocks until it is interrupted, so the timeout is the
 * only way out and the outcome does not depend on scheduling.
 */
class TimeoutTest {

  @Test
  void aGroupTimeoutCancelsTheTasksAndIsReportedAsATimeoutNotAFailure() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    Subtask<String> slow;
    try (TaskGroup<String> group =
        TaskGroup.builder().name("slow").timeout(Duration.ofMillis(50)).open()) {
      slow = group.spawn(blockUntilInterrupted(started, interrupted));
      TaskGroupTimeoutException e = assertThrows(TaskGroupTimeoutException.class, group::all);
      assertFalse(TaskGroupException.class.isInstance(e), "a timeout is not a task failure");
      assertEquals(Duration.ofMillis(50), e.timeout());
      assertTrue(e.getMessage().contains("group 'slow' ran past its timeout of 50ms"), e.getMessage());
      assertTrue(group.isCancelled());
    }
    assertEquals(0, interrupted.getCount());
    assertEquals(State.CANCELLED, slow.state());
  }

  @Test
  void aWaitTimeoutCancelsTheGroup() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(blockUntilInterrupted(started, interrupted));
      TaskGroupTimeoutException e =
          assertThrows(TaskGroupTimeoutException.class, () -> group.race(Duration.ofMillis(20)));
      assertEquals(Duration.ofMillis(20), e.timeout());
    }
    assertEquals(0, interrupted.getCount());
  }

  @Test
  void theDeadlineCancelsTasksEvenWhileTheOwnerIsNotWaiting() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    try (TaskGroup<String> group = TaskGroup.builder().timeout(Duration.ofMillis(30)).open()) {
      group.spawn(blockUntilInterrupted(started, interrupted));
      Tasks.await(interrupted); // the owner is busy here, not in a wait
      assertTrue(group.isCancelled());
      assertThrows(TaskGroupTimeoutException.class, group::all);
    }
  }

  @Test
  void aDeadlineAlreadyPastCancelsTheGroupAtOpen() throws Exception {
    try (TaskGroup<String> group =
        TaskGroup.builder().deadline(Instant.now().minusSeconds(1)).open()) {
      assertTrue(group.isCancelled());
      Subtask<String> task = group.spawn(() -> "never");
      assertEquals(State.CANCELLED, task.state());
      assertThrows(TaskGroupTimeoutException.class, group::all);
    }
  }

  @Test
  void failuresThatSettledBeforeTheTimeoutTravelWithIt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    IOException boom = new IOException("boom");
    try (TaskGroup<String> group = TaskGroup.builder().timeout(Duration.ofMillis(50)).open()) {
      Subtask<String> failing = group.spawn(fail(boom));
      group.spawn(blockUntilInterrupted(started, interrupted));
      Tasks.awaitSettled(failing);
      TaskGroupTimeoutException e =
          assertThrows(TaskGroupTimeoutException.class, group::awaitCompletion);
      assertEquals(List.of(boom), List.of(e.getSuppressed()));
    } // observed through the timeout: close() stays quiet
  }

  @Test
  void resultsThatArriveBeforeTheDeadlineAreReturned() throws Exception {
    try (TaskGroup<String> group = TaskGroup.builder().timeout(Duration.ofMinutes(5)).open()) {
      group.spawn(() -> "a");
      group.spawn(() -> "b");
      assertEquals(List.of("a", "b"), group.all());
      assertFalse(group.isCancelled());
    }
  }

  @Test
  void badTimeoutsAreRejectedWithTheParameterNamed() {
    IllegalArgumentException zero =
        assertThrows(
            IllegalArgumentException.class, () -> TaskGroup.builder().timeout(Duration.ZERO));
    assertTrue(zero.getMessage().startsWith("timeout must be positive"), zero.getMessage());
    NullPointerException missing =
        assertThrows(NullPointerException.class, () -> TaskGroup.builder().timeout(null));
    assertEquals("timeout", missing.getMessage());
    assertThrows(NullPointerException.class, () -> TaskGroup.builder().deadline(null));
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(() -> "x");
      IllegalArgumentException negative =
          assertThrows(IllegalArgumentException.class, () -> group.all(Duration.ofSeconds(-1)));
      assertTrue(negative.getMessage().contains("must not be negative"), negative.getMessage());
      group.suppressErrors();
    }
  }

  @Test
  void aTimeoutExceptionIsDistinctFromAFailureForCallers() {
    assertSame(RuntimeException.class, TaskGroupTimeoutException.class.getSuperclass());
  }
}
