package dev.fanout.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.fanout.processor.Compilations.compile;
import static dev.fanout.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Interface shapes that a randomized generator of interfaces, and real code, found to make the
 * generated code fail to compile, warn under {@code -Xlint:all}, or go missing. Each compiles
 * without a single warning now, including a concrete subclass that implements only the leaves
 * (so that a fan-out method left abstract fails the test).
 */
class GenerationRegressionTest {

  private static Compilation compileClean(JavaFileObject... sources) {
    Compilation compilation = compile(sources);
    assertThat(compilation).succeededWithoutWarnings();
    return compilation;
  }

  private static String generated(Compilation compilation, String name) throws IOException {
    return compilation.generatedSourceFile(name).orElseThrow().getCharContent(true).toString();
  }

  @Test
  void overloadsWhoseParametersShareANameButNotATypeAreBothGenerated() throws IOException {
    Compilation compilation =
        compileClean(
            source(
                "test.S",
                "import dev.fanout.annotation.FanOut;",
                "import java.util.List;",
                "import java.util.Set;",
                "interface S {",
                "  String name(String id);",
                "  String name(Long id);",
                "  @FanOut(using = \"name\") List<String> names(List<String> ids);",
                "  @FanOut(using = \"name\") List<String> names(Set<Long> ids);",
                "}"),
            source(
                "test.Impl",
                "final class Impl extends SFanOut {",
                "  @Override public String name(String id) { return id; }",
                "  @Override public String name(Long id) { return id.toString(); }",
                "}"));
    String code = generated(compilation, "test.SFanOut");
    assertThat(code).contains("public List<String> names(List<String> ids)");
    assertThat(code).contains("public List<String> names(Set<Long> ids)");
  }

  @Test
  void aVoidMethodWhoseLeafReturnsAValueDiscardsIt() throws IOException {
    Compilation compilation =
        compileClean(
            source(
                "test.Redis",
                "import dev.fanout.annotation.FanOut;",
                "import java.util.List;",
                "interface Redis {",
                "  boolean del(String key);",
                "  @FanOut(using = \"del\") void delAll(List<String> keys);",
                "}"),
            source(
                "test.Impl",
                "final class Impl extends RedisFanOut {",
                "  @Override public boolean del(String key) { return true; }",
                "}"));
    String code = generated(compilation, "test.RedisFanOut");
    assertThat(code).contains("TaskGroup<Void> group =");
    assertThat(code).containsMatch("del\\(key\\);\\s+return null;");
  }

  @Test
  void typesOfTheServicesPackageNamedLikeTypesTheGeneratedCodeUses() {
    compileClean(
        source("test.Thread", "record Thread(java.lang.String name) {}"),
        source("test.Override", "@interface Override {}"),
        source("test.Throwable", "class Throwable {}"),
        source("test.InterruptedException", "class InterruptedException {}"),
        source("test.Objects", "class Objects {}"),
        source("test.TaskGroup", "class TaskGroup {}"),
        source("test.TaskGroupException", "class TaskGroupException {}"),
        source("test.FanOutExceptions", "class FanOutExceptions {}"),
        source(
            "test.S",
            "import dev.fanout.annotation.FanOut;",
            "import java.util.List;",
            "interface S {",
            "  Thread thread(java.lang.String name) throws java.io.IOException;",
            "  @FanOut(using = \"thread\", timeout = \"5s\")",
            "  List<Thread> threads(List<java.lang.String> names) throws java.io.IOException;",
            "}"),
        source(
            "test.Impl",
            "final class Impl extends SFanOut {",
            "  @java.lang.Override public Thread thread(java.lang.String name) {",
            "    return new Thread(name);",
            "  }",
            "}"));
  }

  @Test
  void aMemberTypeNamedLikeARuntimeType() {
    compileClean(
        source(
            "test.S",
            "import dev.fanout.annotation.FanOut;",
            "interface S {",
            "  record Subtask(String id) {}",
            "  record State(String name) {}",
            "  record Profile(String user, String orders) {}",
            "  String user(long id);",
            "  String orders(long id);",
            "  @FanOut Profile profile(long id);",
            "}"));
  }

  @Test
  void parametersNamedLikeTypesAndPackagesTheGeneratedCodeUses() {
    compileClean(
        source(
            "test.S",
            "import dev.fanout.annotation.FanOut;",
            "import java.util.List;",
            "interface S {",
            "  String load(String Objects, String dev, String java, String Thread);",
            "  @FanOut(using = \"load\", timeout = \"1s\")",
            "  List<String> loadAll(List<String> Objects, String dev, String java, String Thread);",
            "}"),
        source(
            "test.Impl",
            "final class Impl extends SFanOut {",
            "  @Override public String load(String a, String b, String c, String d) { return a; }",
            "}"));
  }

  @Test
  void methodsThatDeclareThrowableWithLeavesThatThrowExceptionOrThrowable() throws IOException {
    Compilation compilation =
        compileClean(
            source(
                "test.S",
                "import dev.fanout.annotation.FanOut;",
                "import java.util.List;",
                "interface S {",
                "  String one(String id) throws Exception;",
                "  String any(String id) throws Throwable;",
                "  void drop(String id) throws Throwable;",
                "  @FanOut(using = \"one\") List<String> all(List<String> ids) throws Throwable;",
                "  @FanOut(using = \"any\") List<String> anyOf(List<String> ids) throws Throwable;",
                "  @FanOut(using = \"drop\") void dropAll(List<String> ids) throws Throwable;",
                "}"));
    String code = generated(compilation, "test.SFanOut");
    assertThat(code).contains("throw FanOutExceptions.rethrown(FanOutExceptions.firstFailure(e), e);");
    assertThat(code).contains("group.spawn(FanOutExceptions.callable(() -> any(id)));");
    assertThat(code).doesNotContain("(Throwable)");
  }

