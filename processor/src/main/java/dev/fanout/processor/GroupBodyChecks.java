package dev.fanout.processor;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * The javac half of the escape checks, run on attributed trees once javac has analyzed each class
 * (a {@link TaskListener} registered by {@link GroupEscapeProcessor}). Every diagnostic sits on the
 * exact use of the group and says where the group goes and what to do instead.
 *
 * <p>It follows the group's value, not just its variable. A variable of type {@code TaskGroup} — a
 * try-with-resources resource, a parameter (a borrowed group), a local, a pattern binding — is
 * followed from each read through parentheses, casts, conditionals, switch expressions and the
 * JDK methods that return their argument ({@code Objects.requireNonNull}). Where the value lands
 * decides: calling the group's methods, comparing it, printing it and passing it to a parameter
 * declared as {@code TaskGroup} (a borrow, checked by these same rules) are fine; returning it,
 * storing it in a field, array or collection, passing it to any other parameter, or assigning it to
 * a variable declared outside the group's block is reported. A local of a wider type ({@code
 * Object}, {@code AutoCloseable}, {@code Iterable}) that receives the group is then followed like
 * the group. Every lambda, method reference, anonymous or local class between a read and the
 * variable's declaration captures the group; it may use it only if {@link LambdaTiming} shows that
 * it runs at once on the owner's thread.
 *
 * <p>Cost: one scan of each class's tree records the variables that can hold a group and their
 * reads; the reads of the variables that turn out to hold a group are then followed upwards, each
 * once, a few nodes each. Nothing is walked twice per variable.
 *
 * <p>Also checked here, because only trees know the inferred type: the result of every hand-written
 * {@code spawn} must be Sendable. And the declaration checks ({@link GroupDeclarationChecks}) run
 * here under javac, after analysis, so that their errors do not end the compilation before these
 * checks have run.
 */
final class GroupBodyChecks implements TaskListener {
  /** {@code @SuppressWarnings} values that silence these checks on a declaration. */
  static final Set<String> SUPPRESSIONS = Set.of("FanOut/GroupEscapes", "FanOut");

  /** Methods that only read an argument (its toString, equals, hashCode), by declaring type. */
  private static final Map<String, Set<String>> READ_ONLY =
      Map.of(
          "java.util.Objects",
          Set.of("equals", "deepEquals", "hashCode", "hash", "toString", "isNull", "nonNull", "toIdentityString"),
          "java.lang.String", Set.of("valueOf", "format", "formatted"),
          "java.lang.StringBuilder", Set.of("append", "insert"),
          "java.lang.StringBuffer", Set.of("append", "insert"),
          "java.io.PrintStream", Set.of("print", "println", "printf", "format"),
          "java.io.PrintWriter", Set.of("print", "println", "printf", "format"),
          "java.lang.System", Set.of("identityHashCode"),
          "org.junit.jupiter.api.Assertions",
          Set.of("assertNotNull", "assertNull", "assertSame", "assertNotSame", "assertEquals", "assertNotEquals"));

  /** Methods of the JDK's collections that look an argument up, and keep nothing. */
  private static final Set<String> COLLECTION_QUERIES =
      Set.of(
          "contains",
          "containsKey",
          "containsValue",
          "indexOf",
          "lastIndexOf",
          "remove",
          "removeFirstOccurrence",
          "removeLastOccurrence",
          "equals");

  /** Methods that return their argument (or an object holding it): followed through their result. */
  private static final Map<String, Set<String>> PASS_THROUGH =
      Map.of(
          "java.util.Objects", Set.of("requireNonNull", "requireNonNullElse", "requireNonNullElseGet"),
          "org.assertj.core.api.Assertions", Set.of("assertThat"));

  private final ProcessingEnvironment env;
  private final Trees trees;
  private final Types types;
  private final Elements elements;
  private final Messager messager;
  private final TypeMirror taskGroup;
  private final TypeElement taskGroupElement;
  private final TypeMirror collection;
  private final TypeMirror map;
  private final GroupDeclarationChecks declarations;
  private final SendableAnalysis sendable;
  private final Diagnostic.Kind sendableKind; // null: off
  private final Set<TypeKey> reportedTypes = new HashSet<>();
  /** Root types whose declarations are checked once javac has analyzed them, by name. */
  private final Map<String, TypeElement> awaitingAnalysis = new LinkedHashMap<>();

