package dev.fanout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * One random scenario of {@link FaultMixStressTest}: how a group is configured, what each of its
 * tasks does, how its owner waits, and what disturbs them. Everything is drawn from {@link #seed},
 * so a failing scenario can be replayed; the thread interleaving, of course, is not.
 *
 * <p>A plan at depth 0 is the scenario's own group; a task that opens a nested group carries a plan
 * at depth 1, with at most four tasks, no nested groups of its own and no foreign disturbers (its
 * disturbance is the outer group cancelling the task that owns it).
 */
final class StressPlan {

  /** How the owner waits for the group. */
  enum Strategy {
    ALL,
    ALL_KEYED,
    ALL_SETTLED,
    RACE,
    ANY,
    FIRST,
    NEXT_LOOP,
    ITERATION,
    AWAIT_COMPLETION,
    /** A {@code discarding()} group, waited for with {@code awaitCompletion()}. */
    DISCARDING_AWAIT,
    /** No wait at all: close() cancels whatever still runs. */
    JUST_CLOSE
  }

  /** What one task does. */
  enum Behaviour {
    SUCCEED,
    SUCCEED_AFTER_SPIN,
    /** Waits (interruptibly) for the scenario's gate, which a foreign thread opens soon. */
    SUCCEED_AFTER_GATE,
    /** Waits until an earlier task has settled, then succeeds: gives the oracle a settle order. */
    SUCCEED_AFTER_PREDECESSOR,
    FAIL_CHECKED,
    FAIL_UNCHECKED,
    /** Throws a custom subclass of {@link Error}. */
    FAIL_ERROR,
    /** Waits until an earlier task has settled, then throws a checked exception. */
    FAIL_AFTER_PREDECESSOR,
    /** Waits for the scenario's gate, spins, then throws an unchecked exception: a burst. */
    FAIL_AFTER_GATE,
    /** Blocks until interrupted, then rethrows the {@link InterruptedException}. */
    BLOCK_UNTIL_INTERRUPTED,
    /** Ignores interrupts until the scenario's gate opens, then returns a value. */
    IGNORE_INTERRUPTS_UNTIL_GATE,
    /** Blocks until interrupted, swallows the interrupt and returns a value. */
    SWALLOW_INTERRUPT,
    /** Opens a nested group in try-with-resources and plays its plan. */
    NESTED,
    /** Opens a nested group, plays its plan and returns without closing it. */
    NESTED_LEFT_OPEN;

    /** Whether only a cancellation (or the safety bound) ends the task. */
    boolean blocksUntilCancelled() {
      return this == BLOCK_UNTIL_INTERRUPTED || this == SWALLOW_INTERRUPT;
    }

    boolean spins() {
      return this == SUCCEED_AFTER_SPIN
          || this == FAIL_CHECKED
          || this == FAIL_UNCHECKED
          || this == FAIL_ERROR
          || this == FAIL_AFTER_GATE;
    }

    boolean waitsForPredecessor() {
      return this == SUCCEED_AFTER_PREDECESSOR || this == FAIL_AFTER_PREDECESSOR;
    }

    boolean opensGroup() {
      return this == NESTED || this == NESTED_LEFT_OPEN;
    }
  }

  /** When the owner calls {@code suppressErrors()}, if at all. */
  enum SuppressAt {
    NEVER,
    BEFORE_SPAWNING,
    AFTER_WAITING
  }

  /**
   * One task.
   *
   * @param spinMicros how long a spinning or failing task spins before it returns or throws
   * @param predecessor the earlier task it waits for, or -1
   * @param nested the plan of the group it opens, or null
   * @param interruptsOwner whether it interrupts the scenario's owner just before it ends
   */
  record TaskPlan(
      int index,
      Behaviour behaviour,
      int spinMicros,
      int predecessor,
      StressPlan nested,
      boolean interruptsOwner) {}

  final long seed;
  final int depth;
  final Strategy strategy;
  /** 0: unbounded. */
  final int concurrency;
  /** -1: unbounded; only with a concurrency limit. */
  final int queueLimit;
  /** null: none. */
  final Duration groupTimeout;
  /** null: the waits' overloads without a timeout. */
  final Duration waitTimeout;
  /** The {@code n} of {@code first(n)}. */
  final int firstN;
  /** Whether tasks are spawned with keys ({@code "k" + index}). */
  final boolean keyed;
  final List<TaskPlan> tasks;
  /** -1: never; k: the owner calls cancel() before spawning task k (k == tasks: before waiting). */
  final int ownerCancelBefore;
  /** -1: never; otherwise a foreign thread calls cancel() this long after the group opened. */
  final int foreignCancelAfterMicros;
  /** -1: never; otherwise a foreign thread interrupts the owner this long after the group opened. */
  final int interruptAfterMicros;
  /**
   * A foreign thread opens the gate this long after the group opened, or, with {@link
   * #gateAfterWaitStarts}, after the owner started waiting.
   */
  final int gateAfterMicros;
  /** Whether the gate's clock starts when the owner starts waiting (so a burst meets the wait). */
  final boolean gateAfterWaitStarts;
  /** Whether the gate's opener also interrupts the owner, as the burst of tasks it frees settles. */
  final boolean interruptAtGate;
  /** With {@link #interruptAtGate}: from opening the gate to the interrupt, in us; < 0: before. */
  final int interruptAtGateOffsetMicros;
  /** Whether a foreign thread watches the handles to learn which settled before which. */
  final boolean watchSettleOrder;
  /** One onFinished callback each, registered before spawning; true: that callback throws. */
  final List<Boolean> callbacksBefore;
  /** One onFinished callback each, registered after waiting; true: that callback throws. */
  final List<Boolean> callbacksAfter;
  final SuppressAt suppressErrors;
  /** -1: never; k: the owner leaves the try block by throwing before spawning task k. */
  final int leaveBefore;
  /** Whether the owner leaves the try block by throwing after waiting. */
  final boolean leaveAfterWaiting;
  /** Whether an exception from the wait propagates out of the try block (else it is caught). */
  final boolean propagateWaitFailure;
  /** Whether the owner reads some handles with get() after waiting. */
  final boolean readHandlesAfterWaiting;
  /** next() loop and iteration: stop after this many outcomes; -1: until drained. */
  final int stopAfter;

  /** The plan of a scenario's own group, drawn from {@code seed}. */
  static StressPlan draw(long seed) {
    return new StressPlan(seed, 0);
  }

  private StressPlan(long seed, int depth) {
    Random random = new Random(seed);
    boolean top = depth == 0;
    this.seed = seed;
    this.depth = depth;
    strategy = pick(random, Strategy.values());
    int maxTasks = top ? 40 : 4;
    int size = random.nextInt(10) == 0 ? random.nextInt(3) : random.nextInt(maxTasks + 1);
    concurrency = chance(random, 0.35) ? 0 : 1 + random.nextInt(top ? 8 : 3);
    queueLimit = concurrency > 0 && random.nextBoolean() ? random.nextInt(5) : -1;
    groupTimeout = chance(random, 0.25) ? Duration.ofMillis(1 + random.nextInt(30)) : null;
    double wait = random.nextDouble();
    waitTimeout =
        wait < 0.2
            ? Duration.ofMillis(1 + random.nextInt(30))
            : wait < 0.35 ? Duration.ofSeconds(5) : null;
    firstN = 1 + random.nextInt(Math.max(1, size));
    keyed = strategy == Strategy.ALL_KEYED || chance(random, 0.2);
    ownerCancelBefore = chance(random, 0.12) ? random.nextInt(size + 1) : -1;
    foreignCancelAfterMicros = top && chance(random, 0.15) ? random.nextInt(3000) : -1;
    interruptAfterMicros = top && chance(random, 0.1) ? random.nextInt(3000) : -1;
    int interruptingTask = top && size > 0 && chance(random, 0.12) ? random.nextInt(size) : -1;
    // A burst: tasks that the gate frees all at once, as the owner waits, to settle together.
    boolean burst = top && chance(random, 0.2);
    gateAfterWaitStarts = burst || (top && chance(random, 0.3));
    gateAfterMicros = gateAfterWaitStarts ? random.nextInt(300) : random.nextInt(3000);
    interruptAtGate = top && chance(random, burst ? 0.5 : 0.1);
    interruptAtGateOffsetMicros = random.nextInt(150) - 50;
    watchSettleOrder = top && chance(random, 0.3);
    callbacksBefore = callbacks(random, random.nextInt(3));
    callbacksAfter = callbacks(random, random.nextInt(2));
    double suppress = random.nextDouble();
    suppressErrors =
        suppress < 0.08
            ? SuppressAt.BEFORE_SPAWNING
            : suppress < 0.16 ? SuppressAt.AFTER_WAITING : SuppressAt.NEVER;
    leaveBefore = size > 0 && chance(random, 0.06) ? random.nextInt(size) : -1;
    leaveAfterWaiting = chance(random, 0.1);
    propagateWaitFailure = random.nextBoolean();
    readHandlesAfterWaiting = chance(random, 0.4);
    stopAfter = chance(random, 0.3) ? random.nextInt(size + 1) : -1;

    // Something must end a task that only a cancellation ends, or it would run to its safety bound.
    boolean somethingCancels =
        groupTimeout != null
            || (waitTimeout != null && waitTimeout.toMillis() <= 30)
            || foreignCancelAfterMicros >= 0
            || ownerCancelBefore >= 0
            || leaveBefore >= 0
            || strategy == Strategy.JUST_CLOSE;
    List<Behaviour> palette = palette(random, top);
    if (burst) {
      palette = new ArrayList<>(palette.subList(0, random.nextInt(2)));
      palette.add(Behaviour.SUCCEED_AFTER_GATE);
      palette.add(Behaviour.FAIL_AFTER_GATE);
    }
    List<TaskPlan> drawn = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      Behaviour behaviour = pick(random, palette);
      if (behaviour.blocksUntilCancelled() && !somethingCancels) {
        behaviour = Behaviour.SUCCEED_AFTER_GATE;
      }
      if (behaviour.waitsForPredecessor() && i == 0) {
        behaviour =
            behaviour == Behaviour.FAIL_AFTER_PREDECESSOR
                ? Behaviour.FAIL_CHECKED
                : Behaviour.SUCCEED_AFTER_SPIN;
      }
      int spin = random.nextBoolean() ? 0 : random.nextInt(800);
      if (behaviour == Behaviour.SUCCEED_AFTER_SPIN) {
        spin = 1 + random.nextInt(800);
      } else if (!behaviour.spins()) {
        spin = 0;
      }
      int predecessor = behaviour.waitsForPredecessor() ? random.nextInt(i) : -1;
      StressPlan nested =
          behaviour.opensGroup() ? new StressPlan(random.nextLong(), depth + 1) : null;
      drawn.add(new TaskPlan(i, behaviour, spin, predecessor, nested, i == interruptingTask));
    }
    tasks = Collections.unmodifiableList(drawn);
  }

  /**
   * A few behaviours for this scenario: a small palette gives regimes a uniform mix never reaches
   * (every task failing under any(), every task blocking under race(), ...).
   */
  private static List<Behaviour> palette(Random random, boolean top) {
    List<Behaviour> all = new ArrayList<>(List.of(Behaviour.values()));
    if (!top) {
      all.remove(Behaviour.NESTED);
      all.remove(Behaviour.NESTED_LEFT_OPEN);
    }
    Collections.shuffle(all, random);
    return all.subList(0, 1 + random.nextInt(4));
  }

  private static List<Boolean> callbacks(Random random, int count) {
    List<Boolean> throwing = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      throwing.add(random.nextBoolean());
    }
    return Collections.unmodifiableList(throwing);
  }

  private static boolean chance(Random random, double probability) {
    return random.nextDouble() < probability;
  }

  private static <E> E pick(Random random, E[] values) {
    return values[random.nextInt(values.length)];
  }

  private static <E> E pick(Random random, List<E> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** The value task {@code index} returns when it succeeds. */
  static Integer valueOf(int index) {
    return index;
  }

  /** The scenario in a few lines, to put in an assertion message. */
  String describe() {
    StringBuilder out = new StringBuilder();
    describe(out, "");
    return out.toString();
  }

  private void describe(StringBuilder out, String indent) {
    out.append(indent)
        .append("strategy=")
        .append(strategy)
        .append(strategy == Strategy.FIRST ? "(" + firstN + ")" : "")
        .append(" waitTimeout=")
        .append(waitTimeout)
        .append(" concurrency=")
        .append(concurrency == 0 ? "none" : concurrency)
        .append(" queueLimit=")
        .append(queueLimit < 0 ? "none" : queueLimit)
        .append(" groupTimeout=")
        .append(groupTimeout)
        .append(keyed ? " keyed" : "")
        .append(stopAfter >= 0 ? " stopAfter=" + stopAfter : "")
        .append('\n');
    out.append(indent).append("owner:");
    if (!callbacksBefore.isEmpty() || !callbacksAfter.isEmpty()) {
      out.append(" callbacks(throws?) before=")
          .append(callbacksBefore)
          .append(" after=")
          .append(callbacksAfter);
    }
    if (suppressErrors != SuppressAt.NEVER) {
      out.append(" suppressErrors ").append(suppressErrors);
    }
    if (ownerCancelBefore >= 0) {
      out.append(" cancel() before spawn #").append(ownerCancelBefore);
    }
    if (leaveBefore >= 0) {
      out.append(" leaves by throwing before spawn #").append(leaveBefore);
    }
    if (leaveAfterWaiting) {
      out.append(" leaves by throwing after the wait");
    }
    out.append(propagateWaitFailure ? " wait-failures-propagate" : " wait-failures-caught");
    if (readHandlesAfterWaiting) {
      out.append(" reads-handles");
    }
    out.append('\n');
    if (depth == 0) {
      out.append(indent)
          .append("disturbers: gate opens ")
          .append(gateAfterMicros)
          .append("us after the ")
          .append(gateAfterWaitStarts ? "wait starts" : "group opens");
      if (interruptAtGate) {
        out.append(", interrupts the owner ")
            .append(Math.abs(interruptAtGateOffsetMicros))
            .append(interruptAtGateOffsetMicros < 0 ? "us before" : "us after")
            .append(" opening it");
      }
      if (watchSettleOrder) {
        out.append(", settle order watched");
      }
      if (foreignCancelAfterMicros >= 0) {
        out.append(", foreign cancel() after ").append(foreignCancelAfterMicros).append("us");
      }
      if (interruptAfterMicros >= 0) {
        out.append(", owner interrupted after ").append(interruptAfterMicros).append("us");
      }
      out.append('\n');
    }
    out.append(indent).append("tasks (").append(tasks.size()).append("):");
    for (TaskPlan task : tasks) {
      out.append(task.index() % 6 == 0 ? "\n" + indent + "  " : " ");
      out.append('#').append(task.index()).append(' ').append(task.behaviour());
      if (task.spinMicros() > 0) {
        out.append('(').append(task.spinMicros()).append("us)");
      }
      if (task.predecessor() >= 0) {
        out.append("(#").append(task.predecessor()).append(')');
      }
      if (task.interruptsOwner()) {
        out.append("[interrupts the owner at its end]");
      }
      if (task.nested() != null) {
        out.append(" {\n");
        task.nested().describe(out, indent + "    ");
        out.append('\n').append(indent).append("  }");
      }
    }
  }
}
