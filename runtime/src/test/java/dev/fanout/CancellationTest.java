package dev.fanout;

import static dev.fanout.Tasks.after;
import static dev.fanout.Tasks.blockUntilInterrupted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.Subtask.State;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class CancellationTest {

  @RepeatedTest(100)
  void cancelInterruptsRunningTasksAndQueuedOnesNeverStart() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    AtomicBoolean queuedRan = new AtomicBoolean();
    Subtask<String> running;
    Subtask<String> queued;
    try (TaskGroup<String> group = TaskGroup.builder().concurrency(1).open()) {
      running = group.spawn(blockUntilInterrupted(started, interrupted));
      queued =
          group.spawn(
              () -> {
                queuedRan.set(true);
                return "never";
              });
      Tasks.await(started);
      group.cancel();
      group.cancel(); // idempotent
      Tasks.await(interrupted);
      assertThrows(CancellationException.class, group::all);
    }
    assertEquals(State.CANCELLED, running.state());
    assertEquals(State.CANCELLED, queued.state());
    assertFalse(queuedRan.get());
    assertThrows(CancellationException.class, queued::get);
  }

  @Test
  void spawnAfterCancelStartsNothingAndSpawnUnlessCancelledSaysSo() throws Exception {
    AtomicBoolean ran = new AtomicBoolean();
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.cancel();
      Subtask<String> late =
          group.spawn(
              () -> {
                ran.set(true);
                return "late";
              });
      assertEquals(State.CANCELLED, late.state());
      assertFalse(
          group.spawnUnlessCancelled(
              () -> {
                ran.set(true);
                return "later";
              }));
      assertEquals(1, group.size(), "spawnUnlessCancelled() added nothing");
      assertTrue(group.isFinished());
    }
    assertFalse(ran.get());
  }

  @Test
  void spawnUnlessCancelledSpawnsIntoALiveGroup() throws Exception {
    try (TaskGroup<String> group = TaskGroup.open()) {
      assertTrue(group.spawnUnlessCancelled(() -> "ok"));
      assertTrue(group.spawnUnlessCancelled("key", () -> "keyed"));
      assertEquals(2, group.all().size());
    }
  }

  @RepeatedTest(50)
  void aChildCanAskWhetherItIsCancelledEvenAfterClearingItsInterrupt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<Boolean> seen = new AtomicReference<>();
    try (TaskGroup<String> group = TaskGroup.open()) {
      Subtask<String> child =
          group.spawn(
              () -> {
                assertFalse(TaskGroup.isCurrentTaskCancelled());
                started.countDown();
                while (!Thread.interrupted()) { // clears the flag, as careless code does
                  Thread.onSpinWait();
                }
                seen.set(TaskGroup.isCurrentTaskCancelled());
                return "finished anyway";
              });
      Tasks.await(started);
      group.cancel();
      group.awaitCompletion();
      assertEquals(State.SUCCEEDED, child.state(), "a task that returns normally succeeded");
    }
    assertTrue(seen.get());
    assertFalse(TaskGroup.isCurrentTaskCancelled(), "the test thread is no child task");
  }

  @Test
  void cancelWorksFromAnyThread() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(blockUntilInterrupted(started, interrupted));
      Tasks.await(started);
      Thread canceller = new Thread(group::cancel);
      canceller.start();
      canceller.join();
      Tasks.await(interrupted);
      group.awaitCompletion();
      assertTrue(group.isCancelled());
    }
  }

  @RepeatedTest(100)
  void interruptingTheOwnerDuringAllCancelsTheChildren() throws Exception {
    CountDownLatch started = new CountDownLatch(2);
    CountDownLatch interrupted = new CountDownLatch(2);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<TaskGroup<String>> groupRef = new AtomicReference<>();
    Thread owner =
        new Thread(
            () -> {
              try (TaskGroup<String> group = TaskGroup.open()) {
                groupRef.set(group);
                group.spawn(blockUntilInterrupted(started, interrupted));
                group.spawn(blockUntilInterrupted(started, interrupted));
                Tasks.await(started);
                group.all();
              } catch (Throwable t) {
                thrown.set(t);
              }
            });
    owner.start();
    Tasks.await(started);
    Tasks.awaitBlockedIn(owner, "await");
    owner.interrupt();
    owner.join(Tasks.HANG.toMillis());
    assertFalse(owner.isAlive());
    assertTrue(thrown.get() instanceof InterruptedException, "" + thrown.get());
    assertEquals(0, interrupted.getCount(), "both children were interrupted");
    assertTrue(groupRef.get().isCancelled());
    assertTrue(groupRef.get().isFinished());
  }

  @Test
  void aTaskThatFailsAfterCancellationIsCancelledNotFailed() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Subtask<String> task;
    try (TaskGroup<String> group = TaskGroup.open()) {
      task =
          group.spawn(
              () -> {
                started.countDown();
                release.await();
                return "unreachable";
              });
      Tasks.await(started);
      group.cancel();
      group.awaitCompletion();
    } // nothing reported: the InterruptedException is the cancellation's doing
    assertEquals(State.CANCELLED, task.state());
    CancellationException e = assertThrows(CancellationException.class, task::get);
    assertTrue(e.getCause() instanceof InterruptedException, "what it threw is kept as the cause");
    assertTrue(e.getMessage().contains("cancel() was called"), e.getMessage());
    release.countDown();
  }

  @Test
  void allAfterAWonRaceReportsTheCancellation() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(() -> "winner");
      group.spawn(after(never, "loser"));
      assertEquals("winner", group.race());
      CancellationException e = assertThrows(CancellationException.class, group::all);
      assertTrue(e.getMessage().contains("race() had its winner"), e.getMessage());
    }
  }
}
