package dev.fanout.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.fanout.processor.Compilations.compile;
import static dev.fanout.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per diagnostic: the code, the file and line the user must change, and the fix the
 * message proposes.
 */
class DiagnosticsTest {
  private static final String[] IMPORTS = {
    "import dev.fanout.annotation.*;",
    "import java.io.IOException;",
    "import java.util.*;",
    "import java.util.function.Consumer;",
  };

  /** Compiles {@code test.S} from {@code lines} (after the imports) and expects exactly one error. */
  private static String expectError(String code, String line, String... lines) {
    List<String> all = new ArrayList<>(List.of(IMPORTS));
    all.addAll(List.of(lines));
    JavaFileObject source = source("test.S", all.toArray(new String[0]));
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorContaining("[FanOut/" + code + "]").inFile(source).onLineContaining(line);
    assertThat(compilation).hadErrorCount(1);
    return compilation.errors().get(0).getMessage(null);
  }

  @Test
  void fanOutOnAClassMethod() {
    String message =
        expectError(
            "NotInInterface",
            "List<String> all(",
            "abstract class S {",
            "  abstract String one(String id);",
            "  @FanOut(using = \"one\") abstract List<String> all(List<String> ids);",
            "}");
    assertThat(message).contains("Move it to an interface");
  }

  @Test
  void fanOutOnADefaultMethod() {
    String message =
        expectError(
            "NotAbstract",
            "List<String> all(",
            "interface S {",
            "  String one(String id);",
            "  @FanOut(using = \"one\") default List<String> all(List<String> ids) { return ids; }",
            "}");
    assertThat(message).contains("all(List<String>) is a default method");
  }

  @Test
  void fanOutOnAStaticMethod() {
    expectError(
        "NotAbstract",
        "static List<String>",
        "interface S {",
        "  @FanOut static List<String> all(List<String> ids) { return ids; }",
        "}");
  }

