package dev.fanout.processor;

import javax.tools.Diagnostic;

/**
 * Every diagnostic the processor reports, in one place. Each has a stable code, printed as {@code
 * [FanOut/Code]} so that users can search for it and assert it in tests, and a text that names the
 * element and says how to fix it.
 */
enum Message {
  NOT_IN_INTERFACE(
      "NotInInterface",
      "@FanOut applies to abstract methods of interfaces, but %s is declared in %s '%s'. Move it to"
          + " an interface: Fanout generates the implementation"),
  NOT_ABSTRACT(
      "NotAbstract",
      "@FanOut method %s is %s, so there is nothing to generate. Make it abstract (no body, not"
          + " static, not private), or remove @FanOut"),
  INACCESSIBLE_INTERFACE(
      "InaccessibleInterface",
      "'%s' is private or local, so no generated class can implement it. Make it a package-private"
          + " or public member or top-level interface"),
  SEALED_SERVICE(
      "SealedInterface",
      "'%s' is sealed, so the generated %s cannot implement it. Add %s to its permits clause"),
  GENERIC_METHOD(
      "GenericMethod",
      "@FanOut method %s declares its own type parameters, which Fanout does not support. Declare"
          + " them on the interface instead"),
  NEGATIVE_CONCURRENCY(
      "NegativeConcurrency",
      "concurrency = %d on %s is negative. Use a positive limit, or 0 for unbounded"),
  BAD_TIMEOUT(
      "BadTimeout",
      "timeout = \"%s\" on %s is not a positive duration. Write an amount and a unit, such as"
          + " \"250ms\", \"5s\", \"2m\" or \"1h\", or an ISO-8601 duration such as \"PT5S\""),
  SEVERAL_EACH(
      "SeveralEach",
      "%s marks several parameters with @Each (%s). Mark only the one to fan out over"),
  EACH_NOT_COLLECTION(
      "EachNotCollection",
      "@Each marks parameter '%s' of %s, whose type %s is neither a collection nor an array. Put"
          + " @Each on the collection or array to fan out over"),
  SEVERAL_COLLECTIONS(
      "AmbiguousFanOutParameter",
      "%s has several collection or array parameters (%s). Mark the one to fan out over with"
          + " @Each"),
  SEVERAL_LEAVES_OVER_ELEMENTS(
      "SeveralLeavesOverElements",
      "%s fans out over the elements of '%s', which calls one leaf per element, but using names %d"
          + " leaves (%s). Name one leaf, or remove @Each to fan out over the leaves instead"),
  NOTHING_TO_FAN_OUT(
      "NothingToFanOut",
      "%s has nothing to fan out over: no collection or array parameter, no leaves in 'using' and"
          + " no record result. Add a collection parameter (one child per element), name leaf"
          + " methods with using = {...} (one child each), or return a record (one child per"
          + " component)"),
  UNSUPPORTED_RESULT(
      "UnsupportedResult",
      "%s returns %s, which a fan-out %s with strategy %s cannot produce. %s"),
  NEEDS_RESULT(
      "NeedsResult",
      "strategy %s keeps one child's result, but %s returns void. Return the leaves' result type,"
          + " or use strategy ALL"),
  RECORD_NEEDS_ALL(
      "RecordNeedsAll",
      "%s builds record %s from every component, which needs strategy ALL, not %s. Use ALL, or"
          + " fan out over leaves with using = {...}"),
  CONSUMER_NEEDS_ALL(
      "ConsumerNeedsAll",
      "%s passes results to Consumer '%s' as they complete, which needs strategy ALL, not %s: a"
          + " race or any has one result. Use strategy = ALL, or remove the Consumer parameter"),
  CONSUMER_WITH_RECORD(
      "ConsumerNeedsAll",
      "%s builds record %s once every component is in, so there is nothing to pass to Consumer"
          + " '%s' one by one. Remove the Consumer parameter, or fan out over elements or leaves"),
  CONSUMER_TYPE(
      "ConsumerType",
      "Consumer parameter '%s' of %s has type %s, but receives each %s. Declare it as"
          + " Consumer<? super %s>"),
  SEVERAL_CONSUMERS(
      "SeveralConsumers",
      "%s has several Consumer parameters (%s); at most one receives results as they complete"),
  NO_LEAF(
      "NoLeaf",
      "%s needs a leaf method %s(%s) to call for each child, but %s. Declare it in the"
          + " interface, or name an existing method with using = \"...\""),
  AMBIGUOUS_LEAF(
      "AmbiguousLeaf",
      "%s could call any of %s for each child. Make their parameter types distinct, or name a"
          + " distinct method with using = \"...\""),
  LEAF_RETURN_TYPE(
      "LeafReturnType",
      "leaf %s returns %s, but %s needs each child to produce %s. Change the leaf's return type or"
          + " the @FanOut method's result"),
  UNDECLARED_EXCEPTION(
      "UndeclaredException",
      "leaf %s throws %s, which %s does not declare. Add 'throws %s' to %s so that callers see"
          + " the leaf's failure with its own type"),
  GENERIC_THROWS(
      "GenericThrows",
      "%s declares 'throws %s', a type variable, which generated code cannot rethrow by type."
          + " Declare a concrete exception type"),
  NOT_SENDABLE(
      "NotSendable",
      "'%s' (result of %s) is not Sendable: %s. %s"),
  SHARED_ARGUMENT(
      "SharedArgument",
      "argument '%s' of type %s is passed to every child of %s, on several threads at once, but"
          + " is not Sendable: %s. Pass an immutable value, or make sure the children only read it"),
  NOT_SENDABLE_CULPRIT(
      "NotSendable",
      "'%s' makes '%s' not Sendable, so it cannot be a child's result or part of one: %s. %s"),
  NOT_SENDABLE_DECLARATION(
      "NotSendable",
      "'%s' is not Sendable, so it cannot be a child's result or part of one: %s. %s"),
  LAZY_RESULT(
      "LazyResult",
      "%s returns %s, which is evaluated lazily and would run after its task group has closed"
          + " and cancelled its children. Return the values themselves (a List, a record, ...)"),
  ASSUME_SENDABLE_REASON(
      "AssumeSendableNeedsReason",
      "@AssumeSendable on '%s' has an empty reason. Say why sharing it between threads is safe,"
          + " e.g. @AssumeSendable(reason = \"guarded by its own lock\")"),
  BAD_OPTION("BadOption", "unknown value %s; expected %s"),
  NAME_CLASH(
      "NameClash",
      "Fanout generates class %s for '%s', but a type with that name already exists. Rename the"
          + " existing type or the interface"),
  GENERATED_NAME_CLASH(
      "NameClash",
      "Fanout generates class %s for both '%s' and '%s' (a nested Outer.Inner and a top-level"
          + " Outer_Inner get the same name). Rename one of the two interfaces"),
  GENERIC_LEAF(
      "GenericLeaf",
      "%s is the leaf javac would call for %s, but its result or exceptions depend on its own type"
          + " parameters, which Fanout does not infer. Add a non-generic overload for this"
          + " argument type, or declare the type parameter on the interface"),
  WRITE_FAILED(
      "WriteFailed",
      "could not write %s: %s. Check that the build's generated-sources directory is writable"),
  UNRESOLVED_TYPE(
      "UnresolvedType",
      "'%s' refers to types that never resolved (%s), so Fanout could not generate %s. Fix the"
          + " missing types; if another processor generates them, make sure it runs"),
  INTERNAL_ERROR(
      "InternalError",
      "Fanout's processor failed while processing '%s'. This is a bug in Fanout: please report it"
          + " with this trace:%n%s"),

