/**
 * Test support for users of Fanout: {@link dev.fanout.testing.FanoutCompiler} returns a Google
 * compile-testing {@code Compiler} with both of Fanout's processors and strict lint options, so
 * that a test asserts in one line that an interface generates its {@code <Interface>FanOut}
 * class without warnings, or that a misuse fails with the expected {@code [FanOut/...]} code on
 * the expected line. Add it with {@code <scope>test</scope>}.
 */
package dev.fanout.testing;
