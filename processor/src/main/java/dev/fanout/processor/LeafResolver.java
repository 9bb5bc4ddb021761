package dev.fanout.processor;

import dev.fanout.processor.FanOutMethodModel.Result;
import dev.fanout.processor.FanOutMethodValidator.Context;
import dev.fanout.processor.ValidatedMethod.Leaf;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Which method javac calls for one leaf of a {@code @FanOut} method, and whether the generated
 * child can use it. {@link FanOutMethodValidator} asks once per leaf: the leaf over elements, each
 * name in {@code using}, each record component.
 *
 * <p>The contract is javac's own choice for the call the generated child makes, {@code
 * name(arguments)} on the service (JLS 15.12.2), so that the exceptions and the result checked are
 * those of the method that will run:
 *
 * <ul>
 *   <li>the candidates are the service's methods of that name, inherited ones included, neither
 *       static nor private, the {@code @FanOut} method itself excepted; a method inherited along
 *       two paths counts once;
 *   <li>the strict phase first (subtyping and primitive widening), and only when it finds nothing
 *       the loose phase (boxing and unboxing too); there is no variable-arity phase, since a child
 *       passes exactly its arguments;
 *   <li>a generic leaf is a candidate, its own type variables standing for their bounds; it is
 *       refused when its result or its exceptions mention them;
 *   <li>of several applicable methods, the most specific wins: primitives compared by primitive
 *       subtyping ({@code int <: long}), references by subtyping; when none is more specific than
 *       all the others, the call is ambiguous, and reported so;
 *   <li>the leaf's result must fit the child's type once boxed ({@code int} fits {@code Integer}
 *       or {@code Number}, not {@code long}); a void fan-out without a Consumer keeps nothing, and
 *       takes a leaf of any result.
 * </ul>
 *
 * <p>It reports into the {@link ValidationReport} of the method's {@link Context} and never throws
 * for bad user code: a leaf that does not resolve, or that the child cannot use, gets one error, on
 * the {@code using} value when the annotation spells one and on the method otherwise, and {@link
 * #resolve} returns null; a leaf that resolves is reported nothing.
 */
final class LeafResolver {
  private final Types types;
  private final Elements elements;
  private final TypeMirror exception;
  private final TypeMirror error;

  LeafResolver(ProcessingEnvironment env) {
    this.types = env.getTypeUtils();
    this.elements = env.getElementUtils();
    this.exception = erased("java.lang.Exception");
    this.error = erased("java.lang.Error");
  }

  private TypeMirror erased(String name) {
    return types.erasure(elements.getTypeElement(name).asType());
  }

  /**
   * Resolves the leaf {@code name(argumentTypes)} as javac resolves the call the generated code
   * makes (its exceptions and result are then the ones checked), and checks that its result fits
   * {@code shape}. Null after reporting why not, in one diagnostic.
   *
   * @param c the {@code @FanOut} method that calls the leaf, and where a diagnostic goes
   * @param name the leaf's name: from {@code using}, the method's own, or a record component's
   * @param argumentTypes the types of the arguments the child passes, in order
   * @param shape what the child must produce: for a record, the component's type
   */
  Leaf resolve(Context c, String name, List<TypeMirror> argumentTypes, ResultShape shape) {
    List<ExecutableElement> named = new ArrayList<>();
    for (ExecutableElement candidate : ElementFilter.methodsIn(elements.getAllMembers(c.service))) {
      if (candidate.getSimpleName().contentEquals(name)
          && !candidate.equals(c.method)
          && !candidate.getModifiers().contains(Modifier.STATIC)
          && !candidate.getModifiers().contains(Modifier.PRIVATE)) {
        named.add(candidate);
      }
    }
    // As javac chooses (JLS 15.12.2): the methods applicable without boxing, and only if there
    // are none those applicable with it; then the most specific of them. A child passes exactly
    // its arguments, so no variable-arity phase.
    List<ExecutableElement> applicable = distinctSignatures(c, applicable(c, named, argumentTypes, true));
    if (applicable.isEmpty()) {
      applicable = distinctSignatures(c, applicable(c, named, argumentTypes, false));
    }
    String wanted = argumentTypes.stream().map(Describe::type).collect(Collectors.joining(", "));
    if (applicable.isEmpty()) {
      String why =
          named.isEmpty()
              ? "the interface has no method named '" + name + "'" + nearName(c, name)
              : "none of the candidates tried fits: "
                  + named.stream()
                      .map(m -> Describe.method(m, c.memberType(m).getParameterTypes()))
                      .collect(Collectors.joining(", "));
      c.errorOnUsingOrMethod(Message.NO_LEAF, c.display, name, wanted, why);
      return null;
    }
    ExecutableElement leaf = mostSpecific(c, applicable);
    if (leaf == null) {
      c.errorOnUsingOrMethod(
          Message.AMBIGUOUS_LEAF,
          c.display,
          applicable.stream()
              .map(m -> Describe.method(m, c.memberType(m).getParameterTypes()))
              .collect(Collectors.joining(" and ")));
      return null;
    }

    ExecutableType leafType = c.memberType(leaf);
    if (!leaf.getTypeParameters().isEmpty() && mentionsOwnTypeVariables(leaf, leafType)) {
      c.errorOnUsingOrMethod(
          Message.GENERIC_LEAF, Describe.method(leaf, leafType.getParameterTypes()), c.display);
      return null;
    }
    TypeMirror leafResult = leafType.getReturnType();
    boolean returnsVoid = leafResult.getKind() == TypeKind.VOID;
    boolean keepsValue = shape.keepsValues();
    if (keepsValue && (returnsVoid || !fitsBoxed(leafResult, shape.childType()))) {
      c.errorOnUsingOrMethod(
          Message.LEAF_RETURN_TYPE,
          Describe.method(leaf, leafType.getParameterTypes()),
          Describe.type(leafResult),
          c.display,
          shape.result() == Result.RECORD
              ? "a " + Describe.type(shape.childType()) + " for component '" + name + "'"
              : "a " + Describe.type(shape.childType()));
      return null;
    }
    // A void fan-out keeps nothing: a leaf's value (Redis's `boolean del(key)`) is dropped in the
    // child, whose group is a TaskGroup<Void>.
    boolean returnsNull = returnsVoid || !keepsValue;
    TypeMirror result =
        returnsNull ? null : shape.result() == Result.RECORD ? shape.childType() : leafResult;
    boolean throwsThrowable =
        leafType.getThrownTypes().stream()
            .anyMatch(t -> !types.isAssignable(t, exception) && !types.isAssignable(t, error));
    return new Leaf(name, leaf, result, throwsThrowable);
  }

  /**
   * Whether a leaf's result fits the child type once boxed, as the generated {@code
   * Subtask<Child>} needs: an {@code int} leaf fits {@code Integer} or {@code Number}, not {@code
   * long}, which would need a widening the lambda does not do.
   */
  private boolean fitsBoxed(TypeMirror result, TypeMirror childType) {
    return types.isAssignable(boxed(result), boxed(childType));
  }

  private TypeMirror boxed(TypeMirror type) {
    return type.getKind().isPrimitive()
        ? types.boxedClass((javax.lang.model.type.PrimitiveType) type).asType()
        : type;
  }

  /** One method per signature: an interface may inherit the same method along two paths. */
  private List<ExecutableElement> distinctSignatures(Context c, List<ExecutableElement> methods) {
    List<ExecutableElement> distinct = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ExecutableElement method : methods) {
      if (seen.add(ServiceAnalyzer.erasedSignature(method, c.serviceType, types))) {
        distinct.add(method);
      }
    }
    return distinct;
  }

  /**
   * The candidates that {@code argumentTypes} can be passed to: by strict invocation (subtyping and
   * primitive widening only) or by loose invocation (boxing and unboxing too). A generic method is
   * a candidate too, its own type variables standing for their bounds.
   */
  private List<ExecutableElement> applicable(
      Context c, List<ExecutableElement> named, List<TypeMirror> argumentTypes, boolean strict) {
    List<ExecutableElement> applicable = new ArrayList<>();
    for (ExecutableElement candidate : named) {
      List<TypeMirror> parameterTypes = parameterTypes(c, candidate);
      if (parameterTypes.size() != argumentTypes.size()) {
        continue;
      }
      boolean fits = true;
      for (int i = 0; i < parameterTypes.size() && fits; i++) {
        TypeMirror argument = argumentTypes.get(i);
        TypeMirror parameter = parameterTypes.get(i);
        fits =
            types.isAssignable(argument, parameter)
                && (!strict
                    || argument.getKind().isPrimitive() == parameter.getKind().isPrimitive());
      }
      if (fits) {
        applicable.add(candidate);
      }
    }
    return applicable;
  }

  /** The parameter types as a member of the service, a generic method's own variables erased. */
  private List<TypeMirror> parameterTypes(Context c, ExecutableElement method) {
    List<TypeMirror> parameters = new ArrayList<>();
    for (TypeMirror parameter : c.memberType(method).getParameterTypes()) {
      parameters.add(
          method.getTypeParameters().isEmpty() ? parameter : types.erasure(parameter));
    }
    return parameters;
  }

  /** Whether a generic leaf's result or exceptions depend on its own type parameters. */
  private boolean mentionsOwnTypeVariables(ExecutableElement leaf, ExecutableType leafType) {
    Set<Element> own = new HashSet<>(leaf.getTypeParameters());
    List<TypeMirror> mentioned = new ArrayList<>(leafType.getThrownTypes());
    mentioned.add(leafType.getReturnType());
    for (TypeMirror type : mentioned) {
      if (mentionsTypeVariable(type, own)) {
        return true;
      }
    }
    return false;
  }

  private static boolean mentionsTypeVariable(TypeMirror type, Set<Element> variables) {
    return MentionedTypes.anyMatch(
        type,
        t ->
            t.getKind() == TypeKind.TYPEVAR
                && variables.contains(((javax.lang.model.type.TypeVariable) t).asElement()));
  }

  /** {@code "; did you mean 'fetchUser'?"} for a name one or two edits away from a method's. */
  private String nearName(Context c, String name) {
    String best = null;
    int bestDistance = Math.max(1, Math.min(2, name.length() / 3));
    for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(c.service))) {
      String candidate = method.getSimpleName().toString();
      if (method.getEnclosingElement().getKind() != javax.lang.model.element.ElementKind.INTERFACE
          || method.equals(c.method)) {
        continue; // Object's methods are no leaves
      }
      int distance = EditDistance.between(name, candidate);
      if (distance <= bestDistance && (best == null || distance < bestDistance)) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best == null ? "" : "; did you mean '" + best + "'?";
  }

  /**
   * The applicable method whose parameters fit every other's, as javac would choose (the only one,
   * when just one applies); or null.
   */
  private ExecutableElement mostSpecific(Context c, List<ExecutableElement> applicable) {
    for (ExecutableElement candidate : applicable) {
      List<TypeMirror> mine = parameterTypes(c, candidate);
      boolean specific = true;
      for (ExecutableElement other : applicable) {
        if (other == candidate) {
          continue;
        }
        List<TypeMirror> theirs = parameterTypes(c, other);
        for (int i = 0; i < mine.size() && specific; i++) {
          // Primitives by primitive subtyping (int <: long), references by subtyping; a
          // primitive and a reference parameter are not comparable.
          specific =
              mine.get(i).getKind().isPrimitive() == theirs.get(i).getKind().isPrimitive()
                  && types.isSubtype(mine.get(i), theirs.get(i));
        }
      }
      if (specific) {
        return candidate;
      }
    }
    return null;
  }
}
