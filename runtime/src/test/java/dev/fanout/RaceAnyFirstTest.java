package dev.fanout;

import static dev.fanout.Tasks.after;
import static dev.fanout.Tasks.blockUntilInterrupted;
import static dev.fanout.Tasks.fail;
import static dev.fanout.Tasks.failAfter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.Subtask.State;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RaceAnyFirstTest {

  @RepeatedTest(200)
  void raceCancelsTheLosersOnceTheFirstTaskSettles() throws Exception {
    int losers = 5;
    CountDownLatch started = new CountDownLatch(losers);
    CountDownLatch interrupted = new CountDownLatch(losers);
    List<Subtask<String>> loserHandles = new ArrayList<>();
    try (TaskGroup<String> group = TaskGroup.open()) {
      for (int i = 0; i < losers; i++) {
        loserHandles.add(group.spawn(blockUntilInterrupted(started, interrupted)));
      }
      Tasks.await(started);
      group.spawn(() -> "fastest");
      assertEquals("fastest", group.race());
      assertTrue(group.isCancelled(), "race() ends the group");
      Tasks.await(interrupted);
    }
    for (Subtask<String> loser : loserHandles) {
      assertEquals(State.CANCELLED, loser.state());
    }
  }

  @Test
  void raceReturnsAFailureThatSettlesFirst() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    IOException boom = new IOException("replica down");
    Subtask<String> slow;
    try (TaskGroup<String> group = TaskGroup.open()) {
      slow = group.spawn(after(never, "too late"));
      group.spawn(fail(boom));
      TaskGroupException e = assertThrows(TaskGroupException.class, group::race);
      assertSame(boom, e.getCause());
      assertTrue(e.getMessage().contains("#1"), e.getMessage());
    }
    assertEquals(State.CANCELLED, slow.state());
  }

  @Test
  void anySkipsFailuresAndReturnsTheFirstSuccess() throws Exception {
    CountDownLatch releaseSuccess = new CountDownLatch(1);
    try (TaskGroup<String> group = TaskGroup.open()) {
      Subtask<String> down = group.spawn(fail(new IOException("provider 1 is down")));
      group.spawn(after(releaseSuccess, "provider 2"));
      Tasks.awaitSettled(down);
      releaseSuccess.countDown();
      assertEquals("provider 2", group.any());
    } // close() does not report the skipped failure: any() observed it by design
  }

  @RepeatedTest(50)
  void anyWithEveryTaskFailingCarriesEveryFailureInSpawnOrder() throws Exception {
    CountDownLatch gate0 = new CountDownLatch(1);
    CountDownLatch gate1 = new CountDownLatch(1);
    IOException f0 = new IOException("f0");
    IOException f1 = new IOException("f1");
    IOException f2 = new IOException("f2");
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(failAfter(gate0, f0));
      Subtask<String> one = group.spawn(failAfter(gate1, f1));
      Subtask<String> two = group.spawn(fail(f2));
      // Tasks fail in reverse spawn order: #2, then #1, then #0.
      Tasks.awaitSettled(two);
      gate1.countDown();
      Tasks.awaitSettled(one);
      gate0.countDown();
      TaskGroupException e = assertThrows(TaskGroupException.class, group::any);
      assertEquals(List.of(f0, f1, f2), e.failures(), "spawn order");
      assertSame(f2, e.getCause(), "the first failure to settle is the cause");
      assertTrue(e.getMessage().contains("every one of the 3 tasks failed"), e.getMessage());
    }
  }

  @Test
  void firstReturnsAQuorumInCompletionOrderAndCancelsTheRest() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch releaseB = new CountDownLatch(1);
    Subtask<String> straggler;
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(after(releaseB, "b"));
      Subtask<String> a = group.spawn(() -> "a");
      group.spawn(fail(new IOException("one replica is down")));
      straggler = group.spawn(after(never, "never"));
      Tasks.awaitSettled(a);
      releaseB.countDown();
      assertEquals(List.of("a", "b"), group.first(2));
    }
    assertEquals(State.CANCELLED, straggler.state());
  }

  @Test
  void firstFailsOnceTheQuorumCanNoLongerBeReached() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    IOException down1 = new IOException("down 1");
    IOException down2 = new IOException("down 2");
    Subtask<String> straggler;
    try (TaskGroup<String> group = TaskGroup.open()) {
      straggler = group.spawn(after(never, "never"));
      group.spawn(fail(down1));
      group.spawn(fail(down2));
      TaskGroupException e = assertThrows(TaskGroupException.class, () -> group.first(2));
      assertEquals(List.of(down1, down2), e.failures());
      assertTrue(e.getMessage().contains("can no longer be reached"), e.getMessage());
    }
    assertEquals(State.CANCELLED, straggler.state(), "the straggler is cancelled, not waited for");
  }

  @Test
  void firstRejectsAQuorumLargerThanTheGroup() {
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(() -> "one");
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> group.first(2));
      assertTrue(e.getMessage().contains("between 1 and the number of tasks (1)"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> group.first(0));
      group.suppressErrors();
    }
  }

  @Test
  void raceAnyAndFirstOnAnEmptyGroupFailAtOnce() {
    try (TaskGroup<String> group = TaskGroup.open()) {
      assertThrows(IllegalStateException.class, group::race);
      assertThrows(IllegalStateException.class, group::any);
      assertThrows(IllegalStateException.class, () -> group.first(1));
      assertFalse(group.isCancelled());
    }
  }
}
