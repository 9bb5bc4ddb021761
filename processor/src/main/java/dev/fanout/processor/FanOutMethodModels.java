package dev.fanout.processor;

import com.palantir.javapoet.TypeName;
import dev.fanout.processor.FanOutMethodModel.Child;
import dev.fanout.processor.FanOutMethodModel.Kind;
import dev.fanout.processor.FanOutMethodModel.LinkTarget;
import dev.fanout.processor.FanOutMethodModel.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The build step for one {@code @FanOut} method: turns what {@link FanOutMethodValidator} decided
 * (a {@link ValidatedMethod}) into the immutable {@link FanOutMethodModel} the writer renders.
 *
 * <p>It runs on clean input only: {@link ServiceAnalyzer} calls it once every method of the
 * service has validated without a blocking error. So it takes no {@link ValidationReport} and
 * reports nothing; whatever could fail was decided before. What is left is naming (the generated
 * parameters, the element variable, the components' handles and the locals, each clear of the
 * others), the lint categories the override must suppress, the Javadoc links, and types as JavaPoet
 * names. It reads elements for that (erasure, deprecation), never to judge the method. The model it
 * returns is the last step that looks at elements: the writer reads only the model.
 */
final class FanOutMethodModels {
  private final Types types;
  private final Elements elements;

  FanOutMethodModels(ProcessingEnvironment env) {
    this.types = env.getTypeUtils();
    this.elements = env.getElementUtils();
  }