  GroupBodyChecks(
      ProcessingEnvironment env,
      GroupDeclarationChecks declarations,
      SendableAnalysis sendable,
      Diagnostic.Kind sendableKind) {
    this.env = env;
    this.trees = Trees.instance(env);
    this.types = env.getTypeUtils();
    this.elements = env.getElementUtils();
    this.messager = env.getMessager();
    this.taskGroupElement = elements.getTypeElement(GroupEscapeProcessor.TASK_GROUP);
    this.taskGroup = types.erasure(taskGroupElement.asType());
    this.collection = types.erasure(elements.getTypeElement("java.util.Collection").asType());
    this.map = types.erasure(elements.getTypeElement("java.util.Map").asType());
    this.declarations = declarations;
    this.sendable = sendable;
    this.sendableKind = sendableKind;
  }

  /**
   * Checks the declarations of {@code type}, a root element of a processing round, once javac has
   * analyzed it, or at the end of the compilation if javac stops before (an error during annotation
   * processing ends a javac compilation there, which would hide every body check).
   */
  void checkDeclarationsAfterAnalysis(TypeElement type) {
    awaitingAnalysis.putIfAbsent(type.getQualifiedName().toString(), type);
  }

  /**
   * Checks the declarations still waiting for analysis now: javac will not analyze them, because
   * an error was reported during annotation processing (by {@link GroupEscapeProcessor} in the
   * last round, so that javac counts them with the others), or because the compilation ended
   * without analysis ({@code -proc:only}, an error in the last round).
   */
  void checkAwaitingDeclarations() {
    for (Map.Entry<String, TypeElement> entry : awaitingAnalysis.entrySet()) {
      TypeElement current = elements.getTypeElement(entry.getKey());
      TypeElement type = current != null ? current : entry.getValue();
      guarded(type, () -> declarations.check(type));
    }
    awaitingAnalysis.clear();
  }

  @Override
  public void finished(TaskEvent event) {
    if (event.getKind() == TaskEvent.Kind.COMPILATION) {
      checkAwaitingDeclarations();
      return;
    }
    if (event.getKind() != TaskEvent.Kind.ANALYZE || event.getTypeElement() == null) {
      return;
    }
    TypeElement type = event.getTypeElement();
    guarded(
        type,
        () -> {
          if (awaitingAnalysis.remove(type.getQualifiedName().toString()) != null) {
            declarations.check(type);
          }
          if (isGeneratedByFanOut(type)) {
            return; // checked at its @FanOut methods; its spawns are ours, not the user's
          }
          TreePath path = trees.getPath(type);
          if (path != null) {
            new Scanner(event.getCompilationUnit()).check(path);
          }
        });
  }

  /** A bug here becomes an {@code [FanOut/InternalError]} on the type, never a javac crash. */
  private void guarded(TypeElement type, Runnable check) {
    try {
      check.run();
    } catch (RuntimeException | AssertionError | LinkageError | StackOverflowError e) {
      FanOutProcessor.reportInternalError(messager, type, e);
    }
  }

  /**
   * Whether {@code type} is a class FanOutProcessor generated: marked so by {@code @Generated}, or,
   * where that annotation does not resolve (a named module that does not read java.compiler), an
   * abstract class named as the processor names the implementation of one of its interfaces.
   */
  private boolean isGeneratedByFanOut(TypeElement type) {
    AnnotationMirror generated = Annotations.find(type, "javax.annotation.processing.Generated");
    if (generated != null) {
      return generated.getElementValues().values().stream()
          .anyMatch(v -> v.toString().contains(FanOutProcessor.class.getName()));
    }
    return type.getKind() == ElementKind.CLASS
        && type.getModifiers().contains(Modifier.ABSTRACT)
        && type.getInterfaces().stream()
            .map(i -> (TypeElement) ((DeclaredType) i).asElement())
            .anyMatch(
                i ->
                    ServiceAnalyzer.generatedName(i, elements)
                        .canonicalName()
                        .contentEquals(type.getQualifiedName()));
  }

