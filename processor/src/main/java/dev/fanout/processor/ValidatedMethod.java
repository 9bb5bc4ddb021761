package dev.fanout.processor;

import dev.fanout.processor.FanOutMethodModel.Kind;
import dev.fanout.processor.FanOutMethodModel.Result;
import dev.fanout.processor.FanOutMethodModel.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;

/**
 * What {@link FanOutMethodValidator} decided about one valid {@code @FanOut} method: the facts the
 * build step ({@link FanOutMethodModels}) needs, and nothing it would have to check again. It
 * exists only for a method that validated without a blocking error; a Sendable error or warning
 * may still be in the report, since those do not keep the class from being generated.
 *
 * <p>It still refers to elements and types (the method, its leaves, the element type): naming
 * them, rendering them and reading their deprecation is the build step's job. No field holds a
 * name of the generated code; the build step chooses those.
 *
 * @param service the interface the method is implemented for (it may inherit the method)
 * @param method the abstract {@code @FanOut} method
 * @param signature the method as a member of {@code service}: the interface's type arguments
 *     substituted
 * @param timeout the group's timeout, or null for none
 * @param timeoutText the timeout as the annotation spells it ({@code "5s"}), or null for none
 * @param fannedIndex the parameter fanned out over, for {@link Kind#ELEMENTS}; otherwise null
 * @param elementType the fanned parameter's element type, for {@link Kind#ELEMENTS}; otherwise
 *     null
 * @param consumerIndex the parameter that receives results as they complete, or null
 * @param result how the children's results become the method's result
 * @param childType what every child produces, before boxing: the task group's type argument
 * @param leaves the leaf calls, in the order of the children: one for {@link Kind#ELEMENTS}, one
 *     per distinct name in {@code using}, one per record component
 * @param rethrown the checked exceptions the method declares that a leaf may throw, rethrown
 *     unwrapped
 * @param declaresInterrupted whether the method declares InterruptedException (or a supertype)
 * @param declaresTimeout whether the method declares java.util.concurrent.TimeoutException (or a
 *     supertype)
 */
record ValidatedMethod(
    TypeElement service,
    ExecutableElement method,
    ExecutableType signature,
    Strategy strategy,
    int concurrency,
    Duration timeout,
    String timeoutText,
    Kind kind,
    Integer fannedIndex,
    TypeMirror elementType,
    Integer consumerIndex,
    Result result,
    TypeMirror childType,
    List<Leaf> leaves,
    List<TypeMirror> rethrown,
    boolean declaresInterrupted,
    boolean declaresTimeout) {

  ValidatedMethod {
    leaves = List.copyOf(leaves);
    rethrown = List.copyOf(rethrown);
  }

  /** What each leaf call is passed: see {@link #leafArguments(List, Integer, Integer, Object)}. */
  <T> List<T> leafArguments(List<? extends T> parameters, T element) {
    return leafArguments(parameters, fannedIndex, consumerIndex, element);
  }

  /**
   * What each leaf call is passed, in order, given one entry per parameter of the method (its
   * type, its name...): every parameter's entry but the Consumer's, which receives the results,
   * with {@code element} in place of the fanned parameter's. The validator resolves the leaves with
   * these types, and the generated children pass these names.
   *
   * @param fannedIndex the fanned parameter, or null when the method fans out over leaves or
   *     components
   * @param consumerIndex the Consumer parameter, or null
   */
  static <T> List<T> leafArguments(
      List<? extends T> parameters, Integer fannedIndex, Integer consumerIndex, T element) {
    List<T> arguments = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      if (consumerIndex != null && i == consumerIndex) {
        continue;
      }
      boolean fanned = fannedIndex != null && i == fannedIndex;
      arguments.add(fanned ? element : parameters.get(i));
    }
    return arguments;
  }

  /**
   * One leaf call, resolved as javac resolves the call the generated code makes.
   *
   * @param name the name the child calls: the leaf's, which for {@link Kind#COMPONENTS} is also
   *     the component's
   * @param method the leaf method javac will call
   * @param result what the child returns, before boxing (the leaf's result, or the component's
   *     type for a record); null when the child returns null: the leaf is void, or the fan-out
   *     method is void and keeps nothing of the leaf's value
   * @param throwsThrowable whether the leaf declares a checked throwable outside Exception, which
   *     a Callable cannot throw
   */
  record Leaf(String name, ExecutableElement method, TypeMirror result, boolean throwsThrowable) {}
}
