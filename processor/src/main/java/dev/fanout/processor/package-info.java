/**
 * Fanout's annotation processor: generates {@code @FanOut} implementations over the runtime's
 * {@code TaskGroup} and checks them at compile time. Built in stages (entry, validation, model,
 * writer); see the project's STYLE notes.
 *
 * <p>This package is a placeholder until the processor issue lands; the module exists so that the
 * reactor and its order are in place.
 */
package dev.fanout.processor;
