package dev.fanout.annotation;

/** How a {@link FanOut} method combines the results of its children. */
public enum Strategy {
  /** Every child must succeed; results are combined. The first failure cancels the others. */
  ALL,
  /** The first child to settle, success or failure, decides; the others are cancelled. */
  RACE,
  /** The first child to succeed decides; failures are skipped unless every child fails. */
  ANY
}
