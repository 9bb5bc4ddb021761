package dev.fanout.testing;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.fanout.TaskGroup;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FanoutCompilerTest {
  private static final JavaFileObject THUMBNAILS =
      JavaFileObjects.forSourceLines(
          "shop.ThumbnailService",
          "package shop;",
          "",
          "import dev.fanout.annotation.FanOut;",
          "import java.util.List;",
          "",
          "public interface ThumbnailService {",
          "  String fetch(String id);",
          "",
          "  @FanOut(using = \"fetch\")",
          "  List<String> fetchAll(List<String> ids);",
          "}");

  /** A leaf returning a mutable class: both the method and the field are reported. */
  private static final JavaFileObject COUNTERS =
      JavaFileObjects.forSourceLines(
          "shop.Counters",
          "package shop;",
          "",
          "import dev.fanout.annotation.FanOut;",
          "import java.util.List;",
          "",
          "public interface Counters {",
          "  final class Counter {",
          "    int count;",
          "  }",
          "",
          "  Counter one(String id);",
          "",
          "  @FanOut(using = \"one\")",
          "  List<Counter> all(List<String> ids);",
          "}");

  /** Kept in a field on purpose: a Compiler is a value that serves many compilations. */
  private static final Compiler COMPILER = FanoutCompiler.javac();

  /** An interface nested in the test, to name its generated class from its Class. */
  interface Images {}

  @Test
  void generatesTheFanOutClassWhichCompilesWithoutWarnings() {
    JavaFileObject leaves =
        JavaFileObjects.forSourceLines(
            "shop.HttpThumbnailService",
            "package shop;",
            "",
            "final class HttpThumbnailService extends ThumbnailServiceFanOut {",
            "  @Override",
            "  public String fetch(String id) {",
            "    return \"thumbnail of \" + id;",
            "  }",
            "}");

    Compilation compilation = FanoutCompiler.javac().compile(THUMBNAILS, leaves);

    // Without -Xlint:-processing this would fail on javac's "No processor claimed" warning.
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile(FanoutCompiler.generatedClassName("shop", "ThumbnailService"))
        .contentsAsUtf8String()
        .contains("public abstract class ThumbnailServiceFanOut implements ThumbnailService");
  }

  @Test
  void reportsFanOutDiagnosticsByCodeFileAndLine() {
    Compilation compilation = COMPILER.compile(COUNTERS);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("[FanOut/NotSendable] 'Counters.Counter' (result of all) is not Sendable")
        .inFile(COUNTERS)
        .onLine(14);
    assertThat(compilation)
        .hadErrorContaining("[FanOut/NotSendable] 'count' makes 'Counters.Counter'")
        .inFile(COUNTERS)
        .onLine(8);
  }

  @Test
  void runsTheGroupEscapeChecksInEveryFile() {
    JavaFileObject holder =
        JavaFileObjects.forSourceLines(
            "shop.Holder",
            "package shop;",
            "",
            "import dev.fanout.TaskGroup;",
            "",
            "final class Holder {",
            "  private TaskGroup<String> group;",
            "}");

    Compilation compilation = COMPILER.compile(holder);

    assertThat(compilation)
        .hadErrorContaining("[FanOut/GroupEscapes] field 'group'")
        .inFile(holder)
        .onLine(6);
  }

  @Test
  void addsExtraOptionsToTheStrictOnes() {
    JavaFileObject rawList =
        JavaFileObjects.forSourceLines(
            "shop.Raw",
            "package shop;",
            "",
            "final class Raw {",
            "  @SuppressWarnings(\"unused\")",
            "  private java.util.List list;",
            "}");

    Compilation compilation =
        FanoutCompiler.javac("-Afanout.sendable=warning").compile(COUNTERS, rawList);

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("[FanOut/NotSendable]").inFile(COUNTERS).onLine(14);
    assertThat(compilation).hadWarningContaining("found raw type").inFile(rawList).onLine(5);
  }

  /**
   * A user's test class path holds their build's output: the interface under test and the class
   * the processor generated for it. Compiling the interface again must generate that class again,
   * with a plain compile-testing {@code Compiler} as with {@code FanoutCompiler}.
   */
  @Test
  void regeneratesWhatTheBuildAlreadyPutOnTheClassPath(@TempDir Path buildOutput)
      throws IOException {
    Compilation build = COMPILER.compile(THUMBNAILS);
    assertThat(build).succeededWithoutWarnings();
    for (JavaFileObject file : build.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        // e.g. /CLASS_OUTPUT/shop/ThumbnailServiceFanOut.class
        String path = file.toUri().getPath().replaceFirst("^/CLASS_OUTPUT/", "");
        Path target = buildOutput.resolve(path);
        Files.createDirectories(target.getParent());
        try (InputStream in = file.openInputStream()) {
          Files.copy(in, target);
        }
      }
    }
    assertThat(buildOutput.resolve("shop/ThumbnailServiceFanOut.class").toFile().isFile()).isTrue();
    List<File> classPath = new ArrayList<>();
    classPath.add(buildOutput.toFile());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classPath.add(new File(entry));
    }

    Compilation plain =
        Compiler.javac()
            .withProcessors(FanoutCompiler.processors())
            .withClasspath(classPath)
            .compile(THUMBNAILS);
    Compilation again = COMPILER.withClasspath(classPath).compile(THUMBNAILS);

    assertThat(plain).succeededWithoutWarnings();
    assertThat(plain).generatedSourceFile("shop.ThumbnailServiceFanOut");
    assertThat(again).succeededWithoutWarnings();
    assertThat(again).generatedSourceFile("shop.ThumbnailServiceFanOut");
  }

  @Test
  void runsAlongsideAProcessorOfYourOwn() {
    JavaFileObject usesGeneratedType =
        JavaFileObjects.forSourceLines(
            "shop.Thumbnails",
            "package shop;",
            "",
            "import dev.fanout.annotation.FanOut;",
            "import java.util.List;",
            "",
            "public interface Thumbnails {",
            "  Thumbnail fetch(String id);",
            "",
            "  @FanOut(using = \"fetch\")",
            "  List<Thumbnail> fetchAll(List<String> ids);",
            "}");
    List<Processor> processors = FanoutCompiler.processors();
    processors.add(new ThumbnailRecordProcessor());

    Compilation compilation =
        FanoutCompiler.javac().withProcessors(processors).compile(usesGeneratedType);

    // Thumbnail exists only from the second round on: Fanout waits for it instead of failing.
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("shop.Thumbnail");
    assertThat(compilation).generatedSourceFile("shop.ThumbnailsFanOut");
  }

  /** Another processor, as users have: it generates a type that a @FanOut method returns. */
  private static final class ThumbnailRecordProcessor extends AbstractProcessor {
    private boolean written;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!written) {
        written = true;
        try (Writer writer = processingEnv.getFiler().createSourceFile("shop.Thumbnail").openWriter()) {
          writer.write("package shop;\n\npublic record Thumbnail(String id, String url) {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  @Test
  void namesTheGeneratedClassesAsTheProcessorDoes() {
    JavaFileObject nested =
        JavaFileObjects.forSourceLines(
            "shop.Catalog",
            "package shop;",
            "",
            "import dev.fanout.annotation.FanOut;",
            "import java.util.List;",
            "",
            "public interface Catalog {",
            "  interface Images {",
            "    String fetch(String id);",
            "",
            "    @FanOut(using = \"fetch\")",
            "    List<String> fetchAll(List<String> ids);",
            "  }",
            "}");
    JavaFileObject unnamedPackage =
        JavaFileObjects.forSourceLines(
            "Prices",
            "import dev.fanout.annotation.FanOut;",
            "import java.util.List;",
            "",
            "public interface Prices {",
            "  long price(String sku);",
            "",
            "  @FanOut(using = \"price\")",
            "  List<Long> prices(List<String> skus);",
            "}");

    Compilation compilation = COMPILER.compile(nested, unnamedPackage);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFiles()).hasSize(2);
    assertThat(FanoutCompiler.generatedClassName("shop", "Catalog", "Images"))
        .isEqualTo("shop.Catalog_ImagesFanOut");
    assertThat(compilation)
        .generatedSourceFile(FanoutCompiler.generatedClassName("shop", "Catalog", "Images"));
    assertThat(FanoutCompiler.generatedClassName("", "Prices")).isEqualTo("PricesFanOut");
    assertThat(compilation).generatedSourceFile(FanoutCompiler.generatedClassName("", "Prices"));
  }

  @Test
  void namesTheGeneratedClassOfACompiledInterface() {
    assertThat(FanoutCompiler.generatedClassName(Images.class))
        .isEqualTo("dev.fanout.testing.FanoutCompilerTest_ImagesFanOut");
    assertThat(FanoutCompiler.generatedClassName(Runnable.class))
        .isEqualTo("java.lang.RunnableFanOut");
  }

  @Test
  void refusesNamesForWhatGetsNoGeneratedClass() {
    interface Local {}

    assertThrows(IllegalArgumentException.class, () -> FanoutCompiler.generatedClassName(String.class));
    assertThrows(IllegalArgumentException.class, () -> FanoutCompiler.generatedClassName(Test.class));
    assertThrows(IllegalArgumentException.class, () -> FanoutCompiler.generatedClassName(Local.class));
    assertThrows(
        IllegalArgumentException.class,
        () -> FanoutCompiler.generatedClassName("shop", "Catalog.Images"));
    assertThrows(IllegalArgumentException.class, () -> FanoutCompiler.generatedClassName("shop", ""));
  }

  @Test
  void aCompilerServesManyCompilationsAlsoInParallel() throws InterruptedException {
    // javac initializes a processor instance once: reused instances would fail the second compile.
    assertThat(COMPILER.compile(THUMBNAILS)).succeededWithoutWarnings();
    assertThat(COMPILER.compile(THUMBNAILS)).succeededWithoutWarnings();

    List<Compilation> compilations;
    try (TaskGroup<Compilation> group = TaskGroup.open()) {
      for (int i = 0; i < 4; i++) {
        group.spawn(() -> COMPILER.compile(THUMBNAILS));
      }
      compilations = group.all();
    }
    for (Compilation compilation : compilations) {
      assertThat(compilation).succeededWithoutWarnings();
      assertThat(compilation).generatedSourceFile("shop.ThumbnailServiceFanOut");
    }
  }

  /**
   * {@code hasSourceEquivalentTo} needs the surefire argLine documented in {@link FanoutCompiler}
   * (this module's pom sets exactly that one). The generated file is compared with its own text, so
   * that this test does not pin the generated code's format: the processor's golden files do.
   */
  @Test
  void sourceEquivalenceWorksWithTheDocumentedArgLine() throws IOException {
    Compilation compilation = COMPILER.compile(THUMBNAILS);
    JavaFileObject generated = compilation.generatedSourceFile("shop.ThumbnailServiceFanOut").get();

    assertThat(compilation)
        .generatedSourceFile("shop.ThumbnailServiceFanOut")
        .hasSourceEquivalentTo(
            JavaFileObjects.forSourceString(
                "shop.ThumbnailServiceFanOut", generated.getCharContent(true).toString()));
  }
}
