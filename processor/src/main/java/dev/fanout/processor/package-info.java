/**
 * Fanout's annotation processors, registered through {@code META-INF/services}: {@link
 * dev.fanout.processor.FanOutProcessor} generates {@code <Interface>FanOut} for interfaces with
 * {@code @FanOut} methods and checks them (leaves, exceptions, Sendable results), and {@link
 * dev.fanout.processor.GroupEscapeProcessor} checks that a {@code TaskGroup} never escapes the
 * block that opened it. Put the jar on the compiler's annotation processor path; nothing here is
 * called at run time.
 */
package dev.fanout.processor;