  /** The model of a validated method; never null. */
  FanOutMethodModel build(ValidatedMethod validated) {
    ExecutableElement method = validated.method();
    ExecutableType signature = validated.signature();
    List<? extends VariableElement> parameters = method.getParameters();
    List<? extends TypeMirror> parameterTypes = signature.getParameterTypes();
    Integer fannedIndex = validated.fannedIndex();
    Integer consumerIndex = validated.consumerIndex();
    // The generated method's parameter names (see VariableNames.parameters).
    List<String> parameterNames =
        VariableNames.parameters(
            parameters.stream().map(p -> p.getSimpleName().toString()).collect(Collectors.toList()));

    Set<String> taken = new HashSet<>(parameterNames);
    String elementVariable =
        fannedIndex == null ? null : VariableNames.elementOf(parameterNames.get(fannedIndex), taken);
    List<String> arguments = validated.leafArguments(parameterNames, elementVariable);
    List<Child> children = new ArrayList<>();
    for (ValidatedMethod.Leaf leaf : validated.leaves()) {
      String variable = null;
      if (validated.kind() == Kind.COMPONENTS) { // a handle per component, named after it
        variable = VariableNames.unique(leaf.name(), taken);
        taken.add(variable);
      }
      children.add(child(leaf, arguments, variable));
    }

    if (elementVariable != null) {
      taken.add(elementVariable);
    }
    FanOutMethodModel.Locals locals =
        new FanOutMethodModel.Locals(
            claim("group", taken), claim("e", taken), claim("failure", taken), claim("done", taken),
            claim("seen", taken));
    Set<String> suppressed = new LinkedHashSet<>();
    List<Element> used = new ArrayList<>();
    validated.leaves().forEach(leaf -> used.add(leaf.method()));
    List<TypeMirror> mentioned = new ArrayList<>(signature.getParameterTypes());
    mentioned.add(signature.getReturnType());
    mentioned.addAll(signature.getThrownTypes());
    mentioned.add(validated.childType());
    for (TypeMirror type : mentioned) {
      MentionedTypes.forEach(type, used::add);
    }
    for (Element element : used) {
      Deprecated deprecation = element.getAnnotation(Deprecated.class);
      if (deprecation != null || elements.isDeprecated(element)) {
        suppressed.add(deprecation != null && deprecation.forRemoval() ? "removal" : "deprecation");
      }
    }
    boolean genericVarargs = false;
    if (method.isVarArgs()) {
      TypeMirror component =
          ((ArrayType) parameterTypes.get(parameterTypes.size() - 1)).getComponentType();
      genericVarargs =
          component.getKind() == TypeKind.TYPEVAR
              || (component.getKind() == TypeKind.DECLARED
                  && !((DeclaredType) component).getTypeArguments().isEmpty());
    }

    List<Parameter> parameterModels = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      parameterModels.add(new Parameter(parameterNames.get(i), TypeName.get(parameterTypes.get(i))));
    }
    FanOutMethodModel.Fan fan;
    switch (validated.kind()) {
      case ELEMENTS:
        fan =
            new FanOutMethodModel.OverElements(
                parameterModels.get(fannedIndex),
                emptyTest(parameterTypes.get(fannedIndex)),
                TypeName.get(validated.elementType()),
                elementVariable,
                children.get(0));
        break;
      case METHODS:
        fan = new FanOutMethodModel.OverLeaves(List.copyOf(children));
        break;
      case COMPONENTS:
        fan = new FanOutMethodModel.OverComponents(List.copyOf(children));
        break;
      default:
        throw new AssertionError(validated.kind());
    }
    return new FanOutMethodModel(
        method.getSimpleName().toString(),
        Describe.nestedName(validated.service()) + "." + method.getSimpleName(),
        parameterModels,
        method.isVarArgs(),
        TypeName.get(signature.getReturnType()),
        signature.getThrownTypes().stream().map(TypeName::get).collect(Collectors.toList()),
        validated.strategy(),
        validated.concurrency(),
        validated.timeout(),
        validated.timeoutText(),
        fan,
        validated.result(),
        TypeName.get(validated.childType()).box(),
        consumerIndex == null ? null : parameterModels.get(consumerIndex),
        validated.rethrown().stream().map(TypeName::get).collect(Collectors.toList()),
        validated.declaresInterrupted(),
        validated.declaresTimeout(),
        linkTo(method),
        locals,
        elements.isDeprecated(method),
        suppressedWarnings(suppressed, genericVarargs));
  }

  private Child child(ValidatedMethod.Leaf leaf, List<String> arguments, String variable) {
    boolean returnsNull = leaf.result() == null;
    TypeName resultType =
        returnsNull ? TypeName.get(Void.class) : TypeName.get(leaf.result()).box();
    return new Child(
        leaf.name(),
        List.copyOf(arguments),
        resultType,
        returnsNull,
        leaf.throwsThrowable(),
        variable,
        linkTo(leaf.method()));
  }

  /** In a fixed order, so that the generated code does not depend on the order of discovery. */
  private static List<String> suppressedWarnings(Set<String> deprecations, boolean genericVarargs) {
    List<String> warnings = new ArrayList<>();
    for (String category : List.of("deprecation", "removal")) {
      if (deprecations.contains(category)) {
        warnings.add(category);
      }
    }
    if (genericVarargs) {
      warnings.add("unchecked"); // the interface declared the generic varargs
    }
    return warnings;
  }

  private static String claim(String preferred, Set<String> taken) {
    String name = VariableNames.unique(preferred, taken);
    taken.add(name);
    return name;
  }

  /**
   * How the generated code tells that the fanned input is empty: before the group opens for a
   * collection or an array, after spawning for any other {@code Iterable}.
   */
  private FanOutMethodModel.EmptyTest emptyTest(TypeMirror fanned) {
    if (fanned.getKind() == TypeKind.ARRAY) {
      return FanOutMethodModel.EmptyTest.ARRAY_LENGTH;
    }
    TypeMirror collection = types.erasure(elements.getTypeElement("java.util.Collection").asType());
    return types.isAssignable(types.erasure(fanned), collection)
        ? FanOutMethodModel.EmptyTest.COLLECTION_IS_EMPTY
        : FanOutMethodModel.EmptyTest.NOTHING_SPAWNED;
  }

  private LinkTarget linkTo(ExecutableElement method) {
    List<TypeName> erased = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      erased.add(TypeName.get(types.erasure(parameter.asType())));
    }
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    return new LinkTarget(
        TypeName.get(types.erasure(owner.asType())), method.getSimpleName().toString(), erased);
  }
}
