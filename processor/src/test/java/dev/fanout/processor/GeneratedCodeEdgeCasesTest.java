package dev.fanout.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.fanout.processor.Compilations.compile;
import static dev.fanout.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Interfaces real users write that once made the generated code fail to compile or warn under
 * {@code -Xlint:all}: each must now compile without a single warning.
 */
class GeneratedCodeEdgeCasesTest {

  private static Compilation compileClean(String... lines) {
    List<String> all = new ArrayList<>(List.of("import dev.fanout.annotation.*;", "import java.util.*;"));
    all.addAll(List.of(lines));
    Compilation compilation = compile(source("test.S", all.toArray(new String[0])));
    assertThat(compilation).succeededWithoutWarnings();
    return compilation;
  }

  private static String generated(Compilation compilation, String name) throws IOException {
    return compilation.generatedSourceFile(name).orElseThrow().getCharContent(true).toString();
  }

  @Test
  void parametersNamedLikeTheGeneratedLocals() throws IOException {
    Compilation compilation =
        compileClean(
            "interface S {",
            "  String member(Long id, String group, String e, String failure, String done);",
            "  @FanOut(using = \"member\")",
            "  List<String> members(List<Long> ids, String group, String e, String failure,",
            "      String done, java.util.function.Consumer<String> each);",
            "}");
    String code = generated(compilation, "test.SFanOut");
    assertThat(code).contains("group2.spawn(() -> member(id, group, e, failure, done))");
  }

  @Test
  void aCollectionWithASuperBoundedWildcard() {
    compileClean(
        "interface S {",
        "  String load(Object key);",
        "  @FanOut(using = \"load\") List<String> loadAll(Collection<? super Long> keys);",
        "}");
  }

  @Test
  void aMethodInheritedAlongTwoPaths() {
    compileClean(
        "class S {",
        "  interface A { String fetch(String id); }",
        "  interface B { String fetch(String id); }",
        "  interface C extends A, B {",
        "    @FanOut(using = \"fetch\") List<String> all(List<String> ids);",
        "  }",
        "}");
  }

  @Test
  void theSameFanOutMethodInheritedFromTwoInterfaces() {
    compileClean(
        "class S {",
        "  interface A {",
        "    String fetch(String id);",
        "    @FanOut(using = \"fetch\") List<String> all(List<String> ids);",
        "  }",
        "  interface B extends A {}",
        "  interface C extends A {}",
        "  interface D extends B, C {}",
        "}");
  }

  @Test
  void aNestedTypeThatShadowsAnImport() {
    compileClean(
        "interface S {",
        "  record Duration(long minutes) {}",
        "  record Objects(String name) {}",
        "  Duration slot(String id);",
        "  @FanOut(timeout = \"5s\", using = \"slot\") List<Duration> slots(List<String> ids);",
        "}");
  }

  @Test
  void aSealedInterfaceThatPermitsTheGeneratedClass() throws IOException {
    Compilation compilation =
        compileClean(
            "sealed interface S permits SFanOut {",
            "  String one(String id);",
            "  @FanOut(using = \"one\") List<String> all(List<String> ids);",
            "}");
    assertThat(generated(compilation, "test.SFanOut")).containsMatch("(abstract non-sealed|non-sealed abstract) class SFanOut");
  }

  @Test
  void deprecatedMethodsAndGenericVarargs() {
    compileClean(
        "interface S<T extends Comparable<T>> {",
        "  @Deprecated String old(String id);",
        "  @Deprecated @FanOut(using = \"old\") List<String> olds(List<String> ids);",
        "  String name(T value);",
        "  @SuppressWarnings(\"unchecked\") // the interface's own declaration; the override is clean",
        "  @FanOut(using = \"name\") List<String> names(T... values);",
        "}");
  }

  @Test
  void theMostSpecificOverloadIsChosenAsJavaWould() throws IOException {
    compileClean(
        "interface S {",
        "  String f(CharSequence id);",
        "  String f(Object id);",
        "  @FanOut(using = \"f\") List<String> all(List<String> ids);",
        "}");
  }

  @Test
  void aPublicGeneratedClassHasAnExplicitConstructor() throws IOException {
    Compilation compilation =
        compileClean(
            "public interface S {",
            "  String one(String id);",
            "  @FanOut(using = \"one\") List<String> all(List<String> ids);",
            "}");
    assertThat(generated(compilation, "test.SFanOut")).contains("protected SFanOut() {");
  }

  @Test
  void aMapResultFetchesEachDistinctElementOnce() throws IOException {
    Compilation compilation =
        compileClean(
            "interface S {",
            "  String price(String sku);",
            "  @FanOut(using = \"price\") Map<String, String> prices(List<String> skus);",
            "}");
    assertThat(generated(compilation, "test.SFanOut")).contains("if (seen.add(sku))");
  }
}
