/**
 * What users write on their service interfaces: {@link dev.fanout.annotation.FanOut} on a method
 * whose implementation Fanout's annotation processor generates, {@link
 * dev.fanout.annotation.Strategy} for how the children's results combine, {@link
 * dev.fanout.annotation.Each} to pick the parameter to fan out over, and {@link
 * dev.fanout.annotation.AssumeSendable} to vouch for a type the compile-time check cannot prove
 * thread-safe. {@code CLASS} retention; no dependencies.
 */
package dev.fanout.annotation;
