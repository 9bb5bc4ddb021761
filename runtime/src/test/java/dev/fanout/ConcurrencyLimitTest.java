package dev.fanout;

import static dev.fanout.Tasks.after;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.Subtask.State;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class ConcurrencyLimitTest {

  @RepeatedTest(20)
  void concurrencyOneStartsTasksInSpawnOrder() throws Exception {
    List<Integer> starts = Collections.synchronizedList(new ArrayList<>());
    try (TaskGroup<Integer> group = TaskGroup.builder().concurrency(1).open()) {
      for (int i = 0; i < 50; i++) {
        int index = i;
        group.spawn(
            () -> {
              starts.add(index);
              return index;
            });
      }
      group.all();
    }
    assertEquals(IntStream.range(0, 50).boxed().toList(), starts);
  }

  @RepeatedTest(20)
  void theLimitIsReachedButNeverExceeded() throws Exception {
    int limit = 4;
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    // The first wave meets at the barrier: proof that `limit` tasks do run at once.
    CyclicBarrier firstWave = new CyclicBarrier(limit);
    try (TaskGroup<Integer> group = TaskGroup.builder().concurrency(limit).open()) {
      for (int i = 0; i < 200; i++) {
        int index = i;
        group.spawn(
            () -> {
              int now = inFlight.incrementAndGet();
              maxInFlight.accumulateAndGet(now, Math::max);
              if (index < limit) {
                firstWave.await();
              }
              inFlight.decrementAndGet();
              return index;
            });
      }
      assertEquals(200, group.all().size());
    }
    assertEquals(limit, maxInFlight.get());
  }

  @Test
  void queuedTasksHaveNoThreadUntilASlotFrees() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger threadsStarted = new AtomicInteger();
    try (TaskGroup<Integer> group =
        TaskGroup.builder()
            .concurrency(2)
            .threadFactory(
                runnable -> {
                  threadsStarted.incrementAndGet();
                  return new Thread(runnable);
                })
            .open()) {
      List<Subtask<Integer>> tasks = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        tasks.add(group.spawn(after(release, i)));
      }
      assertEquals(2, threadsStarted.get(), "only the running tasks have a thread");
      assertEquals(State.RUNNING, tasks.get(1).state());
      assertEquals(State.QUEUED, tasks.get(2).state());
      release.countDown();
      assertEquals(1_000, group.all().size());
    }
    assertEquals(1_000, threadsStarted.get());
  }

  @Test
  void aFullQueueBlocksTheOwnerInSpawnUntilASlotFrees() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch thirdSpawned = new CountDownLatch(1);
    AtomicReference<TaskGroup<Integer>> groupRef = new AtomicReference<>();
    AtomicReference<Throwable> ownerFailure = new AtomicReference<>();
    Thread owner =
        new Thread(
            () -> {
              try (TaskGroup<Integer> group =
                  TaskGroup.builder().concurrency(1).queueLimit(1).open()) {
                groupRef.set(group);
                group.spawn(after(release, 0)); // runs
                group.spawn(() -> 1); // waits in the queue, which is now full
                group.spawn(() -> 2); // blocks until #0 settles and #1 takes its slot
                thirdSpawned.countDown();
                assertEquals(List.of(0, 1, 2), group.all());
              } catch (Throwable t) {
                ownerFailure.set(t);
              }
            });
    owner.start();
    Tasks.awaitBlockedIn(owner, "awaitSpace");
    assertEquals(2, groupRef.get().size(), "the third spawn has not happened yet");
    assertEquals(1, thirdSpawned.getCount());
    release.countDown();
    Tasks.await(thirdSpawned);
    owner.join(Tasks.HANG.toMillis());
    assertNull(ownerFailure.get());
  }

  @Test
  void anOwnerInterruptedWhileBlockedInSpawnCancelsTheGroup() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> interruptFlag = new AtomicReference<>();
    AtomicReference<TaskGroup<Integer>> groupRef = new AtomicReference<>();
    Thread owner =
        new Thread(
            () -> {
              try (TaskGroup<Integer> group =
                  TaskGroup.builder().concurrency(1).queueLimit(0).open()) {
                groupRef.set(group);
                group.spawn(after(never, 0));
                try {
                  group.spawn(() -> 1);
                } catch (Throwable t) {
                  thrown.set(t);
                  interruptFlag.set(Thread.currentThread().isInterrupted());
                }
              }
            });
    owner.start();
    Tasks.awaitBlockedIn(owner, "awaitSpace");
    owner.interrupt();
    owner.join(Tasks.HANG.toMillis());
    assertTrue(thrown.get() instanceof java.util.concurrent.CancellationException, "" + thrown);
    assertTrue(interruptFlag.get(), "the interrupt flag is restored");
    assertTrue(groupRef.get().isCancelled());
  }

  @Test
  void queueLimitWithoutAConcurrencyLimitIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TaskGroup.builder().queueLimit(5).open());
    assertTrue(e.getMessage().contains("needs a concurrency limit"), e.getMessage());
  }
}
