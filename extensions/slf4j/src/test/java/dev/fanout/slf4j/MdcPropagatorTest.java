package dev.fanout.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import dev.fanout.context.ContextPropagator;
import dev.fanout.context.ContextPropagators;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The MDC reaches tasks through the propagator found on the class path; no test registers it.
 *
 * <p>The tests run against Logback, whose MDC is a plain thread-local: a child thread starts with
 * an empty MDC, so whatever a task sees, the propagator put there. (SLF4J's own {@code
 * BasicMDCAdapter} is inheritable; under it, tasks on new threads would see the spawner's MDC even
 * without a propagator, but not on reused ones.)
 */
// Scopes held by try-with-resources and never read are the idiom here; "try" is javac's lint.
@SuppressWarnings("try")
class MdcPropagatorTest {

  @BeforeEach
  @AfterEach
  void clearTheOwnersMdc() {
    MDC.clear();
  }

  @Test
  void isDiscoveredFromTheClassPathAndAppliesToAPlainGroup() throws Exception {
    List<ContextPropagator> mdc =
        ContextPropagators.registered().stream()
            .filter(propagator -> propagator instanceof MdcPropagator)
            .toList();
    assertEquals(1, mdc.size(), () -> "registered: " + ContextPropagators.registered());

    MDC.put("requestId", "r-1");
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(() -> MDC.get("requestId"));
      assertEquals(List.of("r-1"), group.all());
    }
  }

  @Test
  void aTaskSeesACopyOfTheWholeMdcOfItsSpawner() throws Exception {
    MDC.put("requestId", "r-1");
    MDC.put("tenant", "acme");
    try (TaskGroup<Map<String, String>> group = TaskGroup.open()) {
      group.spawn(MDC::getCopyOfContextMap);
      assertEquals(List.of(Map.of("requestId", "r-1", "tenant", "acme")), group.all());
    }
  }

  @Test
  void aTaskSeesTheMdcAsItWasAtSpawnNotAsItIsLater() throws Exception {
    CountDownLatch ownerChangedItsMdc = new CountDownLatch(1);
    MDC.put("requestId", "at-spawn");
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(
          () -> {
            ownerChangedItsMdc.await();
            return MDC.get("requestId");
          });
      MDC.put("requestId", "later");
      ownerChangedItsMdc.countDown();
      assertEquals(List.of("at-spawn"), group.all());
    }
  }

  @Test
  void whatATaskDoesToItsMdcStaysInTheTask() throws Exception {
    MDC.put("requestId", "r-1");
    try (TaskGroup<Object> group = TaskGroup.open()) {
      group.spawn(
          () -> {
            MDC.remove("requestId");
            MDC.put("step", "inside the task");
            return null;
          });
      group.all();
    }
    assertEquals(Map.of("requestId", "r-1"), MDC.getCopyOfContextMap());
  }

  @Test
  void aTaskSpawnedWithAnEmptyMdcSeesAnEmptyOneOnAThreadThatHadItsOwn() throws Exception {
    ThreadWithItsOwnMdc threads = new ThreadWithItsOwnMdc();
    try (TaskGroup<Map<String, String>> group = TaskGroup.builder().threadFactory(threads).open()) {
      group.spawn(MDC::getCopyOfContextMap);
      Map<String, String> seen = group.all().get(0);
      assertTrue(seen == null || seen.isEmpty(), () -> "the task saw " + seen);
    }
  }

  @Test
  void theThreadsOwnMdcIsPutBackAfterTheTask() throws Exception {
    ThreadWithItsOwnMdc threads = new ThreadWithItsOwnMdc();
    MDC.put("requestId", "r-1");
    try (TaskGroup<Map<String, String>> group = TaskGroup.builder().threadFactory(threads).open()) {
      group.spawn(
          () -> {
            Map<String, String> seen = MDC.getCopyOfContextMap();
            MDC.put("left", "behind by the task");
            return seen;
          });
      assertEquals(List.of(Map.of("requestId", "r-1")), group.all());
    } // close() joins the thread, so what it recorded after the task is visible
    assertEquals(List.of(ThreadWithItsOwnMdc.OWN), List.copyOf(threads.afterTheTask));
  }

  @Test
  void aLaterTaskOnAReusedThreadSeesNothingOfAnEarlierOne() throws Exception {
    // concurrency(1): on platform threads both tasks run on the group's one thread, one after the
    // other; on virtual threads each has its own, and the assertions hold all the same.
    try (TaskGroup<Map<String, String>> group = TaskGroup.builder().concurrency(1).open()) {
      MDC.put("requestId", "first");
      Subtask<Map<String, String>> first =
          group.spawn(
              () -> {
                MDC.put("left", "behind by the first task");
                return MDC.getCopyOfContextMap();
              });
      MDC.clear();
      Subtask<Map<String, String>> second = group.spawn(MDC::getCopyOfContextMap);
      group.all();
      assertEquals(Map.of("requestId", "first", "left", "behind by the first task"), first.get());
      Map<String, String> seen = second.get();
      assertTrue(seen == null || seen.isEmpty(), () -> "the second task saw " + seen);
    }
  }

  @Test
  void closingTheScopeOnTheSameThreadPutsBackTheWholeMap() {
    MDC.put("requestId", "captured");
    ContextPropagator.Snapshot snapshot = new MdcPropagator().capture();
    MDC.clear();
    MDC.put("own", "value");

    try (ContextPropagator.Scope scope = snapshot.install()) {
      assertEquals(Map.of("requestId", "captured"), MDC.getCopyOfContextMap());
      MDC.put("added", "inside");
    }
    assertEquals(Map.of("own", "value"), MDC.getCopyOfContextMap());
  }

  @Test
  void anEmptySnapshotClearsTheMdcAndItsScopeRestoresIt() {
    ContextPropagator.Snapshot empty = new MdcPropagator().capture();
    MDC.put("own", "value");

    try (ContextPropagator.Scope scope = empty.install()) {
      assertNull(MDC.get("own"));
    }
    assertEquals(Map.of("own", "value"), MDC.getCopyOfContextMap());
  }

  /**
   * Makes threads that put {@link #OWN} in their MDC before running the task they were given, and
   * record their MDC after it.
   */
  private static final class ThreadWithItsOwnMdc implements ThreadFactory {
    static final Map<String, String> OWN = Map.of("worker", "own");

    final ConcurrentLinkedQueue<Map<String, String>> afterTheTask = new ConcurrentLinkedQueue<>();

    @Override
    public Thread newThread(Runnable task) {
      return new Thread(
          null,
          () -> {
            MDC.setContextMap(OWN);
            task.run();
            afterTheTask.add(MDC.getCopyOfContextMap());
          },
          "with-its-own-mdc",
          0,
          false);
    }
  }
}
