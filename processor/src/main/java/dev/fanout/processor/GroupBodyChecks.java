package dev.fanout.processor;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * The javac half of the escape checks, run on attributed trees once javac has analyzed each class
 * (a {@link TaskListener} registered by {@link GroupEscapeProcessor}). Every diagnostic sits on the
 * exact expression and says where the group goes and why it must not.
 *
 * <p>A variable of type {@code TaskGroup} — a try-with-resources resource, a parameter (a borrowed
 * group), or a local alias — may be used to call the group's methods and may be passed to methods
 * as an argument. It must not be returned, stored in a field, an array or a collection, or captured
 * by a lambda, method reference, anonymous or local class; the one exception is a lambda or method
 * reference passed straight to a JDK method that runs it before returning ({@code forEach}, stream
 * operations, {@code Optional.ifPresent}, ...). Also checked here, because only trees know the
 * inferred type: the result of every hand-written {@code spawn} must be Sendable.
 */
final class GroupBodyChecks implements TaskListener {
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

  /** {@code @SuppressWarnings} values that silence these checks on a declaration. */
  static final Set<String> SUPPRESSIONS = Set.of("FanOut/GroupEscapes", "FanOut");

  private final Trees trees;
  private final Types types;
  private final TypeMirror taskGroup;
  private final TypeElement taskGroupElement;
  private final TypeMirror collection;
  private final TypeMirror map;
  private final SendableAnalysis sendable;
  private final Diagnostic.Kind sendableKind; // null: off
  private final Set<String> reportedTypes = new HashSet<>();

  GroupBodyChecks(ProcessingEnvironment env, SendableAnalysis sendable, Diagnostic.Kind sendableKind) {
    this.trees = Trees.instance(env);
    this.types = env.getTypeUtils();
    this.taskGroupElement = env.getElementUtils().getTypeElement(GroupEscapeProcessor.TASK_GROUP);
    this.taskGroup = types.erasure(taskGroupElement.asType());
    this.collection = types.erasure(env.getElementUtils().getTypeElement("java.util.Collection").asType());
    this.map = types.erasure(env.getElementUtils().getTypeElement("java.util.Map").asType());
    this.sendable = sendable;
    this.sendableKind = sendableKind;
  }

  @Override
  public void finished(TaskEvent event) {
    if (event.getKind() != TaskEvent.Kind.ANALYZE || event.getTypeElement() == null) {
      return;
    }
    if (isGeneratedByFanOut(event.getTypeElement())) {
      return; // checked at its @FanOut methods; its spawns are ours, not the user's
    }
    TreePath path = trees.getPath(event.getTypeElement());
    if (path != null) {
      new Scanner(event.getCompilationUnit()).scan(path, null);
    }
  }

  private static boolean isGeneratedByFanOut(TypeElement type) {
    for (javax.lang.model.element.AnnotationMirror annotation : type.getAnnotationMirrors()) {
      if (((TypeElement) annotation.getAnnotationType().asElement())
              .getQualifiedName()
              .contentEquals("javax.annotation.processing.Generated")
          && annotation.getElementValues().values().stream()
              .anyMatch(v -> v.toString().contains(FanOutProcessor.class.getName()))) {
        return true;
      }
    }
    return false;
  }

  private boolean isGroup(TypeMirror type) {
    return type != null
        && type.getKind() == TypeKind.DECLARED
        && types.isSameType(types.erasure(type), taskGroup);
  }

  private final class Scanner extends TreePathScanner<Void, Void> {
    private final CompilationUnitTree unit;

    /** For each group variable, the trees enclosing its declaration: its scope ends there. */
    private final Map<Element, Set<Tree>> scopes = new HashMap<>();

    Scanner(CompilationUnitTree unit) {
      this.unit = unit;
    }

