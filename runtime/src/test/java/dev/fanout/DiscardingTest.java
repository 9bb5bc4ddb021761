package dev.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class DiscardingTest {

  @Test
  void aDiscardingGroupRunsManyTasksWithBoundedQueues() throws Exception {
    LongAdder sum = new LongAdder();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    int tasks = 20_000;
    try (TaskGroup<Void> group =
        TaskGroup.builder().discarding().concurrency(16).queueLimit(64).open()) {
      for (int i = 0; i < tasks; i++) {
        int value = i;
        group.spawn(
            () -> {
              maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              sum.add(value);
              inFlight.decrementAndGet();
              return null;
            });
      }
      group.awaitCompletion();
      assertEquals(tasks, group.size());
      int retained = group.retainedTasks();
      assertTrue(retained <= 2 * (16 + 64) + 64, "settled tasks still referenced: " + retained);
    }
    assertEquals((long) tasks * (tasks - 1) / 2, sum.sum());
    assertTrue(maxInFlight.get() <= 16, "limit exceeded: " + maxInFlight.get());
  }

  @Test
  void aDiscardingGroupFailsFastAndCloseReportsTheFailure() throws Exception {
    IOException boom = new IOException("upload failed");
    TaskGroup<Void> group = TaskGroup.builder().discarding().concurrency(1).open();
    group.spawn(
        () -> {
          throw boom;
        });
    group.awaitCompletion();
    assertTrue(group.isCancelled(), "the first failure cancels a discarding group");
    TaskGroupException e = assertThrows(TaskGroupException.class, group::close);
    assertSame(boom, e.getCause());
  }

  @Test
  void resultWaitsAreNotAvailableOnADiscardingGroup() throws Exception {
    try (TaskGroup<Void> group = TaskGroup.builder().discarding().open()) {
      group.spawn(() -> null);
      IllegalStateException e = assertThrows(IllegalStateException.class, group::all);
      assertTrue(e.getMessage().contains("keeps no results; use awaitCompletion()"), e.getMessage());
      assertThrows(IllegalStateException.class, group::race);
      assertThrows(IllegalStateException.class, group::next);
      assertThrows(IllegalStateException.class, group::allSettled);
      group.awaitCompletion();
    }
  }
}
