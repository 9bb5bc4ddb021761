package dev.fanout.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@link SendableAnalysis} on its own, where the corpus under {@code checks/sendable} cannot look:
 * verdicts computed in either order, keys of same-named type variables, a dense cycle, and one
 * analysis per compilation.
 */
class SendableAnalysisTest {
  private static final JavaFileObject ORDERS =
      JavaFileObjects.forSourceLines(
          "test.Orders",
          "package test;",
          "import java.util.*;",
          "record Order(Customer customer, ArrayList<String> lines) {}",
          "record Customer(String name, Order lastOrder) {}",
          "record Leaf(String name) {}",
          "record Tree(Leaf leaf, List<Tree> children) {}");

  @Test
  void decidesACycleTheSameWhicheverMemberIsCheckedFirst() {
    List<String> orderFirst = reasons("test.Order", "test.Customer");
    List<String> customerFirst = reasons("test.Customer", "test.Order");

    assertThat(orderFirst.get(0)).contains("component 'lines' of 'Order'");
    assertThat(orderFirst.get(1)).contains("(reached through Customer.lastOrder)");
    assertThat(customerFirst).containsExactly(orderFirst.get(1), orderFirst.get(0)).inOrder();
  }

  @Test
  void acceptsACycleWithNothingMutableInIt() {
    assertThat(reasons("test.Tree", "test.Leaf")).containsExactly("Sendable", "Sendable");
  }

  @Test
  void tellsTypeVariablesOfTheSameNameApart() {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "test.Repos",
            "package test;",
            "import java.util.*;",
            "record Money(long cents) {}",
            "interface Open<T> { List<T> page(); }",
            "interface Priced<T extends Money> { List<T> page(); }");
    List<Object> keys = new ArrayList<>();
    List<String> verdicts = new ArrayList<>();
    run(
        source,
        (env, round) -> {
          SendableAnalysis analysis = new SendableChecks(env).analysis();
          for (String name : List.of("test.Open", "test.Priced")) {
            ExecutableElement page =
                ElementFilter.methodsIn(
                        env.getElementUtils().getTypeElement(name).getEnclosedElements())
                    .get(0);
            keys.add(SendableAnalysis.identity(page.getReturnType()));
            verdicts.add(analysis.check(page.getReturnType()).sendable() ? "Sendable" : "not");
          }
        });

    assertThat(keys.get(0)).isNotEqualTo(keys.get(1));
    assertThat(verdicts).containsExactly("not", "Sendable").inOrder();
  }

  @Test
  void decidesADenseCycleInLinearTime() {
    // 40 records, each holding every other one: a search that tried every path would not end.
    int size = 40;
    List<String> lines = new ArrayList<>(List.of("package test;", "import java.util.*;"));
    for (int i = 0; i < size; i++) {
      StringBuilder record = new StringBuilder("record R" + i + "(");
      for (int j = 0; j < size; j++) {
        record.append(j == 0 ? "" : ", ").append("R").append(j).append(" r").append(j);
      }
      lines.add(record.append(i == size - 1 ? ", Date at) {}" : ") {}").toString());
    }
    JavaFileObject source = JavaFileObjects.forSourceLines("test.Dense", lines);
    List<String> reasons = new ArrayList<>();
    long start = System.nanoTime();
    run(
        source,
        (env, round) -> {
          SendableAnalysis analysis = new SendableChecks(env).analysis();
          for (int i = 0; i < size; i++) {
            TypeElement type = env.getElementUtils().getTypeElement("test.R" + i);
            reasons.add(String.valueOf(analysis.check(type.asType()).reason()));
          }
        });

    assertThat(System.nanoTime() - start).isLessThan(30_000_000_000L);
    assertThat(reasons.get(size - 1))
        .isEqualTo("component 'at' of 'R39' has type 'Date', which is mutable");
    assertThat(reasons.get(0))
        .isEqualTo(
            "component 'at' of 'R39' (reached through R0.r39) has type 'Date', which is mutable");
  }

  @Test
  void sharesOneAnalysisPerCompilation() {
    List<Boolean> same = new ArrayList<>();
    run(
        ORDERS,
        (env, round) ->
            same.add(new SendableChecks(env).analysis() == new SendableChecks(env).analysis()));

    assertThat(same).containsExactly(true);
  }

  /** The reasons why each of {@code types} is not Sendable, checked in that order. */
  private static List<String> reasons(String... types) {
    List<String> reasons = new ArrayList<>();
    run(
        ORDERS,
        (env, round) -> {
          SendableAnalysis analysis = new SendableChecks(env).analysis();
          for (String name : types) {
            SendableAnalysis.Verdict verdict =
                analysis.check(env.getElementUtils().getTypeElement(name).asType());
            reasons.add(verdict.sendable() ? "Sendable" : verdict.reason());
          }
        });
    return reasons;
  }

  /** Compiles {@code source} with a processor that runs {@code probe} in the first round. */
  private static void run(
      JavaFileObject source, BiConsumer<ProcessingEnvironment, RoundEnvironment> probe) {
    Compilation compilation =
        javac()
            .withProcessors(new FirstRoundProcessor(probe))
            .compile(source);
    assertThat(compilation.errors()).isEmpty();
  }
}
