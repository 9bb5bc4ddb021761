package dev.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.Subtask.State;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class StructureTest {

  @Test
  void spawnWaitAndCloseFromAnotherThreadAreRejected() throws Exception {
    try (TaskGroup<String> group = TaskGroup.builder().name("mine").open()) {
      group.spawn(() -> "x");
      String spawn = violationOnAnotherThread(() -> group.spawn(() -> "y"));
      assertTrue(spawn.startsWith("spawn() called from thread 'intruder'"), spawn);
      assertTrue(spawn.contains("group 'mine' is owned by thread '"), spawn);
      assertTrue(violationOnAnotherThread(group::all).startsWith("all() called from thread"));
      assertTrue(violationOnAnotherThread(group::close).startsWith("close() called from thread"));
      assertEquals(1, group.size());
      group.all();
    }
  }

  @Test
  void aChildMustNotSpawnIntoOrWaitOnItsOwnGroup() throws Exception {
    try (TaskGroup<String> group = TaskGroup.builder().name("family").open()) {
      AtomicReference<TaskGroup<String>> self = new AtomicReference<>(group);
      Subtask<String> child =
          group.spawn(
              () -> {
                self.get().spawn(() -> "grandchild");
                return "unreachable";
              });
      group.awaitCompletion();
      assertEquals(State.FAILED, child.state());
      Throwable violation = child.exception();
      assertTrue(violation instanceof StructureViolationException);
      assertTrue(
          violation.getMessage().startsWith("spawn() called from inside task #0 of group 'family'"),
          violation.getMessage());
      assertTrue(violation.getMessage().contains("open a nested TaskGroup"), "says what to do");
    }
  }

  @Test
  void usingAClosedGroupIsRejected() throws Exception {
    TaskGroup<String> group = TaskGroup.builder().name("done").open();
    group.close();
    StructureViolationException e =
        assertThrows(StructureViolationException.class, () -> group.spawn(() -> "late"));
    assertEquals("spawn() called after close() of group 'done'; open a new group instead", e.getMessage());
    assertThrows(StructureViolationException.class, group::all);
    assertThrows(StructureViolationException.class, group::seal);
    group.close(); // a second close is a no-op, not an error
  }

  @Test
  void structureViolationsAreIllegalStateExceptions() {
    assertEquals(IllegalStateException.class, StructureViolationException.class.getSuperclass());
  }

  private static String violationOnAnotherThread(Executable action) throws InterruptedException {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread intruder =
        new Thread(
            () -> {
              try {
                action.execute();
              } catch (Throwable t) {
                thrown.set(t);
              }
            },
            "intruder");
    intruder.start();
    intruder.join();
    assertTrue(thrown.get() instanceof StructureViolationException, "" + thrown.get());
    return thrown.get().getMessage();
  }
}
