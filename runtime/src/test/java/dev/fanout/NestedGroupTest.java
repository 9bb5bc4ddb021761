package dev.fanout;

import static dev.fanout.Tasks.blockUntilInterrupted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.Subtask.State;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class NestedGroupTest {

  @RepeatedTest(100)
  void cancellingTheParentCancelsANestedGroupTransitively() throws Exception {
    CountDownLatch grandchildStarted = new CountDownLatch(1);
    CountDownLatch grandchildInterrupted = new CountDownLatch(1);
    AtomicReference<TaskGroup<String>> nestedRef = new AtomicReference<>();
    Subtask<String> child;
    try (TaskGroup<String> parent = TaskGroup.open()) {
      child =
          parent.spawn(
              () -> {
                try (TaskGroup<String> nested = TaskGroup.open()) {
                  nestedRef.set(nested);
                  nested.spawn(blockUntilInterrupted(grandchildStarted, grandchildInterrupted));
                  return String.join(",", nested.all());
                }
              });
      Tasks.await(grandchildStarted);
      parent.cancel();
      Tasks.await(grandchildInterrupted);
      parent.awaitCompletion();
    }
    assertEquals(State.CANCELLED, child.state());
    assertTrue(nestedRef.get().isCancelled());
  }

  @RepeatedTest(20) // the nested group and its parent reach the same deadline at once
  void aNestedGroupInheritsTheEarlierDeadlineOfItsParent() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    AtomicReference<Throwable> nestedOutcome = new AtomicReference<>();
    try (TaskGroup<String> parent = TaskGroup.builder().timeout(Duration.ofMillis(50)).open()) {
      parent.spawn(
          () -> {
            // Its own timeout is far later: the parent's 50 ms applies.
            try (TaskGroup<String> nested =
                TaskGroup.builder().timeout(Duration.ofMinutes(10)).open()) {
              nested.spawn(blockUntilInterrupted(started, interrupted));
              return nested.all().get(0);
            } catch (Throwable t) {
              nestedOutcome.set(t);
              throw t;
            }
          });
      assertThrows(TaskGroupTimeoutException.class, parent::all);
    }
    assertTrue(
        nestedOutcome.get() instanceof TaskGroupTimeoutException,
        "nested wait saw a timeout: " + nestedOutcome.get());
  }

  /** The parent's wait under test; each must report the parent's own timeout. */
  interface ParentWait {
    void await(TaskGroup<String> parent) throws Exception;
  }

  static java.util.stream.Stream<ParentWait> parentWaits() {
    return java.util.stream.Stream.of(
        TaskGroup::awaitCompletion, TaskGroup::allSettled, TaskGroup::race, TaskGroup::all);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("parentWaits")
  void anInheritedDeadlineIsTheParentsTimeoutWhicheverTimerFiresFirst(ParentWait wait)
      throws Exception {
    for (int i = 0; i < 10; i++) { // both timers fire at the same instant: repeat the race
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch interrupted = new CountDownLatch(1);
      try (TaskGroup<String> parent = TaskGroup.builder().timeout(Duration.ofMillis(30)).open()) {
        parent.spawn(
            () -> {
              try (TaskGroup<String> nested = TaskGroup.open()) { // inherits the 30 ms
                nested.spawn(blockUntilInterrupted(started, interrupted));
                return nested.all().get(0);
              }
            });
        assertThrows(TaskGroupTimeoutException.class, () -> wait.await(parent));
      } // and close() reports nothing: the nested timeout was the parent's own
    }
  }

  @Test
  void aNestedGroupWithItsOwnEarlierDeadlineTimesOutAloneAndTheParentCarriesOn() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    try (TaskGroup<String> parent = TaskGroup.open()) {
      parent.spawn(
          () -> {
            try (TaskGroup<String> nested =
                TaskGroup.builder().timeout(Duration.ofMillis(30)).open()) {
              nested.spawn(blockUntilInterrupted(started, interrupted));
              return nested.all().get(0);
            } catch (TaskGroupTimeoutException e) {
              return "fallback";
            }
          });
      assertEquals(List.of("fallback"), parent.all());
      assertFalse(parent.isCancelled());
    }
  }

  @RepeatedTest(20)
  void aChildThatReturnsWithAGroupStillOpenFailsAndLeavesNoThreadBehind() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    AtomicReference<Thread> grandchild = new AtomicReference<>();
    try (TaskGroup<String> parent = TaskGroup.open()) {
      Subtask<String> careless =
          parent.spawn(
              () -> {
                TaskGroup<String> leaked = TaskGroup.open(); // no try-with-resources
                leaked.spawn(
                    () -> {
                      grandchild.set(Thread.currentThread());
                      return Tasks.<String>blockUntilInterrupted(started, interrupted).call();
                    });
                Tasks.await(started);
                return "returned early";
              });
      parent.awaitCompletion();
      assertEquals(State.FAILED, careless.state());
      Throwable failure = careless.exception();
      assertTrue(failure instanceof StructureViolationException, "" + failure);
      assertTrue(failure.getMessage().contains("still open"), failure.getMessage());
    }
    assertNotNull(grandchild.get());
    assertFalse(grandchild.get().isAlive());
  }
}
