package dev.fanout;

import static dev.fanout.Tasks.after;
import static dev.fanout.Tasks.blockUntilInterrupted;
import static dev.fanout.Tasks.fail;
import static dev.fanout.Tasks.failAfter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.Subtask.State;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class AllTest {

  @Test
  void allReturnsResultsInSpawnOrderWhateverTheCompletionOrder() throws Exception {
    CountDownLatch last = new CountDownLatch(1);
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(after(last, "first"));
      group.spawn(() -> "second");
      Subtask<String> third = group.spawn(() -> null);
      // "second" and the null settle before "first" is even allowed to return.
      Tasks.awaitSettled(third);
      last.countDown();
      assertEquals(Arrays.asList("first", "second", null), group.all());
    }
  }

  @Test
  void subtaskHandlesAreTypedSoAMixedGroupNeedsNoCast() throws Exception {
    record User(String name) {}
    try (TaskGroup<Object> group = TaskGroup.open()) {
      Subtask<User> user = group.spawn(() -> new User("ada"));
      Subtask<List<Integer>> orders = group.spawn(() -> List.of(1, 2));
      group.all();
      User u = user.get();
      List<Integer> o = orders.get();
      assertEquals("ada", u.name());
      assertEquals(List.of(1, 2), o);
    }
  }

  @Test
  void allKeyedMapsEachKeyToItsResultInSpawnOrder() throws Exception {
    try (TaskGroup<Integer> group = TaskGroup.open()) {
      for (String id : List.of("c", "a", "b")) {
        group.spawn(id, () -> id.charAt(0) - 'a');
      }
      Map<String, Integer> byId = group.allKeyed();
      assertEquals(List.of("c", "a", "b"), new ArrayList<>(byId.keySet()));
      assertEquals(Map.of("a", 0, "b", 1, "c", 2), byId);
    }
  }

  @Test
  void aDuplicateKeyIsRejectedAndNothingRuns() throws Exception {
    AtomicBoolean ran = new AtomicBoolean();
    try (TaskGroup<Integer> group = TaskGroup.open()) {
      group.spawn("k", () -> 1);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  group.spawn(
                      "k",
                      () -> {
                        ran.set(true);
                        return 2;
                      }));
      assertTrue(e.getMessage().contains("key 'k' is already used"), e.getMessage());
      assertEquals(Map.of("k", 1), group.allKeyed());
      assertEquals(1, group.size());
    }
    assertTrue(!ran.get(), "the rejected task must not run");
  }

  @Test
  void allKeyedRejectsTasksSpawnedWithoutAKey() {
    try (TaskGroup<Integer> group = TaskGroup.open()) {
      group.spawn("k", () -> 1);
      group.spawn(() -> 2);
      IllegalStateException e = assertThrows(IllegalStateException.class, group::allKeyed);
      assertTrue(e.getMessage().contains("task #1"), e.getMessage());
      group.suppressErrors();
    }
  }

  @Test
  void allOnAnEmptyGroupFailsAtOnce() {
    try (TaskGroup<String> group = TaskGroup.open()) {
      IllegalStateException e = assertThrows(IllegalStateException.class, group::all);
      assertTrue(e.getMessage().contains("before any task was spawned"), e.getMessage());
    }
  }

  @RepeatedTest(200)
  void theFirstFailureCancelsTheSiblingsAndIsThrown() throws Exception {
    CountDownLatch siblingStarted = new CountDownLatch(1);
    CountDownLatch siblingInterrupted = new CountDownLatch(1);
    IOException boom = new IOException("boom");
    Subtask<String> sibling;
    Subtask<String> queued;
    try (TaskGroup<String> group = TaskGroup.builder().concurrency(2).open()) {
      sibling = group.spawn(blockUntilInterrupted(siblingStarted, siblingInterrupted));
      Tasks.await(siblingStarted);
      group.spawn(fail(boom));
      queued = group.spawn(() -> "queued behind the limit");
      TaskGroupException e = assertThrows(TaskGroupException.class, group::all);
      assertSame(boom, e.getCause());
      assertEquals(List.of(boom), e.failures(), "a cancelled sibling is not a failure");
      assertEquals(0, siblingInterrupted.getCount(), "all() returns after the siblings terminated");
    }
    assertEquals(State.CANCELLED, sibling.state());
    assertTrue(
        queued.state() == State.CANCELLED || queued.state() == State.SUCCEEDED,
        "the queued task either got the failed task's slot before the cancel, or never started");
  }

  @Test
  void failuresThatSettledBeforeTheWaitAreAllAttachedInSpawnOrder() throws Exception {
    CountDownLatch gate0 = new CountDownLatch(1);
    IOException first = new IOException("spawned first, fails second");
    IllegalStateException second = new IllegalStateException("spawned second, fails first");
    try (TaskGroup<String> group = TaskGroup.open()) {
      Subtask<String> zero = group.spawn(failAfter(gate0, first));
      Subtask<String> one = group.spawn(fail(second));
      group.spawn(() -> "fine");
      Tasks.awaitSettled(one);
      gate0.countDown();
      Tasks.awaitSettled(zero);

      TaskGroupException e = assertThrows(TaskGroupException.class, group::all);
      assertSame(second, e.getCause(), "the cause is the failure that settled first");
      assertEquals(List.of(first, second), e.failures(), "every failure, in spawn order");
      assertEquals(List.of(first), List.of(e.getSuppressed()), "the others are suppressed");
    }
  }

  @Test
  void allSettledReturnsEveryOutcomeAndNeverThrowsForFailures() throws Exception {
    IOException boom = new IOException("boom");
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(() -> "ok");
      group.spawn(fail(boom));
      List<Subtask<String>> outcomes = group.allSettled();
      assertEquals(List.of(State.SUCCEEDED, State.FAILED), outcomes.stream().map(Subtask::state).toList());
      assertEquals("ok", outcomes.get(0).get());
      assertFalse(group.isCancelled(), "a failure does not cancel under allSettled()");
    } // the failure was handed over in the list: close() stays quiet
  }

  @Test
  void allWithATimeoutReturnsWhenEverythingArrivesInTime() throws Exception {
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(() -> "quick");
      assertEquals(List.of("quick"), group.all(Duration.ofMinutes(1)));
    }
  }

  @Test
  void aTaskMayReturnNull() throws Exception {
    try (TaskGroup<Void> group = TaskGroup.open()) {
      Subtask<Void> task = group.spawn(() -> null);
      assertEquals(Arrays.asList((Void) null), group.all());
      assertNull(task.get());
    }
  }
}