  private boolean isGroup(TypeMirror type) {
    return type != null
        && type.getKind() == TypeKind.DECLARED
        && types.isSameType(types.erasure(type), taskGroup);
  }

  /** Whether a variable of this type can be given a group: Object, AutoCloseable, Iterable, T... */
  private boolean canHoldGroup(TypeMirror type) {
    TypeKind kind = type.getKind();
    return (kind == TypeKind.DECLARED || kind == TypeKind.TYPEVAR || kind == TypeKind.INTERSECTION)
        && types.isAssignable(taskGroup, types.erasure(type));
  }

  private static boolean isLocal(ElementKind kind) {
    return kind == ElementKind.LOCAL_VARIABLE
        || kind == ElementKind.PARAMETER
        || kind == ElementKind.RESOURCE_VARIABLE
        || kind == ElementKind.BINDING_VARIABLE;
  }

  /** A variable that holds, or may come to hold, a group: where it is declared and read. */
  private static final class Holder {
    final VariableElement variable;
    final TreePath declaration;
    final List<TreePath> reads = new ArrayList<>();
    private Set<Tree> enclosing;

    Holder(VariableElement variable, TreePath declaration) {
      this.variable = variable;
      this.declaration = declaration;
    }

    String name() {
      return variable.getSimpleName().toString();
    }

    /** The trees around the declaration: walking up from a read, the first of them ends the walk. */
    Set<Tree> enclosing() {
      if (enclosing == null) {
        enclosing = Collections.newSetFromMap(new IdentityHashMap<>());
        for (TreePath p = declaration.getParentPath(); p != null; p = p.getParentPath()) {
          enclosing.add(p.getLeaf());
        }
      }
      return enclosing;
    }

    /** The tree the variable lives in: its block, try statement, method, lambda or loop. */
    Tree scope() {
      TreePath p = declaration.getParentPath();
      if (variable.getKind() == ElementKind.BINDING_VARIABLE) {
        while (p.getParentPath() != null
            && !(p.getLeaf().getKind() == Tree.Kind.BLOCK
                || p.getLeaf().getKind() == Tree.Kind.CASE
                || p.getLeaf().getKind() == Tree.Kind.LAMBDA_EXPRESSION
                || p.getLeaf().getKind() == Tree.Kind.METHOD)) {
          p = p.getParentPath();
        }
      }
      return p.getLeaf();
    }

