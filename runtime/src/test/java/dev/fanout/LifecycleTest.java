package dev.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The group's one lifecycle word: its transitions, each monotonic. */
class LifecycleTest {

  @Test
  void theFirstCancelReasonSticks() {
    Lifecycle life = new Lifecycle();
    assertNull(life.reason());
    assertTrue(life.cancel(CancelReason.TASK_FAILED));
    assertFalse(life.cancel(CancelReason.CANCEL_CALLED));
    assertEquals(CancelReason.TASK_FAILED, life.reason());
    assertTrue(life.isCancelled() && life.isEnded());
  }

  @Test
  void aDeadlineThatFiresAfterCloseDoesNotMarkTheGroupTimedOut() {
    Lifecycle life = new Lifecycle();
    life.close();
    assertFalse(life.cancel(CancelReason.TIMEOUT), "a closed group cannot time out");
    assertFalse(life.isCancelled());
    assertTrue(life.isClosed() && life.isSealed(), "closed implies sealed");
  }

  @Test
  void closeMayStillCancelWhatIsLeft() {
    Lifecycle life = new Lifecycle();
    life.close();
    assertTrue(life.cancel(CancelReason.CLOSED));
    assertEquals(CancelReason.CLOSED, life.reason());
  }

  @Test
  void theCallbacksAreClaimedOnce() {
    Lifecycle life = new Lifecycle();
    life.seal();
    assertTrue(life.claimFinished());
    assertFalse(life.claimFinished());
    assertTrue(life.isFinishedClaimed());
  }

  @Test
  void anOpenGroupHasNotEnded() {
    Lifecycle life = new Lifecycle();
    assertFalse(life.isEnded());
    life.seal();
    assertTrue(life.isEnded());
    assertFalse(life.isClosed());
  }
}
