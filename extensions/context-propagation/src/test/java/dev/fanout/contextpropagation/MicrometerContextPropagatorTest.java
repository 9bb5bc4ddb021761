package dev.fanout.contextpropagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import dev.fanout.context.ContextPropagator;
import dev.fanout.context.ContextPropagators;
import io.micrometer.context.ContextRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A thread-local registered in the shared {@link ContextRegistry} reaches tasks through the
 * propagator found on the class path; no test registers the propagator. The thread-local is a
 * plain {@link ThreadLocal}, so whatever a task sees, the propagator put there.
 */
// Scopes held by try-with-resources and never read are the idiom here; "try" is javac's lint.
@SuppressWarnings("try")
class MicrometerContextPropagatorTest {
  private static final String KEY = "dev.fanout.test.tenant";
  private static final ThreadLocal<String> TENANT = new ThreadLocal<>();

  @BeforeEach
  void registerTheTenantInTheSharedRegistry() {
    ContextRegistry.getInstance().registerThreadLocalAccessor(KEY, TENANT);
  }

  @AfterEach
  void removeTheTenantFromTheSharedRegistry() {
    ContextRegistry.getInstance().removeThreadLocalAccessor(KEY);
    TENANT.remove();
  }

  @Test
  void isDiscoveredFromTheClassPathAndAppliesToAPlainGroup() throws Exception {
    List<ContextPropagator> bridges =
        ContextPropagators.registered().stream()
            .filter(propagator -> propagator instanceof MicrometerContextPropagator)
            .toList();
    assertEquals(1, bridges.size(), () -> "registered: " + ContextPropagators.registered());

    TENANT.set("acme");
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(TENANT::get);
      assertEquals(List.of("acme"), group.all());
    }
  }

  @Test
  void aTaskSeesTheValueAsItWasAtSpawnNotAsItIsLater() throws Exception {
    CountDownLatch ownerChangedItsValue = new CountDownLatch(1);
    TENANT.set("at spawn");
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(
          () -> {
            ownerChangedItsValue.await();
            return TENANT.get();
          });
      TENANT.set("later");
      ownerChangedItsValue.countDown();
      assertEquals(List.of("at spawn"), group.all());
    }
  }

  @Test
  void aTaskSpawnedWithoutAValueSeesNoneOnAThreadThatHadOne() throws Exception {
    ThreadWithItsOwnValue threads = new ThreadWithItsOwnValue();
    try (TaskGroup<String> group = TaskGroup.builder().threadFactory(threads).open()) {
      group.spawn(TENANT::get);
      assertEquals(Arrays.asList((String) null), group.all());
    }
  }

  @Test
  void theThreadsOwnValueIsPutBackAfterTheTask() throws Exception {
    ThreadWithItsOwnValue threads = new ThreadWithItsOwnValue();
    TENANT.set("acme");
    try (TaskGroup<String> group = TaskGroup.builder().threadFactory(threads).open()) {
      group.spawn(
          () -> {
            String seen = TENANT.get();
            TENANT.set("left behind by the task");
            return seen;
          });
      assertEquals(List.of("acme"), group.all());
    } // close() joins the thread, so what it recorded after the task is visible
    assertEquals(List.of(ThreadWithItsOwnValue.OWN), new ArrayList<>(threads.afterTheTask));
  }

  @Test
  void aLaterTaskSeesNoValueWhenItsSpawnerHadNoneEvenOnAReusedThread() throws Exception {
    // concurrency(1): on platform threads both tasks run on the group's one thread, one after the
    // other; on virtual threads each has its own, and the assertions hold all the same.
    try (TaskGroup<String> group = TaskGroup.builder().concurrency(1).open()) {
      TENANT.set("first");
      Subtask<String> first =
          group.spawn(
              () -> {
                String seen = TENANT.get();
                TENANT.set("left behind by the first task");
                return seen;
              });
      TENANT.remove();
      Subtask<String> second = group.spawn(TENANT::get);
      group.all();
      assertEquals("first", first.get());
      assertNull(second.get());
    }
  }

  @Test
  void accessorsRegisteredAfterThePropagatorWasMadeApplyToo() {
    MicrometerContextPropagator propagator = new MicrometerContextPropagator();
    ThreadLocal<String> region = new ThreadLocal<>();
    ContextRegistry.getInstance().registerThreadLocalAccessor("dev.fanout.test.region", region);
    try {
      region.set("eu");
      ContextPropagator.Snapshot snapshot = propagator.capture();
      region.set("own");
      try (ContextPropagator.Scope scope = snapshot.install()) {
        assertEquals("eu", region.get());
      }
      assertEquals("own", region.get());
    } finally {
      ContextRegistry.getInstance().removeThreadLocalAccessor("dev.fanout.test.region");
      region.remove();
    }
  }

  /**
   * Makes threads that set {@link #OWN} as their tenant before running the task they were given,
   * and record their tenant after it.
   */
  private static final class ThreadWithItsOwnValue implements ThreadFactory {
    static final String OWN = "the thread's own";

    final ConcurrentLinkedQueue<String> afterTheTask = new ConcurrentLinkedQueue<>();

    @Override
    public Thread newThread(Runnable task) {
      return new Thread(
          () -> {
            TENANT.set(OWN);
            task.run();
            afterTheTask.add(String.valueOf(TENANT.get()));
          },
          "with-its-own-tenant");
    }
  }
}
