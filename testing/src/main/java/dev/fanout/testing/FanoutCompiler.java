package dev.fanout.testing;

import com.google.testing.compile.Compiler;
import dev.fanout.processor.FanOutProcessor;
import dev.fanout.processor.GroupEscapeProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Processor;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Google compile-testing, set up to compile your {@code @FanOut} interfaces the way your build
 * does: both of Fanout's processors, and the lint options under which Fanout's own output must be
 * silent.
 *
 * <p>Add {@code dev.fanout:fanout-testing} with {@code <scope>test</scope>}; it brings
 * compile-testing (with its Truth assertions), the processor, the annotations and the runtime the
 * generated code calls. Then, in a JUnit test:
 *
 * <pre>{@code
 * import static com.google.testing.compile.CompilationSubject.assertThat;
 *
 * import com.google.testing.compile.Compilation;
 * import com.google.testing.compile.JavaFileObjects;
 * import dev.fanout.testing.FanoutCompiler;
 * import javax.tools.JavaFileObject;
 * import org.junit.jupiter.api.Test;
 *
 * class ThumbnailServiceCompileTest {
 *   @Test
 *   void generatesTheFanOutClassWithoutWarnings() {
 *     JavaFileObject source =
 *         JavaFileObjects.forSourceLines(
 *             "shop.ThumbnailService",
 *             "package shop;",
 *             "",
 *             "import dev.fanout.annotation.FanOut;",
 *             "import java.util.List;",
 *             "",
 *             "public interface ThumbnailService {",
 *             "  String fetch(String id);",
 *             "",
 *             "  @FanOut(using = \"fetch\")",
 *             "  List<String> fetchAll(List<String> ids);",
 *             "}");
 *
 *     Compilation compilation = FanoutCompiler.javac().compile(source);
 *
 *     assertThat(compilation).succeededWithoutWarnings();
 *     assertThat(compilation).generatedSourceFile("shop.ThumbnailServiceFanOut");
 *   }
 * }
 * }</pre>
 *
 * Diagnostics are asserted by their stable code, file and line: {@code
 * assertThat(compilation).hadErrorContaining("[FanOut/NotSendable]").inFile(source).onLine(14)}.
 * Your real interfaces compile the same way from disk: {@code
 * JavaFileObjects.forResource(Path.of("src/main/java/shop/ThumbnailService.java").toUri().toURL())},
 * with {@link #generatedClassName(Class) generatedClassName(ThumbnailService.class)} naming what
 * the processor generates for it.
 *
 * <p>The {@code Compiler} compiles the sources against the test's class path and runs the
 * processors in the JVM's own javac. That class path holds your build's output, generated classes
 * included: the processor recognizes the {@code <Interface>FanOut} class it generated there in
 * the build and generates it again from the source under test (only a different type of that
 * name is a {@code [FanOut/NameClash]}). It may be kept in a field and used for any number of
 * compilations, also from parallel tests: each compilation gets new processor instances.
 *
 * <p><b>JVM flags.</b> The assertions above need none. compile-testing's {@code
 * hasSourceEquivalentTo} (comparing a generated file with an expected one) parses sources with
 * javac internals that JDK 16+ hides; a library cannot open them, so add to the test JVM, for
 * Maven's surefire:
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>org.apache.maven.plugins</groupId>
 *   <artifactId>maven-surefire-plugin</artifactId>
 *   <configuration>
 *     <argLine>
 *       --add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED
 *       --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
 *       --add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED
 *       --add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED
 *       --add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED
 *     </argLine>
 *   </configuration>
 * </plugin>
 * }</pre>
 *
 * Without them {@code hasSourceEquivalentTo} fails with {@code IllegalAccessError: class
 * com.google.testing.compile.Parser ... cannot access class com.sun.tools.javac.util.Context}. If
 * another plugin also sets {@code argLine} (JaCoCo's agent does), begin it with {@code @{argLine}}.
 */
public final class FanoutCompiler {
  /**
   * {@code -Xlint:all} so that any warning in the generated code fails {@code
   * succeededWithoutWarnings()}; minus {@code processing}, which only says "No processor claimed
   * any of these annotations": Fanout's processors leave annotations unclaimed on purpose, so that
   * other processors see them too. It says nothing about the code.
   */
  private static final List<String> STRICT_OPTIONS = List.of("-Xlint:all", "-Xlint:-processing");

  private FanoutCompiler() {}

  /**
   * A javac {@code Compiler} that runs Fanout's {@link #processors() processors} with {@code
   * -Xlint:all -Xlint:-processing}, then {@code extraOptions}.
   *
   * <p>Pass options here rather than through {@code Compiler.withOptions}, which replaces the
   * options instead of adding to them. For example {@code
   * FanoutCompiler.javac("-Afanout.sendable.strict=true")} or {@code
   * javac("-Afanout.sendable=warning")} (see "Compile-time safety" in Fanout's README).
   *
   * @param extraOptions javac options added after the strict ones; none for the default
   * @return a new {@code Compiler}; reusable for any number of compilations
   * @throws NullPointerException if {@code extraOptions} or one of them is null
   * @throws IllegalStateException if this JVM has no Java compiler (a JRE rather than a JDK)
   */
  public static Compiler javac(String... extraOptions) {
    List<String> options = new ArrayList<>(STRICT_OPTIONS);
    for (String option : extraOptions) {
      options.add(Objects.requireNonNull(option, "extraOptions contains null"));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException(
          "No system Java compiler: run the tests on a JDK (with the jdk.compiler module)");
    }
    return Compiler.compiler(javac)
        .withProcessors(processors())
        .withOptions(options);
  }

  /**
   * Fanout's two processors: {@code FanOutProcessor}, which generates {@code <Interface>FanOut}
   * classes and checks {@code @FanOut} methods, and {@code GroupEscapeProcessor}, which keeps every
   * {@code TaskGroup} inside its try block in every file. For running a processor of your own
   * alongside them ({@code withProcessors} replaces the list, and keeps the options):
   *
   * <pre>{@code
   * List<Processor> processors = FanoutCompiler.processors();
   * processors.add(new MyProcessor());
   * Compilation compilation = FanoutCompiler.javac().withProcessors(processors).compile(source);
   * }</pre>
   *
   * <p>Unlike the processor classes themselves, these may serve any number of compilations: each
   * compilation gets new instances.
   *
   * @return a new modifiable list of the two processors, in that order
   */
  public static List<Processor> processors() {
    List<Processor> processors = new ArrayList<>(2);
    processors.add(new FreshProcessor(FanOutProcessor::new));
    processors.add(new FreshProcessor(GroupEscapeProcessor::new));
    return processors;
  }

  /**
   * The qualified name of the class the processor generates for an interface, for {@code
   * assertThat(compilation).generatedSourceFile(name)}: {@code ("shop", "ThumbnailService")} gives
   * {@code "shop.ThumbnailServiceFanOut"}; a nested interface {@code ("shop", "Catalog",
   * "Images")} (that is, {@code shop.Catalog.Images}) gives {@code "shop.Catalog_ImagesFanOut"},
   * a top-level class in the same package.
   *
   * @param packageName the interface's package; {@code ""} for the unnamed package
   * @param topLevelType the simple name of the interface, or of the top-level type it is nested in
   * @param nestedTypes the simple names of the nested types down to the interface, outermost first
   * @return the generated class's qualified name
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a type name is empty or not a simple name
   */
  public static String generatedClassName(
      String packageName, String topLevelType, String... nestedTypes) {
    Objects.requireNonNull(packageName, "packageName");
    List<String> names = new ArrayList<>();
    names.add(simpleName(topLevelType));
    for (String nested : nestedTypes) {
      names.add(simpleName(nested));
    }
    String name = FanOutProcessor.generatedSimpleName(names);
    return packageName.isEmpty() ? name : packageName + "." + name;
  }

  /**
   * The qualified name of the class the processor generates for a compiled interface, as {@link
   * #generatedClassName(String, String, String...)}: {@code ThumbnailService.class} in package
   * {@code shop} gives {@code "shop.ThumbnailServiceFanOut"}.
   *
   * @param service the annotated interface
   * @return the generated class's qualified name
   * @throws NullPointerException if {@code service} is null
   * @throws IllegalArgumentException if {@code service} is not an interface, is an annotation, or
   *     is declared inside a method (javac hides such interfaces from processors: nothing is
   *     generated for them)
   */
  public static String generatedClassName(Class<?> service) {
    Objects.requireNonNull(service, "service");
    if (!service.isInterface() || service.isAnnotation()) {
      throw new IllegalArgumentException(
          service.getName() + " is not an interface: only interfaces get a generated FanOut class");
    }
    List<String> names = new ArrayList<>();
    for (Class<?> type = service; type != null; type = type.getEnclosingClass()) {
      if (type.isLocalClass() || type.isAnonymousClass()) {
        throw new IllegalArgumentException(
            service.getName()
                + " is declared inside a method; javac hides such types from annotation"
                + " processors, so nothing is generated for it");
      }
      names.add(0, type.getSimpleName());
    }
    return generatedClassName(
        service.getPackageName(),
        names.get(0),
        names.subList(1, names.size()).toArray(new String[0]));
  }

  private static String simpleName(String name) {
    Objects.requireNonNull(name, "type name");
    if (name.isEmpty() || name.contains(".")) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a simple type name; give the package and each enclosing type"
              + " separately");
    }
    return name;
  }
}
