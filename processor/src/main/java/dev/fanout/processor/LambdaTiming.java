package dev.fanout.processor;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * When, and on which thread, a lambda or method reference runs, judged from the call it is passed
 * to: Java's counterpart of Swift's non-escaping closures. A function that captures a group may use
 * it only if it runs {@link Kind#AT_ONCE}: before the call that receives it returns, on the calling
 * thread.
 *
 * <p>Stream pipelines are judged as a whole, from the expression alone: an intermediate operation
 * ({@code map}, {@code filter}, ...) runs its function only when a terminal operation consumes the
 * stream, so the chain must end in one in the same expression (not in {@code iterator()}); and the
 * pipeline must be sequential: the last {@code parallel()} or {@code sequential()} in the chain
 * decides, else its source ({@code parallelStream()} is parallel, the JDK's other stream
 * factories are sequential, and a stream from a variable or from the user's own method could be
 * either).
 *
 * <p>One instance serves one pass over a class: it remembers its verdicts by tree.
 */
final class LambdaTiming {
  /** The verdicts; every one but {@code AT_ONCE} means a captured group may escape. */
  enum Kind {
    /** Runs before the receiving call returns, on the calling thread. */
    AT_ONCE,
    /** Passed to the group's own {@code spawn}: runs as a child, on another thread. */
    CHILD,
    /** Kept by the receiver, which may run it at any later time, on any thread. */
    LATER,
    /** Runs now, but on other threads too: {@link Verdict#where()} says what runs it. */
    PARALLEL,
    /** A stream operation whose stream may be parallel: {@link Verdict#where()} is its source. */
    UNKNOWN_PARALLELISM,
    /**
     * A lazy stream operation ({@link Verdict#where()}) whose stream leaves the expression
     * unconsumed, or through {@link Verdict#exit()} ({@code iterator}, {@code spliterator}).
     */
    LAZY
  }

  /** A verdict with what the diagnostic needs to say why. */
  record Verdict(Kind kind, String where, String exit) {
    static final Verdict AT_ONCE = new Verdict(Kind.AT_ONCE, null, null);
    static final Verdict CHILD = new Verdict(Kind.CHILD, null, null);
    static final Verdict LATER = new Verdict(Kind.LATER, null, null);
  }

  /** JDK methods (of {@code java.util} and {@code java.lang} types) that run their function at once. */
  private static final Set<String> SYNCHRONOUS_JDK_METHODS =
      Set.of(
          "forEach",
          "forEachRemaining",
          "ifPresent",
          "ifPresentOrElse",
          "removeIf",
          "replaceAll",
          "computeIfAbsent",
          "computeIfPresent",
          "compute",
          "merge");

  /**
   * Test assertions that run what they are given before returning, on the calling thread (not
   * JUnit's assertTimeoutPreemptively, which uses another thread).
   */
  private static final Map<String, Set<String>> SYNCHRONOUS_ASSERTIONS =
      Map.of(
          "org.junit.jupiter.api.Assertions",
          Set.of("assertThrows", "assertThrowsExactly", "assertDoesNotThrow", "assertTimeout", "assertAll"),
          "org.assertj.core.api.Assertions",
          Set.of("assertThatThrownBy", "assertThatCode", "catchThrowable", "assertThatNoException"),
          "org.assertj.core.api.AssertionsForClassTypes",
          Set.of("assertThatThrownBy", "assertThatCode", "catchThrowable"));

  /** Terminal operations that hand the rest of the pipeline to the caller, to run later. */
  private static final Set<String> LAZY_TERMINALS = Set.of("iterator", "spliterator");

  /** The parallelism of a stream pipeline; {@code source} describes an unknown one. */
  private record Mode(boolean parallel, boolean known, String source) {
    static final Mode SEQUENTIAL = new Mode(false, true, null);
    static final Mode PARALLEL = new Mode(true, true, null);

    static Mode unknown(String source) {
      return new Mode(false, false, source);
    }
  }

  private final Trees trees;
  private final Types types;
  private final Elements elements;
  private final TypeElement taskGroup;
  private final TypeMirror baseStream; // erased; null if java.util.stream is missing
  private final Map<Tree, Verdict> verdicts = new IdentityHashMap<>();

  LambdaTiming(ProcessingEnvironment env, Trees trees, TypeElement taskGroup) {
    this.trees = trees;
    this.types = env.getTypeUtils();
    this.elements = env.getElementUtils();
    this.taskGroup = taskGroup;
    TypeElement stream = elements.getTypeElement("java.util.stream.BaseStream");
    this.baseStream = stream == null ? null : types.erasure(stream.asType());
  }

  /** When the lambda or method reference at {@code function} runs. */
  Verdict of(TreePath function) {
    Verdict known = verdicts.get(function.getLeaf());
    if (known == null) {
      known = judge(function);
      verdicts.put(function.getLeaf(), known);
    }
    return known;
  }

  private Verdict judge(TreePath function) {
    TreePath argument = function;
    TreePath parent = function.getParentPath();
    while (parent.getLeaf().getKind() == Tree.Kind.PARENTHESIZED
        || parent.getLeaf().getKind() == Tree.Kind.TYPE_CAST) {
      argument = parent;
      parent = parent.getParentPath();
    }
    if (!(parent.getLeaf() instanceof MethodInvocationTree)
        || !((MethodInvocationTree) parent.getLeaf()).getArguments().contains(argument.getLeaf())) {
      return Verdict.LATER; // kept in a variable, a field, a constructor, ...: no telling when
    }
    ExecutableElement callee = method(parent);
    if (callee == null) {
      return Verdict.LATER;
    }
    TypeElement owner = (TypeElement) callee.getEnclosingElement();
    String ownerName = owner.getQualifiedName().toString();
    String name = callee.getSimpleName().toString();
    if (owner.equals(taskGroup) && name.startsWith("spawn")) {
      return Verdict.CHILD;
    }
    if (isStream(owner.asType())
        || (ownerName.startsWith("java.util.stream.") && isStream(callee.getReturnType()))) {
      return pipeline(parent, name + "()");
    }
    if (ownerName.equals("java.util.stream.Collectors") || ownerName.equals("java.util.stream.Collector")) {
      return consumedBy(parent, "collect", ownerName.substring(ownerName.lastIndexOf('.') + 1) + "." + name + "()");
    }
    if (ownerName.equals("java.util.stream.Gatherers") || ownerName.equals("java.util.stream.Gatherer")) {
      if (name.equals("mapConcurrent")) {
        return new Verdict(Kind.PARALLEL, "Gatherers.mapConcurrent(...)", null);
      }
      return consumedBy(parent, "gather", ownerName.substring(ownerName.lastIndexOf('.') + 1) + "." + name + "()");
    }
    if (ownerName.startsWith("java.util.Optional")) {
      return Verdict.AT_ONCE;
    }
    if (SYNCHRONOUS_ASSERTIONS.getOrDefault(ownerName, Set.of()).contains(name)) {
      return Verdict.AT_ONCE;
    }
    if (ownerName.equals("java.util.concurrent.ConcurrentHashMap")
        && !callee.getParameters().isEmpty()
        && callee.getParameters().get(0).asType().getKind() == TypeKind.LONG) {
      // forEach, search, reduce... with a parallelismThreshold run on the common ForkJoinPool.
      return new Verdict(Kind.PARALLEL, "ConcurrentHashMap." + name + "(parallelismThreshold, ...)", null);
    }
    if ((ownerName.startsWith("java.util.") || ownerName.startsWith("java.lang."))
        && SYNCHRONOUS_JDK_METHODS.contains(name)) {
      return Verdict.AT_ONCE;
    }
    return Verdict.LATER;
  }

  /**
   * A collector or gatherer runs its functions when a stream's {@code collect} or {@code gather}
   * uses it: it must be passed there (through other collectors, as in {@code groupingBy(f,
   * mapping(g, toList()))}) in the same expression; kept anywhere else, it may run at any time.
   */
  private Verdict consumedBy(TreePath call, String operation, String where) {
    TreePath value = call;
    while (true) {
      TreePath parent = skipParentheses(value);
      if (!(parent.getLeaf() instanceof MethodInvocationTree)
          || !((MethodInvocationTree) parent.getLeaf()).getArguments().contains(value.getLeaf())) {
        return Verdict.LATER;
      }
      ExecutableElement callee = method(parent);
      if (callee == null) {
        return Verdict.LATER;
      }
      String owner = ((TypeElement) callee.getEnclosingElement()).getQualifiedName().toString();
      if (callee.getSimpleName().contentEquals(operation) && isStream(callee.getEnclosingElement().asType())) {
        return pipeline(parent, where);
      }
      if (!owner.equals("java.util.stream.Collectors") && !owner.equals("java.util.stream.Gatherers")) {
        return Verdict.LATER;
      }
      value = parent;
    }
  }

  /**
   * The function passed to the stream operation {@code call} runs at once if the chain it is part
   * of ends in a terminal operation in this expression, and the pipeline is sequential.
   */
  private Verdict pipeline(TreePath call, String where) {
    ExecutableElement operation = method(call);
    if (operation == null || operation.getSimpleName().contentEquals("onClose")) {
      return Verdict.LATER; // runs when someone closes the stream, if ever
    }
    Mode latest = null; // the last parallel() or sequential() above the call
    TreePath top = call;
    while (isStream(trees.getTypeMirror(top))) {
      TreePath select = skipParentheses(top);
      if (!(select.getLeaf() instanceof MemberSelectTree)
          || !(select.getParentPath().getLeaf() instanceof MethodInvocationTree)
          || ((MethodInvocationTree) select.getParentPath().getLeaf()).getMethodSelect()
              != select.getLeaf()) {
        break;
      }
      top = select.getParentPath();
      Mode mode = modeCall(top);
      if (mode != null) {
        latest = mode;
      }
    }
    if (isStream(trees.getTypeMirror(top))) {
      return unconsumed(top) ? new Verdict(Kind.LAZY, where, null) : Verdict.AT_ONCE;
    }
    ExecutableElement terminal = method(top);
    if (terminal != null
        && LAZY_TERMINALS.contains(terminal.getSimpleName().toString())
        && isStream(terminal.getEnclosingElement().asType())) {
      return new Verdict(Kind.LAZY, where, terminal.getSimpleName().toString());
    }
    Mode mode = latest != null ? latest : modeBelow(call);
    if (!mode.known()) {
      return new Verdict(Kind.UNKNOWN_PARALLELISM, mode.source(), null);
    }
    return mode.parallel() ? new Verdict(Kind.PARALLEL, "a parallel stream", null) : Verdict.AT_ONCE;
  }

  /**
   * Whether a stream that is never consumed in its expression can run its functions later: not
   * when it is thrown away (a statement of its own), nor when a lambda returns it to {@code
   * flatMap}, which consumes it while the enclosing pipeline runs (that lambda is judged itself).
   */
  private boolean unconsumed(TreePath stream) {
    TreePath parent = skipParentheses(stream);
    Tree leaf = parent.getLeaf();
    if (leaf.getKind() == Tree.Kind.EXPRESSION_STATEMENT) {
      return false;
    }
    TreePath lambda = null;
    if (leaf instanceof LambdaExpressionTree) {
      lambda = parent;
    } else if (leaf.getKind() == Tree.Kind.RETURN) {
      for (TreePath p = parent; p != null; p = p.getParentPath()) {
        Tree.Kind kind = p.getLeaf().getKind();
        if (kind == Tree.Kind.LAMBDA_EXPRESSION) {
          lambda = p;
          break;
        }
        if (kind == Tree.Kind.METHOD || kind == Tree.Kind.CLASS) {
          break;
        }
      }
    }
    if (lambda == null) {
      return true;
    }
    TreePath call = skipParentheses(lambda);
    ExecutableElement callee =
        call.getLeaf() instanceof MethodInvocationTree ? method(call) : null;
    if (callee == null) {
      return true;
    }
    String name = callee.getSimpleName().toString();
    String owner = ((TypeElement) callee.getEnclosingElement()).getQualifiedName().toString();
    return !((name.startsWith("flatMap") && isStream(callee.getEnclosingElement().asType()))
        || (name.equals("flatMapping") && owner.equals("java.util.stream.Collectors")));
  }

  /** The parallelism the stream operations below {@code call} and its source give the pipeline. */
  private Mode modeBelow(TreePath call) {
    TreePath expression = call;
    while (true) {
      Tree leaf = expression.getLeaf();
      if (leaf instanceof ParenthesizedTree) {
        expression = new TreePath(expression, ((ParenthesizedTree) leaf).getExpression());
        continue;
      }
      if (!(leaf instanceof MethodInvocationTree)) {
        return Mode.unknown(describe(leaf));
      }
      ExecutableElement method = method(expression);
      if (method == null) {
        return Mode.unknown(describe(leaf));
      }
      ExpressionTree select = ((MethodInvocationTree) leaf).getMethodSelect();
      boolean streamOperation =
          isStream(method.getEnclosingElement().asType())
              && !method.getModifiers().contains(Modifier.STATIC)
              && select instanceof MemberSelectTree;
      if (!streamOperation) {
        return sourceMode(expression, method);
      }
      Mode mode = modeCall(expression);
      if (mode != null) {
        return mode;
      }
      TreePath selectPath = new TreePath(expression, select);
      expression = new TreePath(selectPath, ((MemberSelectTree) select).getExpression());
    }
  }

  /** The parallelism of the stream a source method (not a stream operation) returns. */
  private Mode sourceMode(TreePath call, ExecutableElement method) {
    String name = method.getSimpleName().toString();
    if (name.equals("parallelStream")) {
      return Mode.PARALLEL;
    }
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    String ownerName = owner.getQualifiedName().toString();
    List<? extends ExpressionTree> arguments = ((MethodInvocationTree) call.getLeaf()).getArguments();
    if (ownerName.equals("java.util.stream.StreamSupport")) {
      Tree last = arguments.isEmpty() ? null : arguments.get(arguments.size() - 1);
      if (last instanceof LiteralTree && ((LiteralTree) last).getValue() instanceof Boolean) {
        return (Boolean) ((LiteralTree) last).getValue() ? Mode.PARALLEL : Mode.SEQUENTIAL;
      }
      return Mode.unknown("StreamSupport." + name + "(...)");
    }
    if (name.equals("concat") && isStream(owner.asType())) {
      for (ExpressionTree argument : arguments) {
        Mode mode = modeBelow(new TreePath(call, argument));
        if (mode.parallel() || !mode.known()) {
          return mode; // parallel if either input is
        }
      }
      return Mode.SEQUENTIAL;
    }
    // The JDK's stream factories (Collection.stream, Arrays.stream, Stream.of, IntStream.range,
    // String.lines, Files.lines, ...) all return sequential streams; a user's method may not.
    PackageElement pkg = elements.getPackageOf(owner);
    String packageName = pkg.getQualifiedName().toString();
    if (packageName.startsWith("java.") || packageName.startsWith("javax.") || packageName.startsWith("jdk.")) {
      return Mode.SEQUENTIAL;
    }
    return Mode.unknown(name + "()");
  }

  /** The mode a {@code parallel()} or {@code sequential()} call sets, or null for another call. */
  private Mode modeCall(TreePath call) {
    ExecutableElement method = method(call);
    if (method == null
        || !method.getParameters().isEmpty()
        || !isStream(method.getEnclosingElement().asType())) {
      return null;
    }
    if (method.getSimpleName().contentEquals("parallel")) {
      return Mode.PARALLEL;
    }
    if (method.getSimpleName().contentEquals("sequential")) {
      return Mode.SEQUENTIAL;
    }
    return null;
  }

  private static String describe(Tree source) {
    if (source instanceof IdentifierTree) {
      return "'" + ((IdentifierTree) source).getName() + "'";
    }
    if (source instanceof MemberSelectTree) {
      return "'" + source + "'";
    }
    return "an expression";
  }

  private ExecutableElement method(TreePath call) {
    Element element = trees.getElement(call);
    return element instanceof ExecutableElement ? (ExecutableElement) element : null;
  }

  private boolean isStream(TypeMirror type) {
    return baseStream != null
        && type != null
        && type.getKind() == TypeKind.DECLARED
        && types.isSubtype(types.erasure(type), baseStream);
  }

  /** The path of the nearest enclosing tree that is not a parenthesis around {@code path}. */
  private static TreePath skipParentheses(TreePath path) {
    TreePath parent = path.getParentPath();
    while (parent.getLeaf().getKind() == Tree.Kind.PARENTHESIZED) {
      parent = parent.getParentPath();
    }
    return parent;
  }
}