    /** Whether this variable is declared inside {@code scope}. */
    boolean declaredIn(Tree scope) {
      for (TreePath p = declaration; p != null; p = p.getParentPath()) {
        if (p.getLeaf() == scope) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * A group on its way: the group variable it comes from, and how diagnostics name what holds it
   * ({@code 'group'}, or {@code 'handle' (which holds the group 'group')}).
   */
  private record Carrier(Holder origin, String subject) {}

  /** A diagnostic to report, its first argument being the carrier's subject. */
  private record Finding(Message message, Object[] args) {
    static Finding of(Message message, Object... args) {
      return new Finding(message, args);
    }
  }

  private final class Scanner extends TreePathScanner<Void, Void> {
    private final CompilationUnitTree unit;
    private final LambdaTiming timing;

    /** Every local variable, parameter and binding that can hold a group. */
    private final Map<Element, Holder> holders = new HashMap<>();
    /** Those of type TaskGroup, in the order of their declarations. */
    private final List<Holder> groups = new ArrayList<>();

    /** The holders whose reads are followed, each once, and the carriers they were reached with. */
    private final Set<Holder> followed = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Deque<Map.Entry<Holder, Carrier>> toFollow = new ArrayDeque<>();

    Scanner(CompilationUnitTree unit) {
      this.unit = unit;
      this.timing = new LambdaTiming(env, trees, taskGroupElement);
    }

    /** Scans the class at {@code path} once, then follows each group from its reads. */
    void check(TreePath path) {
      scan(path, null);
      for (Holder group : groups) {
        follow(group, new Carrier(group, "'" + group.name() + "'"));
      }
      while (!toFollow.isEmpty()) {
        Map.Entry<Holder, Carrier> next = toFollow.poll();
        Carrier carrier = next.getValue();
        for (TreePath read : next.getKey().reads) {
          Finding finding = whereItGoes(read, carrier);
          if (finding == null) {
            finding = capturedOnTheWay(read, next.getKey(), carrier);
          }
          if (finding != null) {
            report(read, finding);
          }
        }
      }
    }

    private void follow(Holder holder, Carrier carrier) {
      if (followed.add(holder)) {
        toFollow.add(Map.entry(holder, carrier));
      }
    }

    @Override
    public Void visitVariable(VariableTree node, Void unused) {
      Element element = trees.getElement(getCurrentPath());
      if (element instanceof VariableElement && isLocal(element.getKind())) {
        TypeMirror type = element.asType();
        if (isGroup(type) || canHoldGroup(type)) {
          Holder holder = new Holder((VariableElement) element, getCurrentPath());
          holders.put(element, holder);
          if (isGroup(type)) {
            groups.add(holder);
          }
        }
        if (element.getKind() == ElementKind.LOCAL_VARIABLE && !isGroup(type) && mentions(type)) {
          report(
              getCurrentPath(),
              Finding.of(Message.GROUPS_IN_A_LOCAL, node.getName(), Describe.type(type)));
        }
      }
      return super.visitVariable(node, unused);
    }

    @Override
    public Void visitIdentifier(IdentifierTree node, Void unused) {
      Holder holder = holders.get(trees.getElement(getCurrentPath()));
      if (holder != null && !isWrittenTo(node, getCurrentPath().getParentPath().getLeaf())) {
        holder.reads.add(getCurrentPath());
      }
      return super.visitIdentifier(node, unused);
    }

    private boolean isWrittenTo(IdentifierTree node, Tree parent) {
      return (parent instanceof AssignmentTree && ((AssignmentTree) parent).getVariable() == node)
          || (parent instanceof CompoundAssignmentTree
              && ((CompoundAssignmentTree) parent).getVariable() == node);
    }

    private boolean mentions(TypeMirror type) {
      if (type.getKind() == TypeKind.ARRAY) {
        return mentions(((ArrayType) type).getComponentType());
      }
      if (type.getKind() != TypeKind.DECLARED) {
        return false;
      }
      if (isGroup(type)) {
        return true;
      }
      for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
        if (argument.getKind() == TypeKind.WILDCARD) {
          TypeMirror bound = ((WildcardType) argument).getExtendsBound();
          if (bound != null && mentions(bound)) {
            return true;
          }
        } else if (mentions(argument)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
      Element element = trees.getElement(getCurrentPath());
      if (element instanceof ExecutableElement) {
        ExecutableElement method = (ExecutableElement) element;
        if (isOpen(method)) {
          checkOpenedInTry();
        } else if (declaredByGroup(method) && method.getSimpleName().contentEquals("spawn")) {
          checkSpawnedResult(node);
        }
      }
      return super.visitMethodInvocation(node, unused);
    }

    /** {@code TaskGroup.open()} or {@code TaskGroup.builder()...open()}. */
    private boolean isOpen(ExecutableElement method) {
      if (!method.getSimpleName().contentEquals("open")) {
        return false;
      }
      Element owner = method.getEnclosingElement();
      return owner.equals(taskGroupElement) || owner.getEnclosingElement().equals(taskGroupElement);
    }

    private boolean declaredByGroup(ExecutableElement method) {
      return method.getEnclosingElement().equals(taskGroupElement);
    }

    private void checkOpenedInTry() {
      TreePath parent = getCurrentPath().getParentPath();
      Tree leaf = parent.getLeaf();
      if (leaf instanceof VariableTree && parent.getParentPath().getLeaf() instanceof TryTree) {
        TryTree tryTree = (TryTree) parent.getParentPath().getLeaf();
        if (tryTree.getResources().contains(leaf)) {
          return;
        }
      }
      report(getCurrentPath(), Finding.of(Message.GROUP_NOT_IN_TRY));
    }

    private void checkSpawnedResult(MethodInvocationTree node) {
      if (sendableKind == null) {
        return;
      }
      TypeMirror handle = trees.getTypeMirror(getCurrentPath()); // Subtask<U>, U inferred
      if (handle == null || handle.getKind() != TypeKind.DECLARED) {
        return;
      }
      for (TypeMirror result : ((DeclaredType) handle).getTypeArguments()) {
        SendableAnalysis.Verdict verdict = sendable.check(result);
        // Keyed by the type itself: two type variables named T are two types.
        if (!verdict.sendable() && reportedTypes.add(TypeKey.of(result))) {
          Predicate<Element> inSource = element -> trees.getPath(element) != null;
          trees.printMessage(
              sendableKind,
              Message.NOT_SENDABLE.format(
                  Describe.type(result),
                  "a task spawned here",
                  SendableExplanation.reasonsWithFixes(verdict.causes(), inSource),
                  SendableExplanation.fix(verdict.causes(), inSource)),
              node,
              unit);
        }
      }
    }

    /**
     * Where the value read at {@code read} goes: null if it stays in the block (or lands in a
     * local that is followed in turn), else what to report.
     */
    private Finding whereItGoes(TreePath read, Carrier carrier) {
      String subject = carrier.subject();
      TreePath value = read;
      while (true) {
        TreePath parentPath = value.getParentPath();
        Tree parent = parentPath.getLeaf();
        Tree leaf = value.getLeaf();
        switch (parent.getKind()) {
          case PARENTHESIZED:
          case TYPE_CAST:
            value = parentPath;
            continue;
          case CONDITIONAL_EXPRESSION:
            if (((ConditionalExpressionTree) parent).getCondition() == leaf) {
              return null;
            }
            value = parentPath;
            continue;
          case CASE: // case X -> group, in a switch expression
          case YIELD:
            {
              TreePath switchExpression = parentPath;
              while (switchExpression != null
                  && switchExpression.getLeaf().getKind() != Tree.Kind.SWITCH_EXPRESSION
                  && !(switchExpression.getLeaf() instanceof LambdaExpressionTree)
                  && !(switchExpression.getLeaf() instanceof MethodTree)) {
                switchExpression = switchExpression.getParentPath();
              }
              if (switchExpression == null
                  || switchExpression.getLeaf().getKind() != Tree.Kind.SWITCH_EXPRESSION) {
                return null; // a case of a switch statement: a statement, no value
              }
              value = switchExpression;
              continue;
            }
          case MEMBER_SELECT:
            return null; // one of the group's methods is called
          case MEMBER_REFERENCE:
            return capturedBy(timing.of(parentPath), carrier, "the method reference '" + parent + "'");
          case METHOD_INVOCATION:
          case NEW_CLASS:
            {
              List<? extends ExpressionTree> arguments =
                  parent instanceof MethodInvocationTree
                      ? ((MethodInvocationTree) parent).getArguments()
                      : ((NewClassTree) parent).getArguments();
              int index = indexOf(arguments, leaf);
              Element element = trees.getElement(parentPath);
              if (index < 0 || !(element instanceof ExecutableElement)) {
                return null; // erroneous code, reported by javac
              }
              ExecutableElement callee = (ExecutableElement) element;
              String owner = ((TypeElement) callee.getEnclosingElement()).getQualifiedName().toString();
              String name = callee.getSimpleName().toString();
              if (storesInCollection(callee)) {
                return COLLECTION_QUERIES.contains(name)
                    ? null
                    : Finding.of(Message.GROUP_IN_COLLECTION, subject, name);
              }
              if (PASS_THROUGH.getOrDefault(owner, Set.of()).contains(name)) {
                value = parentPath;
                continue;
              }
              List<? extends VariableElement> parameters = callee.getParameters();
              if (parameters.isEmpty()) {
                return null; // erroneous code
              }
              if (READ_ONLY.getOrDefault(owner, Set.of()).contains(name) || isEquals(callee)) {
                return null;
              }
              VariableElement parameter = parameters.get(Math.min(index, parameters.size() - 1));
              TypeMirror declared = parameter.asType();
              if (callee.isVarArgs()
                  && index >= parameters.size() - 1
                  && declared.getKind() == TypeKind.ARRAY) {
                declared = ((ArrayType) declared).getComponentType(); // a group is no array
              }
              if (isGroup(declared)) {
                return null; // a borrow: that parameter obeys the same rules
              }
              String calleeName =
                  callee.getKind() == ElementKind.CONSTRUCTOR
                      ? "new " + callee.getEnclosingElement().getSimpleName()
                      : name;
              return Finding.of(
                  Message.GROUP_PASSED_UNFOLLOWED,
                  subject,
                  calleeName,
                  parameter.getSimpleName(),
                  Describe.type(declared));
            }
          case RETURN:
            return Finding.of(
                inLambda(parentPath) ? Message.GROUP_RETURNED_BY_LAMBDA : Message.GROUP_RETURNED,
                subject);
          case LAMBDA_EXPRESSION: // its expression body
            return Finding.of(Message.GROUP_RETURNED_BY_LAMBDA, subject);
          case ASSIGNMENT:
            {
              AssignmentTree assignment = (AssignmentTree) parent;
              if (assignment.getExpression() != leaf) {
                return null;
              }
              if (assignment.getVariable().getKind() == Tree.Kind.ARRAY_ACCESS) {
                return Finding.of(Message.GROUP_IN_ARRAY, subject);
              }
              return storedIn(
                  trees.getElement(new TreePath(parentPath, assignment.getVariable())), carrier);
            }
          case VARIABLE:
            return storedIn(trees.getElement(parentPath), carrier);
          case NEW_ARRAY:
            return Finding.of(Message.GROUP_IN_ARRAY, subject);
          case INSTANCE_OF:
            {
              Tree pattern = ((InstanceOfTree) parent).getPattern();
              if (pattern instanceof BindingPatternTree) {
                VariableTree binding = ((BindingPatternTree) pattern).getVariable();
                return storedIn(
                    trees.getElement(new TreePath(new TreePath(parentPath, pattern), binding)),
                    carrier);
              }
              return null;
            }
          case ERRONEOUS: // reported by javac
          case ENHANCED_FOR_LOOP: // iterates over its children, here
          case EQUAL_TO:
          case NOT_EQUAL_TO:
          case PLUS: // string concatenation
          case PLUS_ASSIGNMENT:
          case EXPRESSION_STATEMENT:
          case TRY: // try (group): closes it at the end of that block
          case SYNCHRONIZED:
            return null;
          default:
            String kind = parent.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' ');
            return Finding.of(
                Message.GROUP_USE_UNFOLLOWED,
                subject,
                ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind);
        }
      }
    }

    /** {@code equals(Object)}, in Object or an override: it compares, and keeps nothing. */
    private boolean isEquals(ExecutableElement method) {
      return method.getSimpleName().contentEquals("equals")
          && method.getParameters().size() == 1
          && method.getParameters().get(0).asType().toString().equals("java.lang.Object");
    }

    private int indexOf(List<? extends ExpressionTree> arguments, Tree argument) {
      for (int i = 0; i < arguments.size(); i++) {
        if (arguments.get(i) == argument) {
          return i;
        }
      }
      return -1;
    }

    /** Whether the return at {@code path} returns from a lambda rather than from a method. */
    private boolean inLambda(TreePath path) {
      for (TreePath p = path; p != null; p = p.getParentPath()) {
        if (p.getLeaf() instanceof LambdaExpressionTree) {
          return true;
        }
        if (p.getLeaf() instanceof MethodTree || p.getLeaf() instanceof ClassTree) {
          return false;
        }
      }
      return false;
    }

    /** The group is assigned to {@code target}: a field escapes, a local is followed in turn. */
    private Finding storedIn(Element target, Carrier carrier) {
      if (target == null) {
        return null; // erroneous code, reported by javac
      }
      if (target.getKind() == ElementKind.FIELD) {
        return Finding.of(Message.GROUP_IN_FIELD, carrier.subject(), target.getSimpleName());
      }
      Holder holder = holders.get(target);
      if (holder == null) {
        return Finding.of(
            Message.GROUP_USE_UNFOLLOWED,
            carrier.subject(),
            "variable '" + target.getSimpleName() + "' of type " + Describe.type(target.asType()));
      }
      if (!holder.declaredIn(carrier.origin().scope())) {
        return Finding.of(Message.GROUP_KEPT_OUTSIDE, carrier.subject(), holder.name());
      }
      if (!isGroup(holder.variable.asType())) { // a TaskGroup variable is followed on its own
        follow(
            holder,
            new Carrier(
                carrier.origin(),
                "'" + holder.name() + "' (which holds the group '" + carrier.origin().name() + "')"));
      }
      return null;
    }

    /** Collection and map methods, and the JDK's collection factories. */
    private boolean storesInCollection(ExecutableElement method) {
      TypeElement owner = (TypeElement) method.getEnclosingElement();
      String ownerName = owner.getQualifiedName().toString();
      return isJdkCollectionType(owner)
          || ownerName.equals("java.util.Arrays")
          || ownerName.equals("java.util.Collections")
          || ownerName.startsWith("java.util.stream.");
    }

    private boolean isJdkCollectionType(TypeElement type) {
      if (!type.getQualifiedName().toString().startsWith("java.util.")) {
        return false;
      }
      TypeMirror erasure = types.erasure(type.asType());
      return types.isAssignable(erasure, collection) || types.isAssignable(erasure, map);
    }

    /**
     * Walks from the read up to the holder's declaration; every lambda or class on the way
     * captures the group, and must run at once on this thread.
     */
    private Finding capturedOnTheWay(TreePath read, Holder holder, Carrier carrier) {
      Set<Tree> scope = holder.enclosing();
      for (TreePath current = read.getParentPath(); current != null; current = current.getParentPath()) {
        Tree leaf = current.getLeaf();
        if (scope.contains(leaf)) {
          return null; // back in the variable's own scope: nothing in between captured it
        }
        if (leaf instanceof LambdaExpressionTree) {
          Finding finding = capturedBy(timing.of(current), carrier, "a lambda");
          if (finding != null) {
            return finding;
          }
        } else if (leaf instanceof ClassTree) {
          Tree parent = current.getParentPath().getLeaf();
          if (parent instanceof NewClassTree) {
            return Finding.of(Message.GROUP_CAPTURED_BY_CLASS, carrier.subject(), "an anonymous");
          }
          if (!(parent instanceof ClassTree) && !(parent instanceof CompilationUnitTree)) {
            return Finding.of(Message.GROUP_CAPTURED_BY_CLASS, carrier.subject(), "a local");
          }
        }
      }
      return null;
    }

    private Finding capturedBy(LambdaTiming.Verdict verdict, Carrier carrier, String function) {
      String subject = carrier.subject();
      switch (verdict.kind()) {
        case AT_ONCE:
          return null;
        case CHILD:
          return Finding.of(Message.GROUP_CAPTURED_BY_CHILD, subject);
        case PARALLEL:
          return Finding.of(Message.GROUP_IN_PARALLEL_CODE, subject, function, verdict.where());
        case UNKNOWN_PARALLELISM:
          return Finding.of(
              Message.GROUP_IN_STREAM_OF_UNKNOWN_ORIGIN, subject, function, verdict.where());
        case LAZY:
          return verdict.exit() == null
              ? Finding.of(Message.GROUP_IN_LAZY_STREAM, subject, function, verdict.where())
              : Finding.of(
                  Message.GROUP_IN_STREAM_ITERATOR, subject, function, verdict.where(), verdict.exit());
        case LATER:
        default:
          return Finding.of(Message.GROUP_CAPTURED_LATER, subject, function);
      }
    }

    private void report(TreePath at, Finding finding) {
      if (suppressed(at)) {
        return;
      }
      trees.printMessage(
          finding.message().kind(), finding.message().format(finding.args()), at.getLeaf(), unit);
    }

    /** Whether an enclosing declaration says {@code @SuppressWarnings("FanOut/GroupEscapes")}. */
    private boolean suppressed(TreePath path) {
      for (TreePath p = path; p != null; p = p.getParentPath()) {
        Tree leaf = p.getLeaf();
        if (leaf instanceof MethodTree || leaf instanceof ClassTree || leaf instanceof VariableTree) {
          Element declaration = trees.getElement(p);
          SuppressWarnings annotation =
              declaration == null ? null : declaration.getAnnotation(SuppressWarnings.class);
          if (annotation != null
              && java.util.Arrays.stream(annotation.value()).anyMatch(SUPPRESSIONS::contains)) {
            return true;
          }
        }
      }
      return false;
    }
  }
}
