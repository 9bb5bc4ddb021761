package dev.fanout.examples.spring;

/**
 * A product as the backend describes it. A record of immutable values, so Fanout's compile-time
 * Sendable check accepts it as the result that crosses from each child thread to the caller.
 */
public record Product(long id, String name) {}