  @Test
  void fanOutOnAClassIsRejectedByTheCompilerItself() {
    JavaFileObject source =
        source("test.S", "import dev.fanout.annotation.FanOut;", "@FanOut interface S {}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorContaining("not applicable").inFile(source).onLine(4);
    assertThat(compilation).hadErrorCount(1); // and no processor crash on top
  }

  @Test
  void fanOutOnAFieldIsRejectedByTheCompilerAlone() {
    JavaFileObject source =
        source(
            "test.S",
            "import dev.fanout.annotation.FanOut;",
            "interface S { @FanOut String NAME = \"x\"; }");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorContaining("not applicable");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aSealedInterfaceThatDoesNotPermitTheGeneratedClass() {
    String message =
        expectError(
            "SealedInterface",
            "sealed interface S",
            "sealed interface S permits Impl {",
            "  String one(String id);",
            "  @FanOut(using = \"one\") List<String> all(List<String> ids);",
            "}",
            "final class Impl implements S {",
            "  public String one(String id) { return id; }",
            "  public List<String> all(List<String> ids) { return ids; }",
            "}");
    assertThat(message).contains("Add SFanOut to its permits clause");
  }

  @Test
  void aPrimitiveLeafThatWouldNeedWidening() {
    String message =
        expectError(
            "LeafReturnType",
            "long size(",
            "interface S {",
            "  int size(String id);",
            "  @FanOut(strategy = Strategy.RACE) long size(List<String> ids);",
            "}");
    assertThat(message).contains("returns int");
  }

  @Test
  void aRecordWithoutComponents() {
    expectError(
        "NothingToFanOut",
        "Ack ping(",
        "interface S {",
        "  record Ack() {}",
        "  @FanOut Ack ping(long id);",
        "}");
  }

  @Test
  void aPrivateNestedInterface() {
    String message =
        expectError(
            "InaccessibleInterface",
            "private interface Inner",
            "class S {",
            "  private interface Inner {",
            "    String one(String id);",
            "    @FanOut(using = \"one\") List<String> all(List<String> ids);",
            "  }",
            "}");
    assertThat(message).contains("'S.Inner' is private");
  }

  @Test
  void aGenericFanOutMethod() {
    expectError(
        "GenericMethod",
        "<T> List<T> all",
        "interface S {",
        "  <T> T one(T id);",
        "  @FanOut(using = \"one\") <T> List<T> all(List<T> ids);",
        "}");
  }

  @Test
  void aNegativeConcurrencyIsReportedOnTheValue() {
    String message =
        expectError(
            "NegativeConcurrency",
            "concurrency = -1",
            "interface S {",
            "  String one(String id);",
            "  @FanOut(",
            "      using = \"one\",",
            "      concurrency = -1)",
            "  List<String> all(List<String> ids);",
            "}");
    assertThat(message).contains("or 0 for unbounded");
  }

  @Test
  void anUnparsableTimeoutIsReportedOnTheValue() {
    String message =
        expectError(
            "BadTimeout",
            "timeout = \"soon\"",
            "interface S {",
            "  String one(String id);",
            "  @FanOut(",
            "      timeout = \"soon\",",
            "      using = \"one\")",
            "  List<String> all(List<String> ids);",
            "}");
    assertThat(message).contains("\"250ms\", \"5s\"");
  }

  @Test
  void aZeroTimeoutIsNotADuration() {
    expectError(
        "BadTimeout",
        "timeout = \"0s\"",
        "interface S {",
        "  String one(String id);",
        "  @FanOut(timeout = \"0s\", using = \"one\") List<String> all(List<String> ids);",
        "}");
  }

  @Test
  void severalParametersMarkedEach() {
    expectError(
        "SeveralEach",
        "List<String> all(",
        "interface S {",
        "  String one(String a, String b);",
        "  @FanOut(using = \"one\") List<String> all(@Each List<String> a, @Each List<String> b);",
        "}");
  }

  @Test
  void eachOnSomethingThatIsNotACollection() {
    String message =
        expectError(
            "EachNotCollection",
            "@Each String id",
            "interface S {",
            "  String one(String id);",
            "  @FanOut(using = \"one\")",
            "  List<String> all(",
            "      @Each String id);",
            "}");
    assertThat(message).contains("Put @Each on the collection or array");
  }

  @Test
  void severalCollectionsWithoutEach() {
    String message =
        expectError(
            "AmbiguousFanOutParameter",
            "List<String> all(",
            "interface S {",
            "  String one(String id, List<String> tags);",
            "  @FanOut(using = \"one\") List<String> all(List<String> ids, List<String> tags);",
            "}");
    assertThat(message).contains("Mark the one to fan out over with @Each");
  }

  @Test
  void severalLeavesOverElements() {
    expectError(
        "SeveralLeavesOverElements",
        "using = {\"a\", \"b\"}",
        "interface S {",
        "  String a(String id);",
        "  String b(String id);",
        "  @FanOut(",
        "      using = {\"a\", \"b\"})",
        "  List<String> all(@Each List<String> ids);",
        "}");
  }

  @Test
  void nothingToFanOutOver() {
    String message =
        expectError(
            "NothingToFanOut",
            "String get(",
            "interface S {",
            "  @FanOut String get(String id);",
            "}");
    assertThat(message).contains("return a record (one child per component)");
  }

  @Test
  void aResultShapeAllCannotProduce() {
    String message =
        expectError(
            "UnsupportedResult",
            "String all(",
            "interface S {",
            "  String one(String id);",
            "  @FanOut(using = \"one\") String all(List<String> ids);",
            "}");
    assertThat(message).contains("Return List<R> or Set<R>");
  }

  @Test
  void aMapWhoseKeysAreNotTheElements() {
    String message =
        expectError(
            "UnsupportedResult",
            "Map<Integer, String> all(",
            "interface S {",
            "  String one(String id);",
            "  @FanOut(using = \"one\") Map<Integer, String> all(List<String> ids);",
            "}");
    assertThat(message).contains("declare Map<String, ...>");
  }

  @Test
  void raceOnVoid() {
    expectError(
        "NeedsResult",
        "strategy = Strategy.RACE",
        "interface S {",
        "  void one(String id);",
        "  @FanOut(",
        "      strategy = Strategy.RACE,",
        "      using = \"one\")",
        "  void all(List<String> ids);",
        "}");
  }

  @Test
  void anyOverRecordComponents() {
    expectError(
        "RecordNeedsAll",
        "strategy = Strategy.ANY",
        "interface S {",
        "  record Both(String a, String b) {}",
        "  String a(long id);",
        "  String b(long id);",
        "  @FanOut(",
        "      strategy = Strategy.ANY)",
        "  Both both(long id);",
        "}");
  }

  @Test
  void aConsumerWithRace() {
    String message =
        expectError(
            "ConsumerNeedsAll",
            "Consumer<String> each",
            "interface S {",
            "  String one(String id);",
            "  @FanOut(strategy = Strategy.RACE, using = \"one\")",
            "  String first(List<String> ids,",
            "      Consumer<String> each);",
            "}");
    assertThat(message).contains("Use strategy = ALL, or remove the Consumer");
  }

  @Test
  void aConsumerOfTheWrongType() {
    String message =
        expectError(
            "ConsumerType",
            "Consumer<Integer> each",
            "interface S {",
            "  String one(String id);",
            "  @FanOut(using = \"one\")",
            "  List<String> all(List<String> ids,",
            "      Consumer<Integer> each);",
            "}");
    assertThat(message).contains("Declare it as Consumer<? super String>");
  }

  @Test
  void severalConsumers() {
    expectError(
        "SeveralConsumers",
        "List<String> all(",
        "interface S {",
        "  String one(String id);",
        "  @FanOut(using = \"one\") List<String> all(List<String> ids, Consumer<String> a, Consumer<String> b);",
        "}");
  }

  @Test
  void aMissingLeaf() {
    String message =
        expectError(
            "NoLeaf",
            "List<String> fetch(",
            "interface S {",
            "  @FanOut List<String> fetch(List<String> ids);",
            "}");
    assertThat(message).contains("needs a leaf method fetch(String)");
    assertThat(message).contains("the interface has no method named 'fetch'");
  }

  @Test
  void aMisspelledLeafGetsTheNearNameSuggested() {
    String message =
        expectError(
            "NoLeaf",
            "using = \"fetchUsr\"",
            "interface S {",
            "  String fetchUser(String id);",
            "  @FanOut(using = \"fetchUsr\") List<String> all(List<String> ids);",
            "}");
    assertThat(message).contains("did you mean 'fetchUser'?");
  }

  @Test
  void aGenericLeafWhoseResultDependsOnItsTypeParameter() {
    expectError(
        "GenericLeaf",
        "using = \"echo\"",
        "interface S {",
        "  <T> T echo(T value);",
        "  @FanOut(using = \"echo\") List<String> all(List<String> ids);",
        "}");
  }

  @Test
  void aLeafWithTheWrongParametersListsTheCandidatesTried() {
    String message =
        expectError(
            "NoLeaf",
            "using = \"one\"",
            "interface S {",
            "  String one(int id);",
            "  String one(String id, String extra);",
            "  @FanOut(",
            "      using = \"one\")",
            "  List<String> all(List<String> ids);",
            "}");
    assertThat(message).contains("none of the candidates tried fits: one(int), one(String, String)");
  }

  @Test
  void anAmbiguousLeaf() {
    String message =
        expectError(
            "AmbiguousLeaf",
            "List<String> all(",
            "interface S {",
            "  String one(CharSequence id);",
            "  String one(Comparable<String> id);",
            "  @FanOut(using = \"one\") List<String> all(List<String> ids);",
            "}");
    assertThat(message).contains("one(CharSequence) and one(Comparable<String>)");
  }

  @Test
  void aLeafWhoseResultDoesNotFit() {
    String message =
        expectError(
            "LeafReturnType",
            "List<String> all(",
            "interface S {",
            "  int one(String id);",
            "  @FanOut(using = \"one\") List<String> all(List<String> ids);",
            "}");
    assertThat(message).contains("leaf one(String) returns int");
  }

  @Test
  void aRecordComponentWhoseLeafDoesNotFit() {
    String message =
        expectError(
            "LeafReturnType",
            "Both both(",
            "interface S {",
            "  record Both(String a, long b) {}",
            "  String a(long id);",
            "  String b(long id);",
            "  @FanOut Both both(long id);",
            "}");
    assertThat(message).contains("for component 'b'");
  }

  @Test
  void aLeafExceptionTheFanOutMethodDoesNotDeclare() {
    String message =
        expectError(
            "UndeclaredException",
            "List<String> all(",
            "interface S {",
            "  String one(String id) throws IOException;",
            "  @FanOut(using = \"one\") List<String> all(List<String> ids);",
            "}");
    assertThat(message).contains("Add 'throws IOException' to all");
  }

  @Test
  void aThrownTypeVariable() {
    expectError(
        "GenericThrows",
        "List<String> all(",
        "interface S<X extends Exception> {",
        "  String one(String id) throws X;",
        "  @FanOut(using = \"one\") List<String> all(List<String> ids) throws X;",
        "}");
  }

  @Test
  void aGeneratedNameThatIsAlreadyTaken() {
    JavaFileObject service =
        source(
            "test.S",
            "import dev.fanout.annotation.FanOut;",
            "import java.util.List;",
            "public interface S {",
            "  String one(String id);",
            "  @FanOut(using = \"one\") List<String> all(List<String> ids);",
            "}");
    JavaFileObject clash = source("test.SFanOut", "class SFanOut {}");
    Compilation compilation = compile(service, clash);
    assertThat(compilation).hadErrorContaining("[FanOut/NameClash]").inFile(service).onLineContaining("interface S");
  }

  @Test
  void aGeneratedNameThatIsAlreadyTakenInANamedModule(@TempDir Path dir) throws IOException {
    // The existence check looks in the service's own module, here a named one. Compiled from
    // disk: compile-testing's in-memory files cannot make up a module.
    Files.writeString(
        dir.resolve("module-info.java"),
        "module test.app { requires static dev.fanout.annotation; requires dev.fanout; }");
    Path pkg = Files.createDirectories(dir.resolve("test"));
    Path service = pkg.resolve("S.java");
    Files.writeString(
        service,
        String.join(
            "\n",
            "package test;",
            "import dev.fanout.annotation.FanOut;",
            "import java.util.List;",
            "public interface S {",
            "  String one(String id);",
            "  @FanOut(using = \"one\") List<String> all(List<String> ids);",
            "}"));
    Path clash = pkg.resolve("SFanOut.java");
    Files.writeString(clash, "package test;\nclass SFanOut {}\n");

    List<Diagnostic<? extends JavaFileObject>> withClash =
        compileModule(dir, dir.resolve("module-info.java"), service, clash);
    assertThat(withClash).hasSize(1);
    assertThat(withClash.get(0).getKind()).isEqualTo(Diagnostic.Kind.ERROR);
    assertThat(withClash.get(0).getMessage(null))
        .startsWith("[FanOut/NameClash] Fanout generates class SFanOut for 'S'");
    assertThat(withClash.get(0).getLineNumber()).isEqualTo(4L);

    Files.delete(clash);
    assertThat(compileModule(dir, dir.resolve("module-info.java"), service)).isEmpty();
    assertThat(Files.exists(dir.resolve("generated/test/SFanOut.java"))).isTrue();
  }

  @Test
  void generatedCodeWithoutGeneratedAnnotationIsStillNotCheckedAsUserCode(@TempDir Path dir)
      throws IOException {
    // A named module that does not read java.compiler: the generated class has no @Generated,
    // and the escape check must still know it as ours. Its spawn of a non-Sendable result would
    // otherwise draw a second warning, inside the generated file.
    Files.writeString(
        dir.resolve("module-info.java"),
        "module test.app { requires static dev.fanout.annotation; requires dev.fanout; }");
    Path pkg = Files.createDirectories(dir.resolve("test"));
    Path service = pkg.resolve("S.java");
    Files.writeString(
        service,
        String.join(
            "\n",
            "package test;",
            "import dev.fanout.annotation.FanOut;",
            "import java.util.Date;",
            "import java.util.List;",
            "public interface S {",
            "  Date one(String id);",
            "  @FanOut(using = \"one\") List<Date> all(List<String> ids);",
            "}"));
    List<Diagnostic<? extends JavaFileObject>> diagnostics =
        compileModule(
            dir, List.of("-Afanout.sendable=warning"), dir.resolve("module-info.java"), service);
    Path generated = dir.resolve("generated/test/SFanOut.java");
    assertThat(Files.readString(generated)).doesNotContain("@Generated");
    assertThat(diagnostics).hasSize(1);
    assertThat(diagnostics.get(0).getKind()).isEqualTo(Diagnostic.Kind.WARNING);
    assertThat(diagnostics.get(0).getMessage(null)).startsWith("[FanOut/NotSendable]");
    assertThat(diagnostics.get(0).getSource().getName()).endsWith("S.java");
    assertThat(diagnostics.get(0).getLineNumber()).isEqualTo(7L);
  }

  private static List<Diagnostic<? extends JavaFileObject>> compileModule(Path dir, Path... sources)
      throws IOException {
    return compileModule(dir, List.of(), sources);
  }

  /**
   * Compiles {@code sources} of a named module, with the runtime and annotations as modules and
   * both of Fanout's processors.
   */
  private static List<Diagnostic<? extends JavaFileObject>> compileModule(
      Path dir, List<String> options, Path... sources) throws IOException {
    String modulePath =
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(
                entry ->
                    entry.matches(".*fanout-(annotations|runtime)-[^/]*\\.jar")
                        || entry.matches(".*/(annotations|runtime)/target/classes/?"))
            .collect(Collectors.joining(File.pathSeparator));
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path generated = Files.createDirectories(dir.resolve("generated"));
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, null)) {
      JavaCompiler.CompilationTask task =
          compiler.getTask(
              null,
              files,
              diagnostics,
              Stream.concat(
                      Stream.of(
                          "--module-path", modulePath, "-d", classes.toString(), "-s", generated.toString()),
                      options.stream())
                  .collect(Collectors.toList()),
              null,
              files.getJavaFileObjects(sources));
      task.setProcessors(List.of(new FanOutProcessor(), new GroupEscapeProcessor()));
      task.call();
    }
    return diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR || d.getKind() == Diagnostic.Kind.WARNING)
        .collect(Collectors.toList());
  }

  @Test
  void noDiagnosticIsPrintedTwiceForAnInheritedMethod() {
    JavaFileObject source =
        source(
            "test.S",
            "import dev.fanout.annotation.FanOut;",
            "import java.util.List;",
            "interface S {",
            "  @FanOut List<String> fetch(List<String> ids);",
            "  interface Sub extends S {}",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorContaining("[FanOut/NoLeaf]");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void everyInvalidMethodIsReportedInOneBuildAndNoClassIsGenerated() {
    // The second method's error does not hide the third's, and the valid first method does not get
    // a class generated on its own: an interface is generated whole or not at all.
    JavaFileObject source =
        serviceSource(
            "  @FanOut(using = \"one\") String notAList(List<String> ids);",
            "  @FanOut(",
            "      using = \"onw\")",
            "  List<String> misspelt(List<String> ids);");
    List<String> created = new ArrayList<>();
    Compilation compilation =
        javac()
            .withProcessors(recordingSourcesCreated(created))
            .withOptions("-Xlint:all", "-Xlint:-processing")
            .compile(source);
    assertThat(compilation)
        .hadErrorContaining("[FanOut/UnsupportedResult]")
        .inFile(source)
        .onLineContaining("String notAList(");
    assertThat(compilation)
        .hadErrorContaining("[FanOut/NoLeaf]")
        .inFile(source)
        .onLineContaining("using = \"onw\"");
    assertThat(compilation).hadErrorCount(2);
    assertThat(created).isEmpty();

    List<String> createdForValid = new ArrayList<>(); // the same interface, less its invalid methods
    assertThat(javac().withProcessors(recordingSourcesCreated(createdForValid)).compile(serviceSource()))
        .succeeded();
    assertThat(createdForValid).containsExactly("test.SFanOut");
  }

  /** {@code test.S} with a leaf, a valid {@code @FanOut} method and then {@code methods}. */
  private static JavaFileObject serviceSource(String... methods) {
    List<String> all = new ArrayList<>(List.of(IMPORTS));
    all.add("interface S {");
    all.add("  String one(String id);");
    all.add("  @FanOut(using = \"one\") List<String> valid(List<String> ids);");
    all.addAll(List.of(methods));
    all.add("}");
    return source("test.S", all.toArray(new String[0]));
  }

  /**
   * FanOutProcessor with a Filer that records the names of the source files it creates:
   * compile-testing shows no generated file of a failed compilation.
   */
  private static Processor recordingSourcesCreated(List<String> names) {
    return new ChangedEnvironment(
        new FanOutProcessor(),
        env ->
            ChangedEnvironment.replacing(
                env,
                "getFiler",
                ChangedEnvironment.forwarding(
                    Filer.class,
                    env.getFiler(),
                    null,
                    null,
                    (method, args) -> {
                      if (method.getName().equals("createSourceFile")) {
                        names.add(args[0].toString());
                      }
                    })));
  }

  @Test
  void errorsAreErrorsNotWarnings() {
    JavaFileObject source =
        source("test.S", "import dev.fanout.annotation.FanOut;", "interface S { @FanOut String get(String id); }");
    Compilation compilation = compile(source);
    assertThat(compilation.diagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).count())
        .isEqualTo(1);
  }
}
