package dev.fanout;

import static dev.fanout.Tasks.after;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.Subtask.State;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class CompletionOrderTest {

  @RepeatedTest(50)
  void iterationYieldsTasksInCompletionOrderAndEndsWhenDrained() throws Exception {
    CountDownLatch gate0 = new CountDownLatch(1);
    CountDownLatch gate1 = new CountDownLatch(1);
    CountDownLatch gate2 = new CountDownLatch(1);
    List<Integer> order = new ArrayList<>();
    try (TaskGroup<Integer> group = TaskGroup.open()) {
      Subtask<Integer> zero = group.spawn(after(gate0, 0));
      group.spawn(after(gate1, 1));
      Subtask<Integer> two = group.spawn(after(gate2, 2));
      // Settle order forced to #2, #0, #1.
      gate2.countDown();
      Tasks.awaitSettled(two);
      gate0.countDown();
      Tasks.awaitSettled(zero);
      gate1.countDown();
      for (Subtask<Integer> done : group) {
        order.add(done.get());
      }
      assertNull(group.next(), "drained");
    }
    assertEquals(List.of(2, 0, 1), order);
  }

  @Test
  void nextHandsOverFailuresWithoutThrowingAndReadingThemObservesThem() throws Exception {
    IOException boom = new IOException("boom");
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(
          () -> {
            throw boom;
          });
      Subtask<String> done = group.next();
      assertEquals(State.FAILED, done.state());
      TaskGroupException e = assertThrows(TaskGroupException.class, done::get);
      assertEquals(boom, e.getCause());
    } // observed through get(): close() is quiet
  }

  @Test
  void aFailureReturnedByNextButNeverReadIsReportedByClose() throws Exception {
    IOException boom = new IOException("boom");
    TaskGroup<String> group = TaskGroup.open();
    group.spawn(
        () -> {
          throw boom;
        });
    assertEquals(State.FAILED, group.next().state());
    TaskGroupException e = assertThrows(TaskGroupException.class, group::close);
    assertEquals(boom, e.getCause());
  }

  @Test
  void nextOnAGroupWithNothingToWaitForReturnsNull() throws Exception {
    try (TaskGroup<String> group = TaskGroup.open()) {
      assertNull(group.next());
      assertTrue(!group.iterator().hasNext());
    }
  }
}