  // A TaskGroup never escapes its block: declarations (any compiler). Each names the declaration.
  GROUP_IN_SUPERTYPE(
      "GroupEscapes",
      "'%s' extends %s, a type argument that hands out a TaskGroup. " + Hint.KEEP_IN_BLOCK),
  GROUP_RECORD_COMPONENT(
      "GroupEscapes",
      "record component '%s' of type %s would let a TaskGroup outlive its try block. "
          + Hint.KEEP_IN_BLOCK),
  GROUP_FIELD(
      "GroupEscapes",
      "field '%s' of type %s would let a TaskGroup outlive the try block that owns it. "
          + Hint.KEEP_IN_BLOCK),
  GROUP_RESULT(
      "GroupEscapes",
      "method '%s' returns %s, so a TaskGroup would escape the try block that owns it. "
          + Hint.KEEP_IN_BLOCK),
  GROUPS_IN_A_PARAMETER(
      "GroupEscapes",
      "parameter '%s' of type %s holds TaskGroups in a container, where they can be kept past"
          + " their try block. " + Hint.KEEP_IN_BLOCK),

  // Method bodies (javac). A first %s names the group's variable, or the alias that holds it.
  GROUPS_IN_A_LOCAL(
      "GroupEscapes",
      "local variable '%s' of type %s holds TaskGroups in a container, where they can be kept"
          + " past their try block. " + Hint.KEEP_IN_BLOCK),
  GROUP_NOT_IN_TRY(
      "GroupEscapes",
      "this TaskGroup is not opened as a try-with-resources resource, so nothing guarantees that"
          + " close() cancels and joins its children. Write `try (TaskGroup<...> group ="
          + " ...open()) { ... }`"),
  GROUP_RETURNED(
      "GroupEscapes",
      "%s is returned, so the group would outlive its try block. Return what its children"
          + " computed (all(), a Subtask's get()), not the group"),
  GROUP_RETURNED_BY_LAMBDA(
      "GroupEscapes",
      "%s is returned by a lambda, so the group goes wherever the lambda's caller keeps the"
          + " result. Return what its children computed, not the group"),
  GROUP_IN_FIELD(
      "GroupEscapes",
      "%s is stored in field '%s', where it can outlive its try block. " + Hint.PASS_IT),
  GROUP_IN_ARRAY(
      "GroupEscapes",
      "%s is stored in an array, where it can outlive its try block. " + Hint.PASS_IT),
  GROUP_IN_COLLECTION(
      "GroupEscapes",
      "%s is put into a collection by %s(), where it can outlive its try block. " + Hint.PASS_IT),
  GROUP_KEPT_OUTSIDE(
      "GroupEscapes",
      "%s is assigned to '%s', declared outside the group's try block, where it outlives the"
          + " block. Declare the variable inside the block, or pass the group to helpers as a"
          + " parameter"),
  GROUP_PASSED_UNFOLLOWED(
      "GroupEscapes",
      "%s is passed to %s() as parameter '%s' of type %s, where Fanout cannot follow it: only a"
          + " parameter declared as TaskGroup<...> is a borrow that Fanout checks like the group"
          + " itself. Declare the parameter as TaskGroup<...>, or pass what the callee needs (the"
          + " group's name(), a result). " + Hint.SUPPRESS),
  GROUP_USE_UNFOLLOWED(
      "GroupEscapes",
      "%s is used in %s, where Fanout cannot follow where it goes. Keep the group in a local"
          + " variable of type TaskGroup<...> and call its methods there. " + Hint.SUPPRESS),
  GROUP_CAPTURED_BY_CHILD(
      "GroupEscapes",
      "%s is captured by a child task: a child must not spawn into or wait on its parent's group."
          + " Open a nested TaskGroup inside the child instead. " + Hint.SUPPRESS),
  GROUP_CAPTURED_LATER(
      "GroupEscapes",
      "%s is captured by %s that may run after the group's try block ends; only lambdas a JDK"
          + " method runs at once on this thread (forEach, a sequential stream ending in a"
          + " terminal operation, Optional.ifPresent, ...) may use the group. "
          + Hint.CANCEL_FROM_ELSEWHERE + " " + Hint.SUPPRESS),
  GROUP_CAPTURED_BY_CLASS(
      "GroupEscapes",
      "%s is captured by %s class, whose methods may run after the group's try block ends. "
          + Hint.CANCEL_FROM_ELSEWHERE + " " + Hint.SUPPRESS),
  GROUP_IN_PARALLEL_CODE(
      "GroupEscapes",
      "%s is captured by %s in %s, which runs it on other threads: spawn(), the waits and close()"
          + " throw StructureViolationException on any thread but the group's owner. Use a"
          + " sequential stream or a loop (stream(), not parallelStream() or parallel()): the"
          + " group already runs its children concurrently. " + Hint.SUPPRESS),
  GROUP_IN_STREAM_OF_UNKNOWN_ORIGIN(
      "GroupEscapes",
      "%s is captured by %s in a stream that Fanout cannot see to be sequential (it comes from"
          + " %s); a parallel stream would run it on other threads, where the group's methods"
          + " fail. Add .sequential() before the terminal operation. " + Hint.SUPPRESS),
  GROUP_IN_LAZY_STREAM(
      "GroupEscapes",
      "%s is captured by %s passed to %s, which runs it only when a terminal operation consumes"
          + " the stream, and none does in this expression: the stream is returned, stored or"
          + " passed on, so it may run after the group's try block has ended, or on another"
          + " thread. " + Hint.END_THE_PIPELINE),
  GROUP_IN_STREAM_ITERATOR(
      "GroupEscapes",
      "%s is captured by %s passed to %s, which runs it only when a terminal operation consumes"
          + " the stream, and the stream is handed on through %s(), which runs it whenever that is"
          + " consumed, possibly after the group's try block has ended. " + Hint.END_THE_PIPELINE),
  BODY_CHECKS_UNAVAILABLE(
      "BodyChecksUnavailable",
      Diagnostic.Kind.NOTE,
      "this compiler does not expose javac's attributed trees, so Fanout checks TaskGroup"
          + " declarations only (fields, results, type arguments); uses inside method bodies are"
          + " checked at run time, where misuse throws StructureViolationException");

