/**
 * Micrometer context-propagation bridge: {@link
 * dev.fanout.contextpropagation.MicrometerContextPropagator} carries every thread-local registered
 * in {@code io.micrometer.context.ContextRegistry} into every task of every {@link
 * dev.fanout.TaskGroup} once {@code fanout-context-propagation} is on the class path.
 */
package dev.fanout.contextpropagation;
