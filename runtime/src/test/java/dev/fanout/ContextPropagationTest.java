package dev.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.Subtask.State;
import dev.fanout.context.ContextPropagationException;
import dev.fanout.context.ContextPropagator;
import dev.fanout.context.ContextPropagators;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class ContextPropagationTest {
  private static final ThreadLocal<String> TENANT = new ThreadLocal<>();

  @RepeatedTest(20)
  void everyTaskSeesTheThreadLocalOfTheThreadThatSpawnedIt() throws Exception {
    TENANT.set("acme");
    try (TaskGroup<String> group =
        TaskGroup.builder().propagate(ContextPropagators.threadLocal(TENANT)).open()) {
      for (int i = 0; i < 20; i++) {
        group.spawn(TENANT::get);
      }
      assertEquals(Collections.nCopies(20, "acme"), group.all());
    } finally {
      TENANT.remove();
    }
  }

  @Test
  void aNestedGroupPassesOnWhatItsTaskWasGiven() throws Exception {
    TENANT.set("acme");
    ContextPropagator tenant = ContextPropagators.threadLocal(TENANT);
    try (TaskGroup<String> outer = TaskGroup.builder().propagate(tenant).open()) {
      outer.spawn(
          () -> {
            try (TaskGroup<String> inner = TaskGroup.builder().propagate(tenant).open()) {
              inner.spawn(TENANT::get);
              return inner.all().get(0);
            }
          });
      assertEquals(List.of("acme"), outer.all());
    } finally {
      TENANT.remove();
    }
  }

  @Test
  void eachTaskSeesTheValueAtItsSpawnNotAtItsStart() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (TaskGroup<String> group =
        TaskGroup.builder().concurrency(1).propagate(ContextPropagators.threadLocal(TENANT)).open()) {
      TENANT.set("first");
      Subtask<String> first = group.spawn(() -> { Tasks.await(release); return TENANT.get(); });
      TENANT.set("second");
      Subtask<String> second = group.spawn(TENANT::get); // queued behind the first
      TENANT.remove();
      Subtask<String> none = group.spawn(TENANT::get); // also queued: the owner had no value
      release.countDown();
      group.all();
      assertEquals("first", first.get());
      assertEquals("second", second.get());
      assertNull(none.get(), "a reused thread must not keep an earlier task's value");
    } finally {
      TENANT.remove();
    }
  }

  @Test
  void theChildThreadGetsItsOwnValueBackAfterTheTask() throws Exception {
    List<String> afterTask = Collections.synchronizedList(new ArrayList<>());
    TENANT.set("owner's");
    try (TaskGroup<String> group =
        TaskGroup.builder()
            .propagate(ContextPropagators.threadLocal(TENANT))
            .threadFactory(
                task ->
                    new Thread(
                        () -> {
                          TENANT.set("thread's own");
                          task.run();
                          afterTask.add(TENANT.get());
                        }))
            .open()) {
      group.spawn(TENANT::get);
      group.spawn(() -> { throw new IOException("failing tasks restore too"); });
      assertEquals(2, group.allSettled().size());
      group.suppressErrors();
    } finally {
      TENANT.remove();
    }
    assertEquals(List.of("thread's own", "thread's own"), afterTask);
  }

  @Test
  void snapshotsInstallInRegistrationOrderAndCloseInReverse() throws Exception {
    List<String> steps = Collections.synchronizedList(new ArrayList<>());
    try (TaskGroup<String> group =
        TaskGroup.builder().propagate(recording("a", steps)).propagate(recording("b", steps)).open()) {
      group.spawn(() -> { steps.add("task"); return "done"; });
      group.all();
    }
    assertEquals(
        List.of("capture a", "capture b", "install a", "install b", "task", "close b", "close a"),
        steps);
  }

  @Test
  void aTaskCancelledWhileQueuedInstallsNothing() throws Exception {
    List<String> steps = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    Subtask<String> queued;
    try (TaskGroup<String> group =
        TaskGroup.builder().concurrency(1).propagate(recording("a", steps)).open()) {
      group.spawn(Tasks.blockUntilInterrupted(started, interrupted));
      queued = group.spawn(() -> "never");
      Tasks.await(started);
      group.cancel();
    }
    assertEquals(State.CANCELLED, queued.state());
    // Both spawns captured; only the task that ran installed (the order of the second capture and
    // the first install is the threads' business).
    assertEquals(2, Collections.frequency(steps, "capture a"));
    steps.removeIf(step -> step.startsWith("capture"));
    assertEquals(List.of("install a", "close a"), steps);
  }

  @Test
  void aCaptureThatThrowsFailsTheSpawnAndSpawnsNothing() throws Exception {
    IllegalStateException broken = new IllegalStateException("no tenant store");
    ContextPropagator failing = named("tenant-store", () -> { throw broken; });
    try (TaskGroup<String> group =
        TaskGroup.builder().name("tenants").propagate(failing).open()) {
      ContextPropagationException e =
          assertThrows(ContextPropagationException.class, () -> group.spawn("k", () -> "x"));
      assertSame(broken, e.getCause());
      assertEquals(
          "context propagator 'tenant-store' failed to capture its context for task #0 of group"
              + " 'tenants'; nothing was spawned",
          e.getMessage());
      assertEquals(0, group.size());
      assertThrows(ContextPropagationException.class, () -> group.spawn("k", () -> "x"));
      assertEquals(0, group.size(), "the key of a failed spawn stays free");
    }
  }

  @Test
  void anInstallThatThrowsFailsTheTaskWithoutRunningItAndClosesWhatWasInstalled()
      throws Exception {
    List<String> steps = Collections.synchronizedList(new ArrayList<>());
    IllegalStateException broken = new IllegalStateException("install");
    AtomicBoolean ran = new AtomicBoolean();
    Subtask<String> task;
    try (TaskGroup<String> group =
        TaskGroup.builder()
            .name("orders")
            .propagate(recording("a", steps))
            .propagate(named("b", () -> () -> { throw broken; }))
            .open()) {
      task = group.spawn(() -> { ran.set(true); return "x"; });
      TaskGroupException e = assertThrows(TaskGroupException.class, group::all);
      ContextPropagationException cause = assertInstanceOf(ContextPropagationException.class, e.getCause());
      assertSame(broken, cause.getCause());
      assertEquals(
          "context propagator 'b' failed to install its context in task #0 of group 'orders';"
              + " the task did not run",
          cause.getMessage());
    }
    assertEquals(State.FAILED, task.state());
    assertTrue(!ran.get(), "the task ran without its context");
    assertEquals(List.of("capture a", "install a", "close a"), steps);
  }

  @Test
  void aRestoreThatThrowsFailsTheTaskAndKeepsItsOwnFailure() throws Exception {
    IllegalStateException broken = new IllegalStateException("restore");
    IOException own = new IOException("the task's own failure");
    ContextPropagator failingRestore = named("r", () -> () -> () -> { throw broken; });
    try (TaskGroup<String> group = TaskGroup.builder().propagate(failingRestore).open()) {
      Subtask<String> succeeded = group.spawn(() -> "lost?");
      Subtask<String> failed = group.spawn(() -> { throw own; });
      group.allSettled();
      ContextPropagationException first =
          assertInstanceOf(ContextPropagationException.class, succeeded.exception());
      assertSame(broken, first.getCause());
      ContextPropagationException second =
          assertInstanceOf(ContextPropagationException.class, failed.exception());
      assertSame(own, second.getSuppressed()[0]);
    }
  }

  @SuppressWarnings("try") // the resource is there for its close()
  @Test
  void aGloballyRegisteredPropagatorReachesGroupsOpenedWhileItIsRegistered() throws Exception {
    TENANT.set("acme");
    try {
      try (Registration registration =
          ContextPropagators.register(ContextPropagators.threadLocal(TENANT))) {
        assertTrue(ContextPropagators.registered().size() >= 1);
        try (TaskGroup<String> group = TaskGroup.open()) {
          group.spawn(TENANT::get);
          assertEquals(List.of("acme"), group.all());
        }
      }
      try (TaskGroup<String> group = TaskGroup.open()) {
        group.spawn(TENANT::get);
        assertEquals(Collections.singletonList(null), group.all());
      }
    } finally {
      TENANT.remove();
    }
  }

  @Test
  void withoutPropagatorsTheTaskRunsAsSpawned() throws Exception {
    TENANT.set("owner only");
    try (TaskGroup<String> group = TaskGroup.builder().threadFactory(Thread::new).open()) {
      group.spawn(TENANT::get); // a plain ThreadLocal is not inherited
      assertEquals(Collections.singletonList(null), group.all());
    } finally {
      TENANT.remove();
    }
  }

  private static ContextPropagator recording(String name, List<String> steps) {
    return named(
        name,
        () -> {
          steps.add("capture " + name);
          return () -> {
            steps.add("install " + name);
            return () -> steps.add("close " + name);
          };
        });
  }

  private static ContextPropagator named(String name, ContextPropagator body) {
    return new ContextPropagator() {
      @Override
      public Snapshot capture() {
        return body.capture();
      }

      @Override
      public String name() {
        return name;
      }
    };
  }
}
