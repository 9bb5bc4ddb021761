package dev.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What each wait asks of the settles that wake its owner. Once the group is cancelled the owner
 * needs only the last settle (next() excepted, where every settled task is an answer), so the
 * remaining settles of a cancelled group do not wake it one by one.
 */
class WaitPolicyTest {
  private static final List<WaitPolicy<?>> POLICIES =
      List.of(
          new AllWait<>("all()"),
          new SettledWait<>("allSettled()", true),
          new SettledWait<>("awaitCompletion()", false),
          new RaceWait<>("race()"),
          new AnyWait<>("any()"),
          new FirstWait<>("first(2)", 2));

  @Test
  void afterCancellationOnlyTheLastSettleWakesTheOwner() {
    for (WaitPolicy<?> policy : POLICIES) {
      assertEquals(0, policy.wakeOn(true), policy.op());
    }
    assertEquals(WaitPolicy.WAKE_ON_EACH, new NextWait<>("next()").wakeOn(true));
  }

  @Test
  void beforeCancellationEachWaitAsksOnlyForTheSettlesThatCanAnswerIt() {
    assertEquals(WaitPolicy.WAKE_ON_FAILURE, new AllWait<>("all()").wakeOn(false));
    assertEquals(0, new SettledWait<>("allSettled()", true).wakeOn(false));
    assertEquals(WaitPolicy.WAKE_ON_EACH, new RaceWait<>("race()").wakeOn(false));
    assertEquals(WaitPolicy.WAKE_ON_SUCCESS, new AnyWait<>("any()").wakeOn(false));
  }

  @Test
  void everyWaitIsDoneOnceEveryTaskHasSettled() {
    Ledger ledger = new Ledger(false);
    for (WaitPolicy<?> policy : POLICIES) {
      assertTrue(policy.isDone(ledger, 0), policy.op());
    }
    assertNull(new AllWait<>("all()").cancelReason(ledger, 0));
  }
}
