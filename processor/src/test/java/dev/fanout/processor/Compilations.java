package dev.fanout.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Compiles test sources with the processor, the way users' builds do. */
final class Compilations {
  private Compilations() {}

  /** Compiles {@code sources} with the processor and {@code -Xlint:all}. */
  static Compilation compile(JavaFileObject... sources) {
    return javac()
        .withProcessors(new FanOutProcessor())
        // -Xlint:all, but not "processing": javac warns there about unclaimed annotations in the
        // test sources (e.g. @Each), which says nothing about the generated code.
        .withOptions("-Xlint:all", "-Xlint:-processing")
        .compile(sources);
  }

  /** A source named after its type, from lines; the first line is the package. */
  static JavaFileObject source(String qualifiedName, String... lines) {
    List<String> all = new ArrayList<>();
    all.add("package " + qualifiedName.substring(0, qualifiedName.lastIndexOf('.')) + ";");
    all.add("");
    for (String line : lines) {
      all.add(line);
    }
    return JavaFileObjects.forSourceLines(qualifiedName, all);
  }

  /** A source kept under {@code src/test/resources/services}. */
  static JavaFileObject resource(String qualifiedName) {
    return JavaFileObjects.forResource("services/" + qualifiedName.replace('.', '/') + ".java");
  }

  static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
