package dev.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.Subtask.State;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The correctness points of the runtime-core rebuild, each pinned by a test: the interrupt a
 * cancellation leaves, callbacks and the owner's interrupt, lost and misattributed failures.
 */
class CoreRegressionTest {

  /**
   * A cancel that races with a task's completion must not leave its interrupt for what runs on
   * that thread afterwards: here, the onFinished callback the last task runs.
   */
  @RepeatedTest(300)
  void aCancelRacingWithCompletionNeverLeavesTheInterruptForCallbacks() throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    AtomicReference<Boolean> flagInCallback = new AtomicReference<>();
    AtomicReference<Thread> callbackThread = new AtomicReference<>();
    AtomicReference<Thread> taskThread = new AtomicReference<>();
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(
          () -> {
            taskThread.set(Thread.currentThread());
            go.await();
            return "done"; // returns normally, so the cancel may land during its completion
          });
      group.onFinished(
          () -> {
            callbackThread.set(Thread.currentThread());
            flagInCallback.set(Thread.currentThread().isInterrupted());
          });
      group.seal();
      Thread canceller = new Thread(group::cancel);
      go.countDown();
      canceller.start();
      canceller.join();
    }
    if (callbackThread.get() == taskThread.get()) { // the task finished the group
      assertFalse(flagInCallback.get(), "a cancellation's interrupt reached the callback");
    }
  }

  /**
   * A reused platform thread starts each task with a clear interrupt flag, even when the previous
   * task interrupted itself and returned. On virtual threads each task has a thread of its own.
   */
  @RepeatedTest(20)
  void theNextTaskOnAThreadNeverSeesThePreviousTasksInterrupt() throws Exception {
    AtomicReference<Thread> first = new AtomicReference<>();
    try (TaskGroup<Boolean> group = TaskGroup.builder().concurrency(1).open()) {
      group.spawn(
          () -> {
            first.set(Thread.currentThread());
            Thread.currentThread().interrupt(); // and returns normally
            return true;
          });
      Subtask<Boolean> second =
          group.spawn(
              () -> {
                if (!TaskGroup.usesVirtualThreads()) {
                  assertSame(first.get(), Thread.currentThread(), "the thread was reused");
                }
                return Thread.currentThread().isInterrupted();
              });
      assertEquals(List.of(true, false), group.all());
      assertEquals(State.SUCCEEDED, second.state());
    }
  }

  /**
   * A reused thread is named after the task it runs, so a thread dump still tells which task a
   * thread runs; virtual threads carry their group's name.
   */
  @Test
  void aReusedThreadIsRenamedForEachTask() throws Exception {
    try (TaskGroup<String> group = TaskGroup.builder().name("pool").concurrency(1).open()) {
      for (int i = 0; i < 3; i++) {
        group.spawn(() -> Thread.currentThread().getName());
      }
      List<String> expected =
          TaskGroup.usesVirtualThreads()
              ? List.of("fanout-pool", "fanout-pool", "fanout-pool")
              : List.of("fanout-pool-0", "fanout-pool-1", "fanout-pool-2");
      assertEquals(expected, group.all());
    }
  }

  /** A bounded group on platform threads never runs more threads than its limit. */
  @Test
  void aBoundedGroupOnPlatformThreadsUsesAtMostItsLimitOfThreads() throws Exception {
    java.util.Set<Thread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    try (TaskGroup<Integer> group = TaskGroup.builder().concurrency(3).open()) {
      for (int i = 0; i < 500; i++) {
        int value = i;
        group.spawn(
            () -> {
              threads.add(Thread.currentThread());
              return value;
            });
      }
      assertEquals(500, group.all().size());
    }
    if (!TaskGroup.usesVirtualThreads()) {
      assertTrue(threads.size() <= 3, "threads used: " + threads.size());
    }
    for (Thread thread : threads) {
      assertFalse(thread.isAlive(), "close() joined " + thread.getName());
    }
  }

  /**
   * A burst of work that arrives while the group's threads are idle (or just busy) still spreads to
   * the limit: a barrier that four tasks must reach together trips only if four run at once.
   */
  @RepeatedTest(20)
  void aBurstAfterAnIdleMomentStillReachesTheLimit() throws Exception {
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(4);
    try (TaskGroup<Integer> group = TaskGroup.builder().concurrency(4).open()) {
      Subtask<Integer> first = group.spawn(() -> 0);
      Tasks.awaitSettled(first); // its thread now has nothing to do
      for (int i = 1; i <= 20; i++) {
        int value = i;
        group.spawn(
            () -> {
              together.await(Tasks.HANG.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
              return value;
            });
      }
      assertEquals(21, group.all().size());
    }
  }

  /** close() runs the callbacks it makes due with the owner's interrupt flag clear, then restores it. */
  @Test
  void callbacksRunByCloseDoNotSeeTheOwnersInterrupt() throws Exception {
    AtomicReference<Boolean> flagInCallback = new AtomicReference<>();
    TaskGroup<String> group = TaskGroup.open();
    group.spawn(() -> "done");
    group.awaitCompletion();
    group.onFinished(() -> flagInCallback.set(Thread.currentThread().isInterrupted()));
    Thread.currentThread().interrupt();
    group.close(); // closing finishes the group: close() runs the callback
    assertTrue(Thread.interrupted(), "close() restores the owner's interrupt flag");
    assertEquals(Boolean.FALSE, flagInCallback.get());
  }

  /**
   * race() whose owner is interrupted just after the winner settles: whichever way the wait ends,
   * the loser's failure is returned by the race, counted as a loser's, or reported by close().
   * Each iteration moves the interrupt a little later (0-20 microseconds after the release).
   */
  @Test
  void aRaceInterruptedAroundItsWinnerNeverLosesTheLosersFailure() throws Exception {
    for (int i = 0; i < 400; i++) {
      raceInterruptedAfter(i % 21, i % 2 == 0);
    }
  }

  private static void raceInterruptedAfter(long micros, boolean race) throws Exception {
    IOException boom = new IOException("loser");
    CountDownLatch go = new CountDownLatch(1);
    AtomicReference<Throwable> waitThrew = new AtomicReference<>();
    AtomicReference<Throwable> closeThrew = new AtomicReference<>();
    AtomicReference<Subtask<String>> loser = new AtomicReference<>();
    Thread owner =
        new Thread(
            () -> {
              try {
                TaskGroup<String> group = TaskGroup.open();
                try {
                  group.spawn(Tasks.after(go, "w"));
                  loser.set(group.spawn(Tasks.failAfter(go, boom)));
                  if (race) {
                    group.race();
                  } else {
                    group.any();
                  }
                } catch (Throwable t) {
                  waitThrew.set(t);
                } finally {
                  Thread.interrupted();
                  try {
                    group.close();
                  } catch (Throwable t) {
                    closeThrew.set(t);
                  }
                }
              } catch (Throwable t) {
                closeThrew.set(t);
              }
            });
    owner.start();
    Tasks.awaitBlockedIn(owner, "await");
    go.countDown();
    long until = System.nanoTime() + micros * 1_000;
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    owner.interrupt();
    owner.join(Tasks.HANG.toMillis());
    assertFalse(owner.isAlive(), "hang");
    Subtask<String> failed = loser.get();
    if (failed.state() != State.FAILED) {
      return; // threw after the group was cancelled: a cancellation, not a failure
    }
    boolean reported =
        mentions(waitThrew.get(), boom)
            || mentions(closeThrew.get(), boom)
            || (waitThrew.get() == null); // the wait answered: a loser's failure is its to cover
    assertTrue(
        reported,
        "lost: wait threw " + waitThrew.get() + ", close threw " + closeThrew.get());
    if (waitThrew.get() instanceof InterruptedException) {
      assertTrue(mentions(closeThrew.get(), boom), "close() must report what the wait did not");
    }
  }

  private static boolean mentions(Throwable thrown, Throwable failure) {
    if (thrown == null) {
      return false;
    }
    if (thrown == failure || thrown.getCause() == failure) {
      return true;
    }
    if (thrown instanceof TaskGroupException
        && ((TaskGroupException) thrown).failures().contains(failure)) {
      return true;
    }
    for (Throwable suppressed : thrown.getSuppressed()) {
      if (mentions(suppressed, failure)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A discarding group's close() gives as cause the failure that settled first, as {@link
   * TaskGroupException} promises, whatever the spawn order.
   */
  @RepeatedTest(20)
  void aDiscardingGroupReportsTheFirstFailureToSettleAsTheCause() throws Exception {
    IOException early = new IOException("task #1, first to settle");
    CountDownLatch lateStarted = new CountDownLatch(1);
    CountDownLatch mayReturn = new CountDownLatch(1);
    TaskGroup<Void> group = TaskGroup.builder().discarding().open();
    Subtask<Void> late =
        group.spawn(
            () -> {
              TaskGroup.open(); // left open on purpose: a structure violation, always a failure
              lateStarted.countDown();
              awaitIgnoringInterrupts(mayReturn);
              return null;
            });
    Tasks.await(lateStarted); // running before its sibling's failure cancels the group
    Subtask<Void> first = group.spawn(Tasks.fail(early));
    Tasks.awaitSettled(first);
    mayReturn.countDown();
    group.awaitCompletion();
    TaskGroupException e = assertThrows(TaskGroupException.class, group::close);
    assertSame(early, e.getCause());
    assertEquals(2, e.failures().size());
    assertInstanceOf(StructureViolationException.class, e.failures().get(0), "spawn order");
    assertSame(early, e.failures().get(1));
    assertEquals(State.FAILED, late.state());
  }

  private static void awaitIgnoringInterrupts(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        Tasks.await(latch);
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the failing sibling cancels the group; this task finishes anyway
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A nested group's own, shorter timeout is a failure of the task that opened it, not the
   * parent's deadline: the parent classifies by the exception's origin, not by the clock.
   */
  @Test
  void aNestedGroupsOwnTimeoutIsAFailureOfItsTask() throws Exception {
    try (TaskGroup<String> parent = TaskGroup.builder().timeout(Duration.ofHours(1)).open()) {
      Subtask<String> child =
          parent.spawn(
              () -> {
                try (TaskGroup<String> nested =
                    TaskGroup.builder().timeout(Duration.ofMillis(5)).open()) {
                  nested.spawn(
                      Tasks.blockUntilInterrupted(new CountDownLatch(1), new CountDownLatch(1)));
                  return nested.all().get(0); // throws the nested group's own timeout
                }
              });
      TaskGroupException e = assertThrows(TaskGroupException.class, parent::all);
      assertInstanceOf(TaskGroupTimeoutException.class, e.getCause());
      assertEquals(State.FAILED, child.state());
    }
  }

  /** A parent's deadline reaching a task through a nested group is the parent timing out. */
  @Test
  void anInheritedDeadlineReachingATaskIsTheParentsTimeout() throws Exception {
    try (TaskGroup<String> parent = TaskGroup.builder().timeout(Duration.ofMillis(20)).open()) {
      Subtask<String> child =
          parent.spawn(
              () -> {
                try (TaskGroup<String> nested = TaskGroup.open()) {
                  nested.spawn(
                      Tasks.blockUntilInterrupted(new CountDownLatch(1), new CountDownLatch(1)));
                  return nested.all().get(0);
                }
              });
      assertThrows(TaskGroupTimeoutException.class, parent::all);
      Tasks.awaitSettled(child);
      assertEquals(State.CANCELLED, child.state());
    }
  }

  /**
   * Every task a discarding group ran is let go once it has settled: the group references only
   * what still runs or waits, and results are collectable before close().
   */
  @Test
  void aDiscardingGroupLetsGoOfSettledTasksAndTheirResults() throws Exception {
    int tasks = 20_000;
    List<java.lang.ref.WeakReference<byte[]>> sample = new ArrayList<>();
    AtomicInteger ran = new AtomicInteger();
    try (TaskGroup<byte[]> group =
        TaskGroup.builder().discarding().concurrency(8).queueLimit(32).open()) {
      for (int i = 0; i < tasks; i++) {
        boolean sampled = i % 1_000 == 0;
        group.spawn(
            () -> {
              byte[] result = new byte[512];
              ran.incrementAndGet();
              if (sampled) {
                synchronized (sample) {
                  sample.add(new java.lang.ref.WeakReference<>(result));
                }
              }
              return result;
            });
      }
      group.awaitCompletion();
      int retained = group.retainedTasks();
      assertTrue(retained <= 8 + 32 + 64, "still referenced after awaitCompletion(): " + retained);
      assertTrue(collected(sample), "a discarding group kept a result");
    }
    assertEquals(tasks, ran.get());
  }

  /** Whether every weak reference is cleared after a few full collections. */
  static boolean collected(List<? extends java.lang.ref.Reference<?>> references) {
    for (int attempt = 0; attempt < 20; attempt++) {
      System.gc();
      boolean all = true;
      synchronized (references) {
        for (java.lang.ref.Reference<?> reference : references) {
          all &= reference.get() == null;
        }
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  /** A spawn after cancellation settles at once and is counted, so the group still finishes. */
  @Test
  void aGroupCancelledBeforeItsLastSpawnStillFinishes() throws Exception {
    AtomicBoolean finished = new AtomicBoolean();
    try (TaskGroup<String> group = TaskGroup.builder().concurrency(1).open()) {
      group.spawn(() -> "a");
      group.cancel();
      Subtask<String> late = group.spawn(() -> "b");
      group.onFinished(() -> finished.set(true));
      group.awaitCompletion();
      assertEquals(State.CANCELLED, late.state());
      assertTrue(group.isFinished());
    }
    assertTrue(finished.get());
  }
}
