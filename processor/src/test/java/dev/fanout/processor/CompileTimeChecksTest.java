package dev.fanout.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Sendable and escape checks, and the generator's checks of names, one source file per rule
 * and direction under {@code src/test/resources/checks}. Each file's header says what the
 * compiler must report:
 *
 * <pre>
 * // options: -Afanout.sendable.strict=true       (optional)
 * // compilers: javac                             (optional; default: javac and ecj)
 * // expect: error [FanOut/NotSendable] ...text   (or "expect: warning ...", or "expect: clean")
 * // on: a fragment of the line it points at
 * </pre>
 *
 * and the test checks that those diagnostics, and no other Fanout diagnostic, appear. Under
 * Eclipse's compiler the sources are compiled from disk (it cannot read in-memory ones), and a
 * diagnostic on a record declaration is matched by text only, since it carries no position there.
 */
class CompileTimeChecksTest {
  private static final Path CHECKS = Path.of("src/test/resources/checks");
  private static final Pattern RECORD_DECLARATION =
      Pattern.compile("((public|protected|private|static|final) )*record \\w.*");

  /** One expected diagnostic. */
  record Expectation(Diagnostic.Kind kind, String text, String line) {}

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    for (String suite : List.of("sendable", "escape", "generation")) {
      try (Stream<Path> files = Files.list(CHECKS.resolve(suite))) {
        for (Path file : files.sorted().collect(Collectors.toList())) {
          for (String compiler : header(file, "compilers", "javac ecj").split("[ ,]+")) {
            cases.add(Arguments.of(suite + "/" + file.getFileName(), compiler));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} under {1}")
  @MethodSource("cases")
  void reportsExactlyWhatItsHeaderExpects(String name, String compilerName) throws IOException {
    Path file = CHECKS.resolve(name);
    List<Expectation> expectations = expectations(file);
    JavaFileObject source = JavaFileObjects.forResource(file.toUri().toURL());
    List<JavaFileObject> sources = new ArrayList<>(List.of(source));
    try (Stream<Path> support = Files.walk(CHECKS.resolve("support"))) {
      for (Path p : support.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
        sources.add(JavaFileObjects.forResource(p.toUri().toURL()));
      }
    }
    List<String> options = new ArrayList<>();
    String extra = header(file, "options", "");
    if (!extra.isBlank()) {
      options.addAll(List.of(extra.strip().split("\\s+")));
    }
    Compilation compilation = compiler(compilerName, options).compile(sources);

    for (Expectation expected : expectations) {
      long line = lineAfterHeader(file, expected.line());
      if (compilerName.equals("ecj") && inRecordHeader(file, line)) {
        // Eclipse's compiler attaches no source position to the diagnostics of a record
        // declaration, of its components or of their fields.
        assertThat(compilation).hadErrorContaining(expected.text());
        continue;
      }
      if (expected.kind() == Diagnostic.Kind.ERROR) {
        assertThat(compilation).hadErrorContaining(expected.text()).inFile(source).onLine(line);
      } else {
        assertThat(compilation).hadWarningContaining(expected.text()).inFile(source).onLine(line);
      }
    }
    List<String> fanOut =
        compilation.diagnostics().stream()
            .filter(d -> d.getKind() == Diagnostic.Kind.ERROR || d.getKind() == Diagnostic.Kind.WARNING)
            .map(d -> d.getMessage(Locale.ROOT))
            .filter(message -> message.contains("[FanOut/"))
            .collect(Collectors.toList());
    assertWithMessage("Fanout diagnostics of %s under %s", name, compilerName)
        .that(fanOut)
        .hasSize(expectations.size());
    if (expectations.isEmpty()) {
      assertThat(compilation).succeeded();
    }
  }

  private static Compiler compiler(String name, List<String> caseOptions) {
    List<String> options = new ArrayList<>(caseOptions);
    Compiler compiler;
    if (name.equals("ecj")) {
      options.addAll(List.of("--release", "17", "-proceedOnError", "-warn:-unusedImport"));
      compiler =
          Compiler.compiler(new QuietCompiler(new EclipseCompiler()))
              .withClasspath(
                  Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                      .map(File::new)
                      .collect(Collectors.toList()));
    } else {
      options.addAll(List.of("-Xlint:all", "-Xlint:-processing"));
      compiler = Compiler.javac();
    }
    return compiler
        .withProcessors(new FanOutProcessor(), new GroupEscapeProcessor())
        .withOptions(options);
  }

  private static List<Expectation> expectations(Path file) {
    List<Expectation> expectations = new ArrayList<>();
    Diagnostic.Kind kind = null;
    String text = null;
    for (String line : headerLines(file)) {
      if (line.startsWith("expect: clean")) {
        continue;
      }
      if (line.startsWith("expect: ")) {
        String rest = line.substring("expect: ".length());
        kind = rest.startsWith("warning ") ? Diagnostic.Kind.WARNING : Diagnostic.Kind.ERROR;
        text = rest.substring(rest.indexOf(' ') + 1);
      } else if (line.startsWith("on: ")) {
        expectations.add(new Expectation(kind, text, line.substring("on: ".length())));
      }
    }
    return expectations;
  }

  /** The 1-based number of the first line below the header that contains {@code fragment}. */
  private static long lineAfterHeader(Path file, String fragment) {
    try {
      List<String> lines = Files.readAllLines(file);
      int header = headerLines(file).size();
      for (int i = header; i < lines.size(); i++) {
        if (lines.get(i).contains(fragment)) {
          return i + 1;
        }
      }
      throw new AssertionError(file + " has no line containing " + fragment);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether the 1-based {@code line} of {@code file} lies in a record's header, from {@code record
   * Name(} to the brace that opens its body.
   */
  private static boolean inRecordHeader(Path file, long line) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (int i = (int) line - 1; i >= 0; i--) {
        String text = lines.get(i).strip();
        if (i < line - 1 && text.contains("{")) {
          return false;
        }
        if (RECORD_DECLARATION.matcher(text).matches()) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String header(Path file, String key, String fallback) {
    for (String line : headerLines(file)) {
      if (line.startsWith(key + ": ")) {
        return line.substring(key.length() + 2);
      }
    }
    return fallback;
  }

  private static List<String> headerLines(Path file) {
    try {
      return Files.readAllLines(file).stream()
          .takeWhile(line -> line.startsWith("//"))
          .map(line -> line.substring(2).strip())
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
