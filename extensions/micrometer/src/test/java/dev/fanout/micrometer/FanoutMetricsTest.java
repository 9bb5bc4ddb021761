package dev.fanout.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import dev.fanout.TaskGroupTimeoutException;
import dev.fanout.observe.TaskGroupListeners;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Every test binds its own {@link FanoutMetrics} to its own registry in try-with-resources: the
 * listener is JVM-wide while bound, and must not outlive the test.
 */
class FanoutMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void isNotDiscoveredFromTheClassPathButRegisteredByBindToUntilClose() {
    assertEquals(0, boundListeners(), "nothing is recorded before bindTo()");
    try (FanoutMetrics metrics = new FanoutMetrics()) {
      metrics.bindTo(registry);
      assertEquals(1, boundListeners());
    }
    assertEquals(0, boundListeners());
  }

  @Test
  void aNamedGroupCountsItsTasksByOutcomeWhenItCloses() throws Exception {
    try (FanoutMetrics metrics = new FanoutMetrics()) {
      metrics.bindTo(registry);
      try (TaskGroup<String> group = TaskGroup.builder().name("checkout").open()) {
        group.spawn(() -> "cart");
        group.spawn(() -> "address");
        group.spawn(
            () -> {
              throw new IllegalStateException("card declined");
            });
        List<Subtask<String>> outcomes = group.allSettled();
        assertEquals(Subtask.State.FAILED, outcomes.get(2).state());
        assertNull(
            registry.find(FanoutMetrics.GROUP_TASKS).meter(),
            "counted as the group closes, not as its tasks settle");
      }
    }

    assertEquals(2, tasks("checkout", "succeeded"));
    assertEquals(1, tasks("checkout", "failed"));
    assertEquals(0, tasks("checkout", "cancelled"));
    assertEquals(1, duration("checkout", "allSettled()").count());
    assertEquals(0, timeouts("checkout"));
  }

  @Test
  void aTimedOutGroupCountsATimeoutAndIsTimedAllTheSame() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    try (FanoutMetrics metrics = new FanoutMetrics()) {
      metrics.bindTo(registry);
      try (TaskGroup<Object> group =
          TaskGroup.builder().name("slow").timeout(Duration.ofMillis(20)).open()) {
        group.spawn(
            () -> {
              never.await(); // until the timeout cancels the group and interrupts this
              return null;
            });
        assertThrows(TaskGroupTimeoutException.class, group::all);
      }
    }

    assertEquals(1, timeouts("slow"));
    assertEquals(1, duration("slow", "all()").count());
    assertEquals(1, tasks("slow", "cancelled"));
    assertEquals(0, tasks("slow", "failed"));
  }

  @Test
  void unnamedGroupsShareOneTagInsteadOfTheirGeneratedNames() throws Exception {
    try (FanoutMetrics metrics = new FanoutMetrics()) {
      metrics.bindTo(registry);
      for (int i = 0; i < 3; i++) {
        try (TaskGroup<Integer> group = TaskGroup.open()) {
          group.spawn(() -> 42);
          group.all();
        }
      }
    }

    assertEquals(3, tasks(FanoutMetrics.UNNAMED, "succeeded"));
    assertEquals(3, duration(FanoutMetrics.UNNAMED, "all()").count());
    for (Meter meter : registry.getMeters()) {
      assertEquals(FanoutMetrics.UNNAMED, meter.getId().getTag("group"), meter.getId()::toString);
    }
  }

  @Test
  void aGroupNobodyWaitedOnIsTimedWithWaitNone() {
    try (FanoutMetrics metrics = new FanoutMetrics()) {
      metrics.bindTo(registry);
      try (TaskGroup<Object> group = TaskGroup.builder().name("idle").open()) {
        assertEquals(0, group.size());
      }
    }

    assertEquals(1, duration("idle", "none").count());
    assertEquals(0, tasks("idle", "succeeded"));
  }

  @Test
  void nothingIsRecordedAfterClose() throws Exception {
    FanoutMetrics metrics = new FanoutMetrics();
    metrics.bindTo(registry);
    try (TaskGroup<String> openAcrossClose = TaskGroup.builder().name("across").open()) {
      openAcrossClose.spawn(() -> "done");
      metrics.close();
      openAcrossClose.all();
    }
    try (TaskGroup<String> openedAfterClose = TaskGroup.builder().name("after").open()) {
      openedAfterClose.spawn(() -> "done");
      openedAfterClose.all();
    }

    assertTrue(registry.getMeters().isEmpty(), () -> "recorded: " + ids(registry));
  }

  @Test
  void closeIsIdempotentAndBindingAfterItFails() {
    FanoutMetrics metrics = new FanoutMetrics();
    metrics.close();
    metrics.close();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> metrics.bindTo(registry));
    assertEquals("bindTo() called after close()", e.getMessage());
  }

  @Test
  void bindingTheSameRegistryTwiceRecordsEachGroupOnce() throws Exception {
    try (FanoutMetrics metrics = new FanoutMetrics()) {
      metrics.bindTo(registry);
      metrics.bindTo(registry);
      try (TaskGroup<String> group = TaskGroup.builder().name("once").open()) {
        group.spawn(() -> "done");
        group.all();
      }
    }

    assertEquals(1, tasks("once", "succeeded"));
    assertEquals(1, duration("once", "all()").count());
  }

  @Test
  void theListenerForOneGroupRecordsThatGroupOnly() throws Exception {
    try (TaskGroup<String> group =
        TaskGroup.builder().name("observed").listener(FanoutMetrics.listener(registry)).open()) {
      group.spawn(() -> "done");
      group.all();
    }
    try (TaskGroup<String> group = TaskGroup.builder().name("not observed").open()) {
      group.spawn(() -> "done");
      group.all();
    }

    assertEquals(1, tasks("observed", "succeeded"));
    for (Meter meter : registry.getMeters()) {
      assertEquals("observed", meter.getId().getTag("group"), meter.getId()::toString);
    }
  }

  private static long boundListeners() {
    return TaskGroupListeners.registered().stream().filter(GroupMetrics.class::isInstance).count();
  }

  private double tasks(String group, String outcome) {
    return registry
        .get(FanoutMetrics.GROUP_TASKS)
        .tags("group", group, "outcome", outcome)
        .counter()
        .count();
  }

  private Timer duration(String group, String wait) {
    return registry.get(FanoutMetrics.GROUP_DURATION).tags("group", group, "wait", wait).timer();
  }

  private double timeouts(String group) {
    return registry.get(FanoutMetrics.GROUP_TIMEOUTS).tag("group", group).counter().count();
  }

  private static List<String> ids(MeterRegistry registry) {
    return registry.getMeters().stream().map(meter -> meter.getId().toString()).toList();
  }
}
