package dev.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.Subtask.State;
import dev.fanout.observe.GroupInfo;
import dev.fanout.observe.GroupObserver;
import dev.fanout.observe.GroupSummary;
import dev.fanout.observe.TaskGroupListener;
import dev.fanout.observe.TaskGroupListeners;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class ObservationTest {

  /** Writes every hook call as a line; thread-safe. */
  static final class Recorder implements GroupObserver {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final List<Thread> settledOn = Collections.synchronizedList(new ArrayList<>());
    volatile GroupSummary summary;

    @Override
    public void spawned(int index) {
      events.add("spawned " + index);
    }

    @Override
    public Object started(int index) {
      events.add("started " + index);
      return "token " + index;
    }

    @Override
    public void settled(int index, State outcome, Throwable exception, Object startToken) {
      settledOn.add(Thread.currentThread());
      events.add(
          "settled " + index + " " + outcome
              + (exception == null ? "" : " " + exception.getClass().getSimpleName())
              + " " + startToken);
    }

    @Override
    public void cancelled(CancelReason reason) {
      events.add("cancelled " + reason.name());
    }

    @Override
    public void closed(GroupSummary summary) {
      events.add("closed");
      this.summary = summary;
    }

    long count(String prefix) {
      synchronized (events) {
        return events.stream().filter(e -> e.startsWith(prefix)).count();
      }
    }
  }

  @RepeatedTest(20)
  void everyTaskIsSpawnedStartedAndSettledBeforeTheGroupCloses() throws Exception {
    Recorder recorder = new Recorder();
    try (TaskGroup<String> group =
        TaskGroup.builder().name("profile").listener(info -> recorder).open()) {
      group.spawn(() -> "user");
      group.spawn(() -> "orders");
      group.spawn(() -> { throw new IOException("reviews down"); });
      assertEquals(3, group.allSettled().size());
      group.suppressErrors();
    }
    List<String> events = new ArrayList<>(recorder.events);
    assertEquals("closed", events.get(events.size() - 1), "closed is the last call: " + events);
    assertTrue(events.contains("settled 0 SUCCEEDED token 0"), events.toString());
    assertTrue(events.contains("settled 1 SUCCEEDED token 1"), events.toString());
    assertTrue(events.contains("settled 2 FAILED IOException token 2"), events.toString());
    for (int i = 0; i < 3; i++) {
      assertTrue(events.indexOf("spawned " + i) < events.indexOf("started " + i), events.toString());
    }
    assertEquals(
        new GroupSummary("profile", "allSettled()", 3, 2, 1, 0, null, null,
            recorder.summary.duration()),
        recorder.summary);
    assertTrue(!recorder.summary.duration().isNegative());
  }

  @RepeatedTest(20)
  void aFailFastCancellationIsReportedOnceAndItsVictimSettlesAsCancelled() throws Exception {
    Recorder recorder = new Recorder();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    try (TaskGroup<String> group =
        TaskGroup.builder().name("fail-fast").listener(info -> recorder).open()) {
      group.spawn(Tasks.blockUntilInterrupted(started, interrupted));
      Tasks.await(started);
      group.spawn(() -> { throw new IOException("boom"); });
      assertThrows(TaskGroupException.class, group::all);
    }
    assertEquals(1, recorder.count("cancelled"));
    assertTrue(recorder.events.contains("cancelled TASK_FAILED"), recorder.events.toString());
    assertTrue(recorder.events.contains("settled 0 CANCELLED InterruptedException token 0"));
    assertTrue(recorder.events.contains("settled 1 FAILED IOException token 1"));
    assertEquals(
        new GroupSummary("fail-fast", "all()", 2, 0, 1, 1,
            CancelReason.TASK_FAILED, null, recorder.summary.duration()),
        recorder.summary);
  }

  @Test
  void aTaskCancelledWhileQueuedSettlesWithoutEverStarting() throws Exception {
    Recorder recorder = new Recorder();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    try (TaskGroup<String> group =
        TaskGroup.builder().concurrency(1).listener(info -> recorder).open()) {
      group.spawn(Tasks.blockUntilInterrupted(started, interrupted));
      group.spawn(() -> "queued, never runs");
      Tasks.await(started);
      group.cancel();
    }
    assertTrue(recorder.events.contains("cancelled CANCEL_CALLED"), recorder.events.toString());
    assertTrue(recorder.events.contains("settled 1 CANCELLED null"), recorder.events.toString());
    assertEquals(1, recorder.count("started"));
    assertEquals(2, recorder.summary.cancelled());
    assertNull(recorder.summary.lastWait());
  }

  @Test
  void aTimeoutIsACancellationWhoseSummaryCarriesTheTimeout() throws Exception {
    Recorder recorder = new Recorder();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    try (TaskGroup<String> group = TaskGroup.builder().listener(info -> recorder).open()) {
      group.spawn(Tasks.blockUntilInterrupted(started, interrupted));
      Tasks.await(started);
      assertThrows(TaskGroupTimeoutException.class, () -> group.all(Duration.ofMillis(1)));
    }
    assertTrue(recorder.summary.timedOut());
    assertEquals(Duration.ofMillis(1), recorder.summary.timeout());
    assertTrue(recorder.events.contains("cancelled TIMEOUT"), recorder.events.toString());
  }

  @Test
  void settledRunsOnTheTasksOwnThread() throws Exception {
    Recorder recorder = new Recorder();
    List<Thread> ranOn = Collections.synchronizedList(new ArrayList<>());
    try (TaskGroup<Thread> group = TaskGroup.builder().listener(info -> recorder).open()) {
      for (int i = 0; i < 4; i++) {
        group.spawn(
            () -> {
              ranOn.add(Thread.currentThread());
              return Thread.currentThread();
            });
      }
      group.all();
    }
    assertEquals(Set4.of(ranOn), Set4.of(recorder.settledOn));
  }

  @Test
  void aListenerCanIgnoreAGroupAndEachObserverGetsItsOwnToken() throws Exception {
    Recorder first = new Recorder();
    Recorder second = new Recorder();
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    TaskGroupListener onlyNamed = group -> group.isNamed() ? first : null;
    try (TaskGroup<String> unnamed = TaskGroup.builder().listener(onlyNamed).open()) {
      unnamed.spawn(() -> "ignored");
      unnamed.all();
    }
    assertTrue(first.events.isEmpty());
    try (TaskGroup<String> group =
        TaskGroup.builder()
            .name("both")
            .listener(onlyNamed)
            .listener(
                info -> {
                  seen.add(info.name() + " " + info.isNamed() + " " + info.concurrency());
                  return second;
                })
            .open()) {
      group.spawn(() -> "x");
      group.all();
    }
    assertTrue(first.events.contains("settled 0 SUCCEEDED token 0"), first.events.toString());
    assertTrue(second.events.contains("settled 0 SUCCEEDED token 0"), second.events.toString());
    assertEquals(List.of("both true 0"), seen);
  }

  @Test
  void aNestedGroupKnowsItsParent() throws Exception {
    List<GroupInfo> opened = Collections.synchronizedList(new ArrayList<>());
    TaskGroupListener listener = group -> { opened.add(group); return null; };
    try (TaskGroup<String> outer = TaskGroup.builder().name("outer").listener(listener).open()) {
      outer.spawn(
          () -> {
            try (TaskGroup<String> inner =
                TaskGroup.builder().name("inner").listener(listener).open()) {
              inner.spawn(() -> "x");
              return inner.all().get(0);
            }
          });
      outer.all();
    }
    assertEquals("outer", opened.get(0).name());
    assertNull(opened.get(0).parent());
    assertSame(Thread.currentThread(), opened.get(0).owner());
    assertEquals("inner", opened.get(1).name());
    assertSame(opened.get(0), opened.get(1).parent());
  }

  @Test
  void aThrowingObserverIsLoggedAndChangesNothing() throws Exception {
    IllegalStateException broken = new IllegalStateException("observer bug");
    GroupObserver throwing =
        new GroupObserver() {
          @Override
          public void settled(int index, State outcome, Throwable exception, Object token) {
            throw broken;
          }
        };
    List<LogRecord> logged;
    try (CapturedLog log = CapturedLog.of("dev.fanout")) {
      try (TaskGroup<String> group =
          TaskGroup.builder().name("sturdy").listener(info -> throwing).open()) {
        group.spawn(() -> "a");
        group.spawn(() -> "b");
        assertEquals(List.of("a", "b"), group.all());
      }
      logged = log.records();
    }
    assertEquals(2, logged.size());
    assertSame(broken, logged.get(0).getThrown());
    assertTrue(
        logged.get(0).getMessage().contains("settled() threw while observing group 'sturdy'"),
        logged.get(0).getMessage());
  }

  @SuppressWarnings("try") // the resource is there for its close()
  @Test
  void aGloballyRegisteredListenerObservesEveryGroupOpenedMeanwhile() throws Exception {
    List<String> names = Collections.synchronizedList(new ArrayList<>());
    try (Registration registration =
        TaskGroupListeners.register(group -> { names.add(group.name()); return null; })) {
      try (TaskGroup<String> group = TaskGroup.builder().name("seen").open()) {
        group.spawn(() -> "x");
        group.all();
      }
    }
    try (TaskGroup<String> group = TaskGroup.builder().name("after").open()) {
      group.spawn(() -> "x");
      group.all();
    }
    assertEquals(List.of("seen"), names);
  }

  /** Set equality by identity, for threads. */
  private static final class Set4 {
    static java.util.Set<Thread> of(List<Thread> threads) {
      java.util.Set<Thread> set = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      synchronized (threads) {
        set.addAll(threads);
      }
      return set;
    }
  }
}
