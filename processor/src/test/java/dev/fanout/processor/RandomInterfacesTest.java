package dev.fanout.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Compiles randomly shaped service interfaces ({@link RandomInterfaceShapes}) with both
 * processors and {@code -Xlint:all}. Whatever the shape, the processor either generates a class
 * that compiles without a single warning, or reports Fanout diagnostics on the user's code; it
 * never crashes, and nothing it generates fails to compile or warns.
 *
 * <p>Seeded: {@code -Dfanout.shapes.seed=N} replays a run, {@code -Dfanout.shapes.count=N} sets
 * its size (default 200).
 */
class RandomInterfacesTest {
  private static final long SEED = Long.getLong("fanout.shapes.seed", 20261202L);
  private static final int COUNT = Integer.getInteger("fanout.shapes.count", 200);

  @Test
  void noShapeCrashesTheProcessorOrMakesGeneratedCodeFailOrWarn() {
    System.out.println(
        "RandomInterfacesTest seed=" + SEED + " count=" + COUNT
            + " (replay with -Dfanout.shapes.seed=" + SEED + ")");
    RandomInterfaceShapes shapes = new RandomInterfaceShapes(SEED);
    int generated = 0;
    for (int i = 0; i < COUNT; i++) {
      List<String[]> sources = shapes.next(i);
      List<JavaFileObject> files = new ArrayList<>();
      for (String[] source : sources) {
        files.add(JavaFileObjects.forSourceString(source[0], source[1]));
      }
      Compilation compilation =
          Compiler.javac() // new processors for each compilation: javac initializes them once
              .withProcessors(new FanOutProcessor(), new GroupEscapeProcessor())
              .withOptions("-Xlint:all", "-Xlint:-processing")
              .compile(files);
      String context = "case " + i + " of seed " + SEED + ":\n" + sources.get(0)[1];
      for (Diagnostic<? extends JavaFileObject> diagnostic : compilation.diagnostics()) {
        String message = diagnostic.getMessage(Locale.ROOT);
        String file = diagnostic.getSource() == null ? "" : diagnostic.getSource().getName();
        boolean inGenerated = file.endsWith("FanOut.java");
        if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
          assertWithMessage("%s\nerror: %s", context, message)
              .that(message.contains("[FanOut/") && !message.contains("[FanOut/InternalError]"))
              .isTrue();
        }
        if (diagnostic.getKind() == Diagnostic.Kind.ERROR
            || diagnostic.getKind() == Diagnostic.Kind.WARNING
            || diagnostic.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
          assertWithMessage("%s\nin the generated code: %s", context, message)
              .that(inGenerated)
              .isFalse();
        }
      }
      if (compilation.status() == Compilation.Status.SUCCESS) {
        generated++;
      }
    }
    System.out.println("RandomInterfacesTest: " + generated + " of " + COUNT + " shapes generated");
    // The shapes are valid Java by construction; most must generate (the rest are Fanout's
    // diagnostics: Sendable verdicts, undeclared exceptions, a race over no result...).
    assertWithMessage("shapes that generated").that(generated).isAtLeast(COUNT / 2);
  }
}
