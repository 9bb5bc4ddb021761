package dev.fanout.processor;

import com.palantir.javapoet.TypeName;
import java.time.Duration;
import java.util.List;

/**
 * One {@code @FanOut} method to implement: its signature, how it fans out, how it combines the
 * children's results and how it translates failures back into its own exception contract.
 *
 * @param groupName the task group's name, {@code Interface.method}: it names the child threads
 * @param childType the type argument of the task group: the (boxed) result every child produces;
 *     {@code Void} for a void method, {@code Object} for a record's components
 * @param fan how the method fans out: over elements, leaves or record components, each with what
 *     only it needs (so no component here is null depending on the kind)
 * @param consumer the parameter that receives results as they complete, or null
 * @param rethrown the checked exceptions the method declares, rethrown unwrapped
 * @param declaresInterrupted whether InterruptedException propagates as itself
 * @param declaresTimeout whether a group timeout becomes java.util.concurrent.TimeoutException
 * @param timeoutText the timeout as the annotation spells it ({@code "5s"}), for the Javadoc
 * @param locals the names of the generated method's own locals, clear of its parameters
 * @param deprecated whether the interface method is deprecated (so the override is too)
 * @param suppressedWarnings the lint categories the override must suppress, each the interface's
 *     own doing: {@code deprecation} and {@code removal} for deprecated leaves and signature
 *     types, {@code unchecked} for generic varargs
 */
record FanOutMethodModel(
    String name,
    String groupName,
    List<Parameter> parameters,
    boolean varargs,
    TypeName returnType,
    List<TypeName> thrownTypes,
    Strategy strategy,
    int concurrency,
    Duration timeout,
    String timeoutText,
    Fan fan,
    Result result,
    TypeName childType,
    Parameter consumer,
    List<TypeName> rethrown,
    boolean declaresInterrupted,
    boolean declaresTimeout,
    LinkTarget link,
    Locals locals,
    boolean deprecated,
    List<String> suppressedWarnings) {

  /** How a method fans out, with what that way needs: a closed family, one case per way. */
  sealed interface Fan permits OverElements, OverLeaves, OverComponents {
    /** The leaf calls: one (made once per element), one per leaf, or one per component. */
    List<Child> children();
  }

  /**
   * One child per element of {@code fanned}.
   *
   * @param emptyTest how the generated code tells that the input is empty
   * @param elementType the fanned parameter's element type
   * @param elementVariable the loop variable holding one element
   * @param child the leaf call, made once per element
   */
  record OverElements(
      Parameter fanned,
      EmptyTest emptyTest,
      TypeName elementType,
      String elementVariable,
      Child child)
      implements Fan {
    @Override
    public List<Child> children() {
      return List.of(child);
    }
  }

  /** One child per leaf named in {@code using}, each with the method's own arguments. */
  record OverLeaves(List<Child> children) implements Fan {}

  /** One child per component of the record the method returns; each child has its variable. */
  record OverComponents(List<Child> children) implements Fan {}

  /**
   * How emptiness of the fanned input is tested: before the group opens for a collection or an
   * array, after spawning for any other {@code Iterable} (whose iterator the loop is the only one
   * to take).
   */
  enum EmptyTest {
    COLLECTION_IS_EMPTY,
    ARRAY_LENGTH,
    NOTHING_SPAWNED
  }

  /** Names of the generated method's locals, chosen not to shadow any parameter. */
  record Locals(String group, String exception, String failure, String done, String seen) {}

  /**
   * The strategy, as named by {@code dev.fanout.annotation.Strategy}. A copy, so that the processor
   * reads annotations by name and runs even when the annotations jar is not on its own path.
   */
  enum Strategy {
    ALL,
    RACE,
    ANY
  }

  /** What the children are. */
  enum Kind {
    /** One child per element of a collection or array parameter, each calling the same leaf. */
    ELEMENTS,
    /** One child per leaf named in {@code using}, each with the method's own arguments. */
    METHODS,
    /** One child per component of the record the method returns. */
    COMPONENTS
  }

  /** How the children's results become the method's result. */
  enum Result {
    /** A list in input (or {@code using}) order. */
    LIST,
    /** A set in input order. */
    SET,
    /** A map from each element to its result, in input order. */
    MAP,
    /** Nothing: every child must succeed. */
    VOID,
    /** One child's result: RACE or ANY. */
    SINGLE,
    /** A record built from one child per component. */
    RECORD
  }

  /** A parameter of the generated method. */
  record Parameter(String name, TypeName type) {}

  /**
   * One leaf call.
   *
   * @param leaf the method called
   * @param arguments the names passed to it, in order (the element variable for ELEMENTS)
   * @param resultType the leaf's (boxed) result type; {@code Void} for a void leaf
   * @param throwsThrowable whether the leaf declares a checked throwable outside Exception, which
   *     a Callable cannot throw (the call is then wrapped by FanOutExceptions.callable)
   * @param returnsVoid whether the child returns null: the leaf is void, or the fan-out method is
   *     and keeps nothing of the leaf's value
   * @param variable the local holding the child's handle, for COMPONENTS; otherwise null
   * @param link the leaf, for Javadoc
   */
  record Child(
      String leaf,
      List<String> arguments,
      TypeName resultType,
      boolean returnsVoid,
      boolean throwsThrowable,
      String variable,
      LinkTarget link) {}

  /** A method as a Javadoc {@code {@link}} names it: erased parameter types. */
  record LinkTarget(TypeName owner, String method, List<TypeName> erasedParameters) {}
}