    @Override
    public Void visitVariable(VariableTree node, Void unused) {
      Element element = trees.getElement(getCurrentPath());
      if (element != null && isGroup(element.asType())) {
        Set<Tree> enclosing = Collections.newSetFromMap(new IdentityHashMap<>());
        for (TreePath p = getCurrentPath().getParentPath(); p != null; p = p.getParentPath()) {
          enclosing.add(p.getLeaf());
        }
        scopes.put(element, enclosing);
      }
      if (element instanceof VariableElement
          && element.getKind() == ElementKind.LOCAL_VARIABLE
          && !isGroup(element.asType())
          && mentions(element.asType())) {
        error(
            node,
            "local variable '" + node.getName() + "' of type " + Describe.type(element.asType())
                + " holds TaskGroups in a container, where they can be kept past their try block");
      }
      return super.visitVariable(node, unused);
    }

    private boolean mentions(TypeMirror type) {
      if (type.getKind() == TypeKind.ARRAY) {
        return mentions(((javax.lang.model.type.ArrayType) type).getComponentType());
      }
      if (type.getKind() != TypeKind.DECLARED) {
        return false;
      }
      if (isGroup(type)) {
        return true;
      }
      for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
        if (argument.getKind() == TypeKind.WILDCARD) {
          TypeMirror bound = ((javax.lang.model.type.WildcardType) argument).getExtendsBound();
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
          checkOpenedInTry(node);
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

    private void checkOpenedInTry(MethodInvocationTree node) {
      TreePath parent = getCurrentPath().getParentPath();
      Tree leaf = parent.getLeaf();
      if (leaf instanceof VariableTree && parent.getParentPath().getLeaf() instanceof TryTree) {
        TryTree tryTree = (TryTree) parent.getParentPath().getLeaf();
        if (tryTree.getResources().contains(leaf)) {
          return;
        }
      }
      error(
          node,
          "this TaskGroup is not opened as a try-with-resources resource, so nothing guarantees"
              + " that close() cancels and joins its children. Write `try (TaskGroup<...> group ="
              + " ...open()) { ... }`");
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
        if (!verdict.sendable() && reportedTypes.add(result.toString())) {
          trees.printMessage(
              sendableKind,
              Message.NOT_SENDABLE.format(
                  Describe.type(result),
                  "a task spawned here",
                  verdict.reason(),
                  "Use List.copyOf / an immutable type, or annotate with"
                      + " @AssumeSendable(reason = ...)."),
              node,
              unit);
        }
      }
    }

    @Override
    public Void visitIdentifier(IdentifierTree node, Void unused) {
      Element element = trees.getElement(getCurrentPath());
      if (element instanceof VariableElement
          && (element.getKind() == ElementKind.LOCAL_VARIABLE
              || element.getKind() == ElementKind.PARAMETER
              || element.getKind() == ElementKind.RESOURCE_VARIABLE)
          && isGroup(element.asType())) {
        checkUse(node, getCurrentPath(), element);
      }
      return super.visitIdentifier(node, unused);
    }

    /** Where does this use of group variable {@code name} send the group? */
    private void checkUse(IdentifierTree use, TreePath path, Element variable) {
      String name = variable.getSimpleName().toString();
      TreePath parentPath = path.getParentPath();
      Tree parent = parentPath.getLeaf();
      if (parent instanceof ReturnTree) {
        error(use, "'" + name + "' is returned, so the group would outlive its try block");
        return;
      }
      if (parent instanceof AssignmentTree && ((AssignmentTree) parent).getExpression() == use) {
        ExpressionTree target = ((AssignmentTree) parent).getVariable();
        Element assigned = trees.getElement(new TreePath(parentPath, target));
        if (target.getKind() == Tree.Kind.ARRAY_ACCESS) {
          error(use, "'" + name + "' is stored in an array, where it can outlive its try block");
          return;
        }
        if (assigned != null && assigned.getKind() == ElementKind.FIELD) {
          error(
              use,
              "'" + name + "' is stored in field '" + assigned.getSimpleName()
                  + "', where it can outlive its try block");
          return;
        }
      }
      if (parent instanceof NewArrayTree) {
        error(use, "'" + name + "' is stored in an array, where it can outlive its try block");
        return;
      }
      if (parent instanceof MethodInvocationTree
          && ((MethodInvocationTree) parent).getArguments().contains(use)) {
        Element callee = trees.getElement(parentPath);
        if (callee instanceof ExecutableElement && storesInCollection((ExecutableElement) callee)) {
          error(
              use,
              "'" + name + "' is put into a collection by " + callee.getSimpleName()
                  + "(), where it can outlive its try block");
          return;
        }
      }
      checkCaptures(use, path, name, scopes.get(variable));
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
     * Walks from the use up to the method or lambda that declared the variable; every lambda,
     * method reference or class on the way captures the group.
     */
    private void checkCaptures(IdentifierTree use, TreePath path, String name, Set<Tree> scope) {
      for (TreePath current = path.getParentPath(); current != null; current = current.getParentPath()) {
        Tree leaf = current.getLeaf();
        if (scope != null && scope.contains(leaf)) {
          return; // back in the variable's own scope: nothing in between captured it
        }
        if (leaf instanceof MemberReferenceTree
            && ((MemberReferenceTree) leaf).getQualifierExpression() == use) {
          if (!runsAtOnce(current)) {
            error(
                use,
                "'" + name + "' is captured by the method reference '" + leaf + "', which may run"
                    + " after the group's try block ends (or on a child's thread)");
          }
        } else if (leaf instanceof LambdaExpressionTree) {
          if (isSpawnArgument(current)) {
            error(
                use,
                "'" + name + "' is captured by a child task: a child must not spawn into or wait"
                    + " on its parent's group. Open a nested TaskGroup inside the child instead");
            return;
          }
          if (!runsAtOnce(current)) {
            error(
                use,
                "'" + name + "' is captured by a lambda that may run after the group's try block"
                    + " ends; only lambdas a JDK method runs at once (forEach, stream operations,"
                    + " Optional.ifPresent, ...) may use the group");
            return;
          }
        } else if (leaf instanceof ClassTree
            && (current.getParentPath().getLeaf() instanceof NewClassTree
                || current.getParentPath().getLeaf().getKind() != Tree.Kind.CLASS
                    && current.getParentPath().getLeaf().getKind() != Tree.Kind.COMPILATION_UNIT)) {
          error(
              use,
              "'" + name + "' is captured by "
                  + (current.getParentPath().getLeaf() instanceof NewClassTree ? "an anonymous" : "a local")
                  + " class, whose methods may run after the group's try block ends");
          return;
        } else if (leaf instanceof MethodTree && scope == null) {
          return; // declaration not seen: the enclosing method is the best guess at its scope
        }
      }
    }

    /** Whether the lambda or method reference at {@code path} is an argument of a group's spawn. */
    private boolean isSpawnArgument(TreePath path) {
      Tree parent = path.getParentPath().getLeaf();
      if (!(parent instanceof MethodInvocationTree)) {
        return false;
      }
      Element callee = trees.getElement(path.getParentPath());
      return callee instanceof ExecutableElement
          && declaredByGroup((ExecutableElement) callee)
          && callee.getSimpleName().toString().startsWith("spawn");
    }

    /**
     * Whether the lambda or method reference at {@code path} is passed straight to a JDK method that
     * runs it before returning: Java's counterpart of Swift's non-escaping closures.
     */
    private boolean runsAtOnce(TreePath path) {
      Tree parent = path.getParentPath().getLeaf();
      if (!(parent instanceof MethodInvocationTree)
          || !((MethodInvocationTree) parent).getArguments().contains(path.getLeaf())) {
        return false;
      }
      Element callee = trees.getElement(path.getParentPath());
      if (!(callee instanceof ExecutableElement)) {
        return false;
      }
      String owner = ((TypeElement) callee.getEnclosingElement()).getQualifiedName().toString();
      if (owner.startsWith("java.util.stream.") || owner.equals("java.util.Optional")) {
        return true;
      }
      if (SYNCHRONOUS_ASSERTIONS.getOrDefault(owner, Set.of()).contains(callee.getSimpleName().toString())) {
        return true;
      }
      return (owner.startsWith("java.util.") || owner.startsWith("java.lang."))
          && SYNCHRONOUS_JDK_METHODS.contains(callee.getSimpleName().toString());
    }

    private void error(Tree tree, String what) {
      if (suppressed(getCurrentPath())) {
        return;
      }
      trees.printMessage(Diagnostic.Kind.ERROR, "[FanOut/GroupEscapes] " + what, tree, unit);
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
