package dev.fanout.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.CapturedLog;
import dev.fanout.TaskGroup;
import dev.fanout.TaskGroupException;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * What generated code rethrows when a group fails: the leaf's own exception object, never
 * changed, with no other failure lost.
 */
class FanOutExceptionsTest {

  /** A group where every task fails, so that any() reports all of them (none is cancelled). */
  private static TaskGroupException everyTaskFails(Exception... failures) throws Exception {
    try (TaskGroup<String> group = TaskGroup.open()) {
      for (Exception failure : failures) {
        group.spawn(() -> {
          throw failure;
        });
      }
      return assertThrows(TaskGroupException.class, group::any);
    }
  }

  @RepeatedTest(20)
  void theFirstFailureIsRethrownUnchangedAndTheOthersAreLoggedWithIt() throws Exception {
    IOException alpha = new IOException("alpha down");
    IOException beta = new IOException("beta down");
    IOException gamma = new IOException("gamma down");
    TaskGroupException e = everyTaskFails(alpha, beta, gamma);
    List<LogRecord> logged;
    Throwable rethrown;
    try (CapturedLog log = CapturedLog.of("dev.fanout")) {
      rethrown = FanOutExceptions.rethrown(FanOutExceptions.firstFailure(e), e);
      logged = log.records();
    }
    assertSame(e.getCause(), rethrown);
    for (IOException leaf : List.of(alpha, beta, gamma)) {
      assertEquals(0, leaf.getSuppressed().length, "a leaf's exception is never changed");
    }
    assertEquals(1, logged.size());
    LogRecord record = logged.get(0);
    assertEquals(Level.WARNING, record.getLevel());
    assertSame(e, record.getThrown());
    assertTrue(
        record.getMessage().endsWith(
            ". The method rethrows the first failure as it declares, unchanged; "
                + "2 other failures are carried by this record's exception"),
        record.getMessage());
    assertEquals(
        Set.of(alpha, beta, gamma),
        Set.of(rethrown, e.getSuppressed()[0], e.getSuppressed()[1]),
        "the record's exception carries every failure");
  }

  @Test
  void oneExceptionInstanceThrownByEveryLeafIsRethrownAndNothingIsLogged() throws Exception {
    // A cached, preallocated exception: attaching anything to it would leak into later calls.
    IOException cached = new IOException("connection closed", null);
    TaskGroupException e = everyTaskFails(cached, cached, cached);
    List<LogRecord> logged;
    try (CapturedLog log = CapturedLog.of("dev.fanout")) {
      assertSame(cached, FanOutExceptions.rethrown(FanOutExceptions.firstFailure(e), e));
      assertSame(
          cached,
          FanOutExceptions.rethrown(FanOutExceptions.firstFailure(e), e),
          "the same answer every time");
      logged = log.records();
    }
    assertEquals(0, cached.getSuppressed().length);
    assertEquals(List.of(), logged, "every failure is the rethrown one: nothing is lost");
  }

  @Test
  void aFailureTheRethrownOneAlreadyCarriesIsNotLoggedAgain() throws Exception {
    IOException root = new IOException("disk full");
    IOException wrapper = new IOException("write failed", root);
    TaskGroupException e = everyTaskFails(wrapper);
    e.addSuppressed(root); // as if close() had reported the root on its own
    try (CapturedLog log = CapturedLog.of("dev.fanout")) {
      assertSame(wrapper, FanOutExceptions.rethrown(FanOutExceptions.firstFailure(e), e));
      assertEquals(List.of(), log.records());
    }
  }

  @Test
  void aLateFailureThatCloseReportedIsCountedAmongTheOthers() throws Exception {
    IOException first = new IOException("first");
    TaskGroupException e = everyTaskFails(first);
    TaskGroupException fromClose = everyTaskFails(new IllegalStateException("late"));
    e.addSuppressed(fromClose); // what try-with-resources does with close()'s exception
    try (CapturedLog log = CapturedLog.of("dev.fanout")) {
      assertSame(first, FanOutExceptions.rethrown(FanOutExceptions.firstFailure(e), e));
      List<LogRecord> logged = log.records();
      assertEquals(1, logged.size());
      assertTrue(
          logged.get(0).getMessage().endsWith("1 other failure is carried by this record's exception"),
          logged.get(0).getMessage());
    }
    assertEquals(0, first.getSuppressed().length);
  }

  @Test
  void findingTheFirstFailureLogsNothing() throws Exception {
    TaskGroupException e = everyTaskFails(new IOException("a"), new IOException("b"));
    try (CapturedLog log = CapturedLog.of("dev.fanout")) {
      assertSame(e.getCause(), FanOutExceptions.firstFailure(e));
      assertEquals(List.of(), log.records(), "only rethrowing the leaf's exception may log");
    }
  }

  @Test
  void anUndeclaredCheckedFailureThrowsTheGroupExceptionWhichCarriesEverythingAndLogsNothing()
      throws Exception {
    // A leaf written in another language, or a sneaky throw: a checked exception the method does
    // not declare. The group's own exception is thrown, and it already carries every failure.
    TaskGroupException e = everyTaskFails(new IOException("undeclared"), new IOException("other"));
    try (CapturedLog log = CapturedLog.of("dev.fanout")) {
      assertSame(e, FanOutExceptions.unchecked(FanOutExceptions.firstFailure(e), e));
      assertEquals(List.of(), log.records());
    }
  }

  @Test
  void anUncheckedFailureIsRethrownAsItselfAndTheOthersAreLogged() throws Exception {
    IllegalStateException first = new IllegalStateException("first");
    TaskGroupException e = everyTaskFails(first, new IllegalStateException("second"));
    try (CapturedLog log = CapturedLog.of("dev.fanout")) {
      Throwable failure = FanOutExceptions.firstFailure(e);
      assertSame(failure, FanOutExceptions.unchecked(failure, e));
      assertEquals(1, log.records().size());
      assertSame(e, log.records().get(0).getThrown());
    }
    assertEquals(0, first.getSuppressed().length);
  }

  @Test
  void aDeepCauseChainIsWalkedWithoutRecursion() throws Exception {
    Exception deep = new IOException("root");
    for (int i = 0; i < 100_000; i++) {
      deep = new IOException("level " + i, deep);
    }
    TaskGroupException e = everyTaskFails(deep);
    e.addSuppressed(new IOException("reported by close()"));
    try (CapturedLog log = CapturedLog.of("dev.fanout")) {
      assertSame(deep, FanOutExceptions.rethrown(FanOutExceptions.firstFailure(e), e));
      assertEquals(1, log.records().size());
    }
  }
}