  @Test
  void anAutoCloseableServiceWarnsOnlyWhereTheUserWroteIt() {
    // javac warns that close() may throw InterruptedException on every AutoCloseable type whose
    // close() says so: on the user's interface (their choice), never on the generated class.
    Compilation compilation =
        compile(
            source(
                "test.S",
                "import dev.fanout.annotation.FanOut;",
                "import java.util.List;",
                "interface S extends AutoCloseable {",
                "  String one(String id);",
                "  @FanOut(using = \"one\") List<String> all(List<String> ids);",
                "}"));
    assertThat(compilation).succeeded();
    for (javax.tools.Diagnostic<? extends JavaFileObject> warning : compilation.warnings()) {
      assertThat(warning.getSource().getName()).doesNotContain("SFanOut");
    }
    assertThat(compilation.warnings()).hasSize(1);
  }

  @Test
  void deprecatedServicesSignatureTypesAndLeavesForRemoval() {
    compileClean(
        source("test.Old", "@Deprecated record Old(String id) {}"),
        source(
            "test.S",
            "import dev.fanout.annotation.FanOut;",
            "import java.util.List;",
            "@Deprecated",
            "interface S {",
            "  @Deprecated(forRemoval = true) Old one(String id);",
            "  @FanOut(using = \"one\") List<Old> all(List<String> ids);",
            "}"));
  }

  @Test
  void aNestedInterfaceAndATopLevelOneThatWouldGetTheSameNameAreANameClash() {
    Compilation compilation =
        compile(
            source(
                "test.Outer",
                "import dev.fanout.annotation.FanOut;",
                "import java.util.List;",
                "class Outer {",
                "  interface Inner {",
                "    String one(String id);",
                "    @FanOut(using = \"one\") List<String> all(List<String> ids);",
                "  }",
                "}"),
            source(
                "test.Outer_Inner",
                "import dev.fanout.annotation.FanOut;",
                "import java.util.List;",
                "interface Outer_Inner {",
                "  String one(String id);",
                "  @FanOut(using = \"one\") List<String> all(List<String> ids);",
                "}"));
    assertThat(compilation).hadErrorContaining("[FanOut/NameClash]");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void theLeafIsTheOneJavacCallsWithoutBoxingBeforeOneThatNeedsIt() {
    // javac calls one(long) for an int (phase 1, no boxing); were the processor to pick
    // one(Object), the SQLException it throws would be an error here.
    compileClean(
        source(
            "test.S",
            "import dev.fanout.annotation.FanOut;",
            "import java.util.List;",
            "interface S {",
            "  String one(long id) throws java.io.IOException;",
            "  String one(Object id) throws java.sql.SQLException;",
            "  @FanOut(using = \"one\") List<String> all(int[] ids) throws java.io.IOException;",
            "}"));
  }

  @Test
  void aGenericLeafIsChosenWhenJavacWouldAndItsExceptionsAreChecked() {
    Compilation compilation =
        compile(
            source(
                "test.S",
                "import dev.fanout.annotation.FanOut;",
                "import java.util.List;",
                "interface S {",
                "  <T extends CharSequence> String one(T id) throws java.io.IOException;",
                "  String one(Object id);",
                "  @FanOut(using = \"one\") List<String> all(List<String> ids);",
                "}"));
    assertThat(compilation).hadErrorContaining("[FanOut/UndeclaredException]");
    assertThat(compilation).hadErrorContaining("one(T)");
    compileClean(
        source(
            "test.S",
            "import dev.fanout.annotation.FanOut;",
            "import java.util.List;",
            "interface S {",
            "  <T extends CharSequence> String one(T id) throws java.io.IOException;",
            "  String one(Object id);",
            "  @FanOut(using = \"one\")",
            "  List<String> all(List<String> ids) throws java.io.IOException;",
            "}"));
  }

  @Test
  void aVoidMethodWithAConsumerStreamsEachResultAndReturnsNothing() throws IOException {
    Compilation compilation =
        compileClean(
            source(
                "test.Thumbnails",
                "import dev.fanout.annotation.FanOut;",
                "import java.util.List;",
                "import java.util.function.Consumer;",
                "interface Thumbnails {",
                "  record Thumbnail(String id) {}",
                "  Thumbnail fetch(String id);",
                "  @FanOut(using = \"fetch\", concurrency = 4)",
                "  void fetchAll(List<String> ids, Consumer<? super Thumbnail> onThumbnail);",
                "}"),
            source(
                "test.Impl",
                "final class Impl extends ThumbnailsFanOut {",
                "  @Override public Thumbnail fetch(String id) { return new Thumbnail(id); }",
                "}"));
    String code = generated(compilation, "test.ThumbnailsFanOut");
    assertThat(code).contains("TaskGroup<Thumbnails.Thumbnail> group =");
    assertThat(code).contains("onThumbnail.accept(done.get());");
  }

  @Test
  void aMemberTypeNamedSubtaskBesideAConsumer() {
    compileClean(
        source(
            "test.S",
            "import dev.fanout.annotation.FanOut;",
            "interface S {",
            "  record Subtask(java.lang.String name) {}",
            "  int fetch(java.lang.Long x);",
            "  @FanOut(using = \"fetch\")",
            "  java.util.List<java.lang.Integer> all(java.util.Collection<java.lang.Long> ids,",
            "      java.util.function.Consumer<? super java.lang.Integer> onEach);",
            "}"));
  }
}
