package dev.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.Subtask.State;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadsTest {

  @Test
  void childThreadsAreNamedAfterTheirGroupAndPlatformOnesAfterTheirTaskToo() throws Exception {
    try (TaskGroup<String> group = TaskGroup.builder().name("thumbs").open()) {
      group.spawn(() -> Thread.currentThread().getName());
      group.spawn(() -> Thread.currentThread().getName());
      List<String> expected =
          TaskGroup.usesVirtualThreads()
              ? List.of("fanout-thumbs", "fanout-thumbs")
              : List.of("fanout-thumbs-0", "fanout-thumbs-1");
      assertEquals(expected, group.all());
    }
  }

  @Test
  void unnamedGroupsGetAUniqueName() {
    try (TaskGroup<String> a = TaskGroup.open();
        TaskGroup<String> b = TaskGroup.open()) {
      assertTrue(a.name().matches("g\\d+"), a.name());
      assertFalse(a.name().equals(b.name()));
    }
  }

  @Test
  void virtualThreadsAreUsedExactlyWhenTheJdkHasThem() throws Exception {
    boolean forcedPlatform = "platform".equals(System.getProperty("fanout.threads"));
    boolean expected = Runtime.version().feature() >= 21 && !forcedPlatform;
    assertEquals(expected, TaskGroup.usesVirtualThreads());
    try (TaskGroup<Boolean> group = TaskGroup.open()) {
      group.spawn(() -> isVirtual(Thread.currentThread()));
      assertEquals(List.of(expected), group.all());
    }
  }

  @Test
  void platformChildThreadsAreDaemons() throws Exception {
    try (TaskGroup<Boolean> group = TaskGroup.open()) {
      group.spawn(() -> Thread.currentThread().isDaemon());
      assertEquals(List.of(true), group.all());
    }
  }

  @Test
  void aCustomThreadFactoryIsUsed() throws Exception {
    try (TaskGroup<String> group =
        TaskGroup.builder().threadFactory(r -> new Thread(r, "custom")).open()) {
      group.spawn(() -> Thread.currentThread().getName());
      assertEquals(List.of("custom"), group.all());
    }
  }

  @Test
  void aThreadFactoryThatFailsFailsTheTaskNotTheGroup() throws Exception {
    IllegalStateException refused = new IllegalStateException("no threads today");
    int[] calls = {0};
    try (TaskGroup<String> group =
        TaskGroup.builder()
            .concurrency(1)
            .threadFactory(
                r -> {
                  switch (calls[0]++) {
                    case 0:
                      throw refused;
                    case 1:
                      return null;
                    default:
                      return new Thread(r);
                  }
                })
            .open()) {
      Subtask<String> first = group.spawn(() -> "a");
      Subtask<String> second = group.spawn(() -> "b");
      Subtask<String> third = group.spawn(() -> "c");
      List<Subtask<String>> outcomes = group.allSettled();
      assertEquals(3, outcomes.size());
      assertEquals(State.FAILED, first.state());
      assertSame(refused, first.exception());
      assertEquals(State.FAILED, second.state());
      assertTrue(second.exception().getMessage().contains("returned null"));
      assertEquals("c", third.get());
    }
  }

  @Test
  void builderRejectsBadValuesNamingTheParameter() {
    IllegalArgumentException concurrency =
        assertThrows(IllegalArgumentException.class, () -> TaskGroup.builder().concurrency(-1));
    assertEquals("concurrency must be >= 0 (0 means unbounded), but was -1", concurrency.getMessage());
    IllegalArgumentException queue =
        assertThrows(IllegalArgumentException.class, () -> TaskGroup.builder().queueLimit(-2));
    assertEquals("queueLimit must be >= 0, but was -2", queue.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TaskGroup.builder().name(" "));
    assertEquals(
        "name", assertThrows(NullPointerException.class, () -> TaskGroup.builder().name(null)).getMessage());
    assertEquals(
        "threadFactory",
        assertThrows(NullPointerException.class, () -> TaskGroup.builder().threadFactory(null))
            .getMessage());
  }

  @Test
  void spawnRejectsANullTask() {
    try (TaskGroup<String> group = TaskGroup.open()) {
      assertEquals("task", assertThrows(NullPointerException.class, () -> group.spawn(null)).getMessage());
      assertEquals(0, group.size());
    }
  }

  private static boolean isVirtual(Thread thread) throws ReflectiveOperationException {
    if (Runtime.version().feature() < 21) {
      return false;
    }
    return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
  }
}
