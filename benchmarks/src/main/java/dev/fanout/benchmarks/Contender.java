package dev.fanout.benchmarks;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * One way to fan work out, as a Java developer would write it with that tool. Every scenario runs
 * every contender through these three calls, so each implementation is a few lines.
 */
interface Contender {
  String name();

  /** Every result in input order; at most {@code concurrency} tasks at once (0: unbounded). */
  List<Integer> all(List<Callable<Integer>> tasks, int concurrency) throws Exception;

  /** The first task to settle; the others are cancelled as well as the tool allows. */
  Integer race(List<Callable<Integer>> tasks) throws Exception;

  /** The first task to succeed; the others are cancelled as well as the tool allows. */
  Integer any(List<Callable<Integer>> tasks) throws Exception;

  /** Releases what the contender keeps between calls (a shared pool). */
  default void shutdown() {}
}
