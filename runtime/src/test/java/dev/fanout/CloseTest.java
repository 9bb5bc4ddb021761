package dev.fanout;

import static dev.fanout.Tasks.after;
import static dev.fanout.Tasks.blockUntilInterrupted;
import static dev.fanout.Tasks.fail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.Subtask.State;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class CloseTest {

  @RepeatedTest(100)
  void noChildThreadIsAliveAfterClose() throws Exception {
    Queue<Thread> threads = new ConcurrentLinkedQueue<>();
    CountDownLatch never = new CountDownLatch(1);
    try (TaskGroup<Integer> group = TaskGroup.builder().concurrency(8).open()) {
      for (int i = 0; i < 40; i++) {
        int index = i;
        group.spawn(
            () -> {
              threads.add(Thread.currentThread());
              if (index % 3 == 0) {
                never.await(); // left running: close() must cancel it and wait
              }
              return index;
            });
      }
      group.race();
    }
    assertFalse(threads.isEmpty());
    for (Thread thread : threads) {
      assertFalse(thread.isAlive(), thread + " outlived its group");
    }
  }

  @Test
  void closeCancelsWhatIsStillRunningOrQueued() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    Subtask<String> running;
    Subtask<String> queued;
    try (TaskGroup<String> group = TaskGroup.builder().concurrency(1).open()) {
      running = group.spawn(blockUntilInterrupted(started, interrupted));
      queued = group.spawn(() -> "never");
      Tasks.await(started);
    }
    assertEquals(State.CANCELLED, running.state());
    assertEquals(State.CANCELLED, queued.state());
    assertEquals(0, interrupted.getCount());
  }

  @Test
  void anUnobservedFailureSurfacesFromClose() throws Exception {
    IOException boom = new IOException("nobody looked at me");
    TaskGroup<String> group = TaskGroup.builder().name("careless").open();
    group.spawn(fail(boom));
    group.spawn(() -> "fine");
    group.awaitCompletion();
    TaskGroupException e = assertThrows(TaskGroupException.class, group::close);
    assertSame(boom, e.getCause());
    assertEquals(List.of(boom), e.failures());
    assertTrue(e.getMessage().contains("were never observed"), e.getMessage());
    assertTrue(e.getMessage().contains("suppressErrors()"), "the message says how to fix it");
    group.close(); // idempotent, and reports each failure once
  }

  @Test
  void anUnobservedFailureIsSuppressedOntoWhatTheBlockThrew() throws Exception {
    IOException boom = new IOException("boom");
    IllegalStateException fromBlock = new IllegalStateException("the block's own problem");
    IllegalStateException caught =
        assertThrows(
            IllegalStateException.class,
            () -> {
              try (TaskGroup<String> group = TaskGroup.open()) {
                group.spawn(fail(boom));
                group.awaitCompletion();
                throw fromBlock;
              }
            });
    assertSame(fromBlock, caught);
    TaskGroupException suppressed = (TaskGroupException) caught.getSuppressed()[0];
    assertSame(boom, suppressed.getCause());
  }

  @Test
  void aFailureReadThroughItsHandleIsNotReportedAgain() throws Exception {
    try (TaskGroup<String> group = TaskGroup.open()) {
      Subtask<String> task = group.spawn(fail(new IOException("seen")));
      group.awaitCompletion();
      assertEquals("seen", task.exception().getMessage());
    }
  }

  @Test
  void suppressErrorsAcknowledgesPresentAndFutureFailures() throws Exception {
    CountDownLatch later = new CountDownLatch(1);
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(fail(new IOException("now")));
      group.suppressErrors();
      group.spawn(
          () -> {
            Tasks.await(later);
            throw new IOException("later");
          });
      later.countDown();
      group.awaitCompletion();
    }
  }

  @Test
  void aFailureSettlingWhileTheOwnerDoesSomethingElseIsNotLost() throws Exception {
    IOException boom = new IOException("boom");
    TaskGroup<String> group = TaskGroup.open();
    Subtask<String> task = group.spawn(fail(boom));
    Tasks.awaitSettled(task);
    TaskGroupException e = assertThrows(TaskGroupException.class, group::close);
    assertSame(boom, e.getCause());
  }

  @RepeatedTest(50)
  void onFinishedRunsOnceWhenTheSealedGroupDrains() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch ran = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(after(release, "x"));
      group.onFinished(
          () -> {
            runs.incrementAndGet();
            ran.countDown();
          });
      group.seal();
      assertFalse(group.isFinished());
      assertEquals(0, runs.get(), "not before the last task settles");
      release.countDown();
      Tasks.await(ran); // runs on the thread that finished the group: here, the child's
      assertTrue(group.isFinished());
      group.onFinished(runs::incrementAndGet); // already finished: runs now, on this thread
      assertEquals(2, runs.get());
    }
    assertEquals(2, runs.get(), "each callback runs once");
  }

  @RepeatedTest(50)
  void everyDueCallbackHasRunWhenCloseReturns() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(() -> "x");
      group.onFinished(runs::incrementAndGet);
      group.seal();
      group.awaitCompletion();
    }
    assertEquals(1, runs.get());
  }

  @Test
  void anOnFinishedCallbackThatThrowsIsReportedByClose() {
    IllegalStateException oops = new IllegalStateException("callback bug");
    TaskGroup<String> group = TaskGroup.open();
    group.onFinished(
        () -> {
          throw oops;
        });
    TaskGroupException e = assertThrows(TaskGroupException.class, group::close);
    assertSame(oops, e.getCause());
  }

  @Test
  void aSealedGroupTakesNoNewTasks() throws Exception {
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(() -> "x");
      group.seal();
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> group.spawn(() -> "y"));
      assertTrue(e.getMessage().contains("after seal()"), e.getMessage());
      assertEquals(List.of("x"), group.all());
    }
  }

  @Test
  void handlesReportMisuseClearly() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (TaskGroup<String> group = TaskGroup.open()) {
      Subtask<String> pending = group.spawn(after(release, "x"));
      IllegalStateException early = assertThrows(IllegalStateException.class, pending::get);
      assertTrue(early.getMessage().contains("while it is RUNNING"), early.getMessage());
      release.countDown();
      group.all();
      IllegalStateException noFailure =
          assertThrows(IllegalStateException.class, pending::exception);
      assertTrue(noFailure.getMessage().contains("only a FAILED task"), noFailure.getMessage());
      assertEquals(0, pending.index());
    }
  }

  @Test
  void sizeCountsEverySpawn() throws Exception {
    List<Subtask<Integer>> handles = new ArrayList<>();
    try (TaskGroup<Integer> group = TaskGroup.open()) {
      for (int i = 0; i < 5; i++) {
        int value = i;
        handles.add(group.spawn(() -> value));
      }
      assertEquals(5, group.size());
      group.all();
    }
    for (int i = 0; i < 5; i++) {
      assertEquals(i, handles.get(i).index());
    }
  }
}