  /** Advice shared by several texts above (a holder: an enum cannot refer to its own constants). */
  private static final class Hint {
    static final String KEEP_IN_BLOCK =
        "A TaskGroup lives and dies in its try-with-resources block; keep it in a local variable"
            + " there and pass it to helpers as a parameter";
    static final String PASS_IT =
        "Keep it in a local variable of its try block and pass it to helpers as a parameter";
    static final String CANCEL_FROM_ELSEWHERE =
        "To stop the group from elsewhere, give it a deadline instead:"
            + " TaskGroup.builder().timeout(...) or .deadline(...).";
    static final String SUPPRESS =
        "For a deliberate exception, annotate the method with"
            + " @SuppressWarnings(\"FanOut/GroupEscapes\")";
    static final String END_THE_PIPELINE =
        "End the pipeline in the same statement with a terminal operation (toList(),"
            + " forEach(...), collect(...)) and keep its results, not the stream";
  }

  private final String code;
  private final Diagnostic.Kind kind;
  private final String format;

  Message(String code, String format) {
    this(code, Diagnostic.Kind.ERROR, format);
  }

  Message(String code, Diagnostic.Kind kind, String format) {
    this.code = code;
    this.kind = kind;
    this.format = format;
  }

  /**
   * How it is reported: {@code ERROR} unless the entry says otherwise. The Sendable texts are
   * reported with the severity their option chooses instead.
   */
  Diagnostic.Kind kind() {
    return kind;
  }

  /** The stable code, such as {@code FanOut/NoLeaf}. */
  String code() {
    return "FanOut/" + code;
  }

  /** The full text: {@code [FanOut/Code] message}. */
  String format(Object... args) {
    return "[" + code() + "] " + String.format(format, args);
  }
}
