package dev.fanout.processor;

import dev.fanout.processor.FanOutMethodModel.Kind;
import dev.fanout.processor.FanOutMethodModel.Result;
import dev.fanout.processor.FanOutMethodModel.Strategy;
import dev.fanout.processor.ValidatedMethod.Leaf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The validation step for one abstract {@code @FanOut} method of a service interface: it reads the
 * method, its annotation and its leaves, reports every problem to the {@link ValidationReport}, on
 * the element and annotation value to change, and for a valid method returns what it decided as a
 * {@link ValidatedMethod}. Nothing here throws for bad user code. Which method each leaf call
 * reaches, and whether the child can use it, {@link LeafResolver} decides, into the same report.
 *
 * <p>It never builds a {@link FanOutMethodModel}: {@link FanOutMethodModels} does that, and only
 * once every method of the service has validated without a blocking error (see {@link
 * ServiceAnalyzer}). So every decision that can fail is made here, and the build step has nothing
 * left to report.
 */
final class FanOutMethodValidator {
  static final String FAN_OUT = "dev.fanout.annotation.FanOut";
  static final String EACH = "dev.fanout.annotation.Each";

  private final Types types;
  private final Elements elements;
  private final TypeMirror iterable;
  private final TypeMirror consumer;
  private final TypeMirror runtimeException;
  private final TypeMirror error;
  private final TypeMirror interruptedException;
  private final TypeMirror timeoutException;
  private final List<TypeMirror> lazyTypes = new ArrayList<>();
  private final SendableChecks sendable;
  private final Predicate<Element> inSource;
  private final LeafResolver leafResolver;

  /**
   * @param sendable the Sendable checks, shared by every validation of the compilation
   * @param inSource whether an element is compiled in this round (its diagnostics can point at it)
   */
  FanOutMethodValidator(
      ProcessingEnvironment env, SendableChecks sendable, Predicate<Element> inSource) {
    this.sendable = sendable;
    this.inSource = inSource;
    this.leafResolver = new LeafResolver(env);
    this.types = env.getTypeUtils();
    this.elements = env.getElementUtils();
    this.iterable = erased("java.lang.Iterable");
    this.consumer = erased("java.util.function.Consumer");
    this.runtimeException = erased("java.lang.RuntimeException");
    this.error = erased("java.lang.Error");
    this.interruptedException = erased("java.lang.InterruptedException");
    this.timeoutException = erased("java.util.concurrent.TimeoutException");
    for (String lazy :
        List.of(
            "java.util.stream.BaseStream",
            "java.util.Iterator",
            "java.util.Spliterator",
            "java.util.concurrent.Future",
            "java.util.concurrent.CompletionStage",
            "java.util.concurrent.Callable",
            "java.util.concurrent.Flow.Publisher",
            "java.util.function.Supplier")) {
      lazyTypes.add(erased(lazy));
    }
  }

  /** Whether values of {@code type} do their work later: streams, futures, suppliers... */
  private boolean isLazy(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return false;
    }
    TypeMirror erasure = types.erasure(type);
    return lazyTypes.stream().anyMatch(lazy -> types.isAssignable(erasure, lazy));
  }

  /**
   * Child results cross threads and must be Sendable; shared arguments should be.
   *
   * @param components the record component each leaf produces, in the leaves' order, when the
   *     method assembles a record from one child per component; otherwise null
   */
  private void checkSendable(
      Context c,
      ResultShape shape,
      List<ExecutableElement> leaves,
      List<? extends RecordComponentElement> components,
      Integer fannedIndex,
      Integer consumerIndex) {
    if (shape.keepsValues()) {
      for (int i = 0; i < leaves.size(); i++) {
        ExecutableElement leaf = leaves.get(i);
        sendable.checkChildResult(
            c.memberType(leaf).getReturnType(),
            leaf,
            components == null ? null : components.get(i),
            c.method,
            c.report,
            inSource);
      }
    }
    List<? extends VariableElement> parameters = c.method.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      boolean perChild = (fannedIndex != null && i == fannedIndex);
      boolean consumer = (consumerIndex != null && i == consumerIndex);
      if (!perChild && !consumer && !SendableAnalysis.isTrusted(parameters.get(i))) {
        sendable.checkSharedArgument(
            parameters.get(i), c.signature.getParameterTypes().get(i), c.method, c.report);
      }
    }
  }

  private TypeMirror erased(String name) {
    return types.erasure(elements.getTypeElement(name).asType());
  }

  /**
   * What one validation needs to know about its method, gathered once, and where its diagnostics
   * go. {@link LeafResolver} is given it too, to resolve the method's leaves.
   */
  final class Context {
    /** The interface the method is implemented for: the leaves are its methods. */
    final TypeElement service;
    /** {@code service} as a type: the method and its leaves are seen as its members. */
    final DeclaredType serviceType;
    /** The {@code @FanOut} method, never its own leaf. */
    final ExecutableElement method;
    /** The method as a member of the service: type arguments substituted. */
    final ExecutableType signature;
    /** The method's {@code @FanOut}. */
    final AnnotationMirror annotation;
    final ValidationReport report;
    /** The method as diagnostics name it. */
    final String display;

    Context(
        TypeElement service,
        DeclaredType serviceType,
        ExecutableElement method,
        AnnotationMirror annotation,
        ValidationReport report) {
      this.service = service;
      this.serviceType = serviceType;
      this.method = method;
      this.signature = memberType(method);
      this.annotation = annotation;
      this.report = report;
      this.display = Describe.method(method, signature.getParameterTypes());
    }

    AnnotationValue explicitValue(String name) {
      for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
          annotation.getElementValues().entrySet()) {
        if (entry.getKey().getSimpleName().contentEquals(name)) {
          return entry.getValue();
        }
      }
      return null;
    }

    Object value(String name) {
      for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
          elements.getElementValuesWithDefaults(annotation).entrySet()) {
        if (entry.getKey().getSimpleName().contentEquals(name)) {
          return entry.getValue().getValue();
        }
      }
      throw new IllegalStateException("@FanOut has no member " + name);
    }

    /** {@code member} as a member of the service: its type arguments substituted. */
    ExecutableType memberType(ExecutableElement member) {
      return (ExecutableType) types.asMemberOf(serviceType, member);
    }

    /** An error on the annotation's {@code member} value, or on the annotation without one. */
    void errorOnValue(String member, Message message, Object... args) {
      report.error(message, method, annotation, explicitValue(member), args);
    }

    /** An error on the {@code using} value, or on the method when the annotation spells none. */
    void errorOnUsingOrMethod(Message message, Object... args) {
      if (explicitValue("using") != null) {
        errorOnValue("using", message, args);
      } else {
        report.error(message, method, args);
      }
    }
  }

  /**
   * What was decided about {@code method}, or null when it is invalid: the reasons are then in
   * {@code report}, except for a broken {@code strategy} constant, which javac reports itself.
   * Sendable problems are reported too, but do not make the method invalid.
   */
  ValidatedMethod validate(
      TypeElement service,
      DeclaredType serviceType,
      ExecutableElement method,
      AnnotationMirror annotation,
      ValidationReport report) {
    Context c = new Context(service, serviceType, method, annotation, report);
    long errorsBefore = report.blockingErrors();

    if (!method.getTypeParameters().isEmpty()) {
      report.error(Message.GENERIC_METHOD, method, c.display);
      return null;
    }
    Strategy strategy = strategy(c);
    int concurrency = (Integer) c.value("concurrency");
    if (concurrency < 0) {
      c.errorOnValue("concurrency", Message.NEGATIVE_CONCURRENCY, concurrency, c.display);
    }
    Duration timeout = timeout(c);
    List<String> using = using(c);
    List<? extends VariableElement> parameters = method.getParameters();
    List<? extends TypeMirror> parameterTypes = c.signature.getParameterTypes();

    Integer consumerIndex = consumerIndex(c);
    Integer fannedIndex = fannedIndex(c, using, consumerIndex);
    if (strategy == null || report.blockingErrors() > errorsBefore) {
      return null; // the shape cannot be decided on; the errors so far say why
    }

    Kind kind;
    if (fannedIndex != null) {
      kind = Kind.ELEMENTS;
      if (using.size() > 1) {
        c.errorOnValue(
            "using",
            Message.SEVERAL_LEAVES_OVER_ELEMENTS,
            c.display,
            parameters.get(fannedIndex).getSimpleName(),
            using.size(),
            String.join(", ", using));
        return null;
      }
    } else if (!using.isEmpty()) {
      kind = Kind.METHODS;
    } else if (isRecord(c.signature.getReturnType())
        && !((TypeElement) ((DeclaredType) c.signature.getReturnType()).asElement())
            .getRecordComponents()
            .isEmpty()) {
      kind = Kind.COMPONENTS;
    } else {
      report.error(Message.NOTHING_TO_FAN_OUT, method, c.display);
      return null;
    }

    TypeMirror elementType =
        fannedIndex == null ? null : elementType(parameterTypes.get(fannedIndex));
    ResultShape shape = resultShape(c, kind, strategy, elementType, consumerIndex);
    if (shape == null) {
      return null;
    }
    for (TypeMirror result : List.of(c.signature.getReturnType(), shape.childType())) {
      if (isLazy(result)) {
        report.error(Message.LAZY_RESULT, method, c.display, Describe.type(result));
        return null;
      }
    }
    if (consumerIndex != null && !consumerFits(c, consumerIndex, kind, strategy, shape)) {
      return null;
    }

    List<Leaf> leaves = new ArrayList<>();
    List<? extends RecordComponentElement> components = null; // for COMPONENTS: one leaf each
    List<TypeMirror> argumentTypes =
        ValidatedMethod.leafArguments(parameterTypes, fannedIndex, consumerIndex, elementType);
    switch (kind) {
      case ELEMENTS:
        {
          String leafName = using.isEmpty() ? method.getSimpleName().toString() : using.get(0);
          addLeaf(leaves, leafResolver.resolve(c, leafName, argumentTypes, shape));
          break;
        }
      case METHODS:
        {
          for (String leafName : new LinkedHashSet<>(using)) {
            addLeaf(leaves, leafResolver.resolve(c, leafName, argumentTypes, shape));
          }
          break;
        }
      case COMPONENTS:
        {
          DeclaredType record = (DeclaredType) c.signature.getReturnType();
          TypeElement recordElement = (TypeElement) record.asElement();
          components = recordElement.getRecordComponents();
          for (RecordComponentElement component : components) {
            TypeMirror componentType =
                ((ExecutableType) types.asMemberOf(record, component.getAccessor())).getReturnType();
            ResultShape componentShape = new ResultShape(Result.RECORD, componentType);
            addLeaf(
                leaves,
                leafResolver.resolve(
                    c, component.getSimpleName().toString(), argumentTypes, componentShape));
          }
          break;
        }
      default:
        throw new AssertionError(kind);
    }

    List<ExecutableElement> leafMethods =
        leaves.stream().map(Leaf::method).collect(Collectors.toList());
    checkExceptions(c, leafMethods);
    List<TypeMirror> rethrown = rethrownExceptions(c, leafMethods);
    if (report.blockingErrors() > errorsBefore) {
      return null;
    }
    // Every leaf resolved (else the errors returned above), so leaves and components pair up.
    checkSendable(c, shape, leafMethods, components, fannedIndex, consumerIndex);

    return new ValidatedMethod(
        service,
        method,
        c.signature,
        strategy,
        concurrency,
        timeout,
        timeout == null ? null : ((String) c.value("timeout")).strip(),
        kind,
        fannedIndex,
        elementType,
        consumerIndex,
        shape.result(),
        shape.childType(),
        leaves,
        rethrown,
        declares(c, interruptedException),
        declares(c, timeoutException));
  }

  /** A leaf that did not resolve has been reported, and the method is invalid. */
  private static void addLeaf(List<Leaf> leaves, Leaf leaf) {
    if (leaf != null) {
      leaves.add(leaf);
    }
  }
  // --- annotation values ---------------------------------------------------------------------

  private Strategy strategy(Context c) {
    Object value = c.value("strategy");
    if (!(value instanceof VariableElement)) {
      return null; // javac reports the broken constant itself
    }
    return Strategy.valueOf(((VariableElement) value).getSimpleName().toString());
  }

  private Duration timeout(Context c) {
    String text = (String) c.value("timeout");
    try {
      return TimeoutSyntax.parse(text).orElse(null);
    } catch (IllegalArgumentException e) {
      c.errorOnValue("timeout", Message.BAD_TIMEOUT, text, c.display);
      return null;
    }
  }

  private List<String> using(Context c) {
    Object value = c.value("using");
    List<String> names = new ArrayList<>();
    if (value instanceof List<?>) {
      for (Object entry : (List<?>) value) {
        Object name = ((AnnotationValue) entry).getValue();
        if (name instanceof String && !((String) name).isBlank()) {
          names.add(((String) name).strip());
        }
      }
    }
    return names;
  }

  // --- parameters ------------------------------------------------------------------------------

  private Integer consumerIndex(Context c) {
    List<Integer> consumers = new ArrayList<>();
    List<? extends TypeMirror> parameterTypes = c.signature.getParameterTypes();
    for (int i = 0; i < parameterTypes.size(); i++) {
      if (types.isSameType(types.erasure(parameterTypes.get(i)), consumer)) {
        consumers.add(i);
      }
    }
    if (consumers.size() > 1) {
      c.report.error(
          Message.SEVERAL_CONSUMERS, c.method, c.display, names(c.method, consumers));
      return null;
    }
    return consumers.isEmpty() ? null : consumers.get(0);
  }

  private Integer fannedIndex(Context c, List<String> using, Integer consumerIndex) {
    List<? extends VariableElement> parameters = c.method.getParameters();
    List<? extends TypeMirror> parameterTypes = c.signature.getParameterTypes();
    List<Integer> marked = new ArrayList<>();
    List<Integer> collections = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      if (Annotations.has(parameters.get(i), EACH)) {
        marked.add(i);
      }
      if ((consumerIndex == null || i != consumerIndex) && isCollection(parameterTypes.get(i))) {
        collections.add(i);
      }
    }
    if (marked.size() > 1) {
      c.report.error(Message.SEVERAL_EACH, c.method, c.display, names(c.method, marked));
      return null;
    }
    if (marked.size() == 1) {
      int index = marked.get(0);
      if (!collections.contains(index)) {
        c.report.error(
            Message.EACH_NOT_COLLECTION,
            parameters.get(index),
            parameters.get(index).getSimpleName(),
            c.display,
            Describe.type(parameterTypes.get(index)));
        return null;
      }
      return index;
    }
    if (using.size() > 1) {
      return null; // several leaves: one child per leaf, arguments passed as they are
    }
    if (collections.size() > 1) {
      c.report.error(
          Message.SEVERAL_COLLECTIONS, c.method, c.display, names(c.method, collections));
      return null;
    }
    return collections.isEmpty() ? null : collections.get(0);
  }

  private static String names(ExecutableElement method, List<Integer> indices) {
    return indices.stream()
        .map(i -> "'" + method.getParameters().get(i).getSimpleName() + "'")
        .collect(Collectors.joining(", "));
  }

  private boolean isCollection(TypeMirror type) {
    return type.getKind() == TypeKind.ARRAY
        || (type.getKind() == TypeKind.DECLARED
            && types.isAssignable(types.erasure(type), iterable));
  }

  /** {@code E} of an array {@code E[]} or of an {@code Iterable<E>} subtype. */
  private TypeMirror elementType(TypeMirror collection) {
    if (collection.getKind() == TypeKind.ARRAY) {
      return ((ArrayType) collection).getComponentType();
    }
    TypeMirror argument = iterableArgument(collection);
    if (argument == null) {
      return elements.getTypeElement("java.lang.Object").asType();
    }
    if (argument.getKind() == TypeKind.WILDCARD) {
      // What a loop can read: the extends bound; `? super X` only promises Object.
      TypeMirror bound = ((WildcardType) argument).getExtendsBound();
      return bound != null ? bound : elements.getTypeElement("java.lang.Object").asType();
    }
    return upperBound(argument);
  }

  private TypeMirror iterableArgument(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    if (types.isSameType(types.erasure(type), iterable)) {
      List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
      return arguments.isEmpty() ? null : arguments.get(0);
    }
    for (TypeMirror supertype : types.directSupertypes(type)) {
      TypeMirror argument = iterableArgument(supertype);
      if (argument != null) {
        return argument;
      }
    }
    return null;
  }

  /** The type a value of {@code type} can be used as: the bound of a wildcard or capture. */
  private TypeMirror upperBound(TypeMirror type) {
    if (type.getKind() == TypeKind.WILDCARD) {
      WildcardType wildcard = (WildcardType) type;
      if (wildcard.getExtendsBound() != null) {
        return wildcard.getExtendsBound();
      }
      if (wildcard.getSuperBound() != null) {
        return wildcard.getSuperBound();
      }
      return elements.getTypeElement("java.lang.Object").asType();
    }
    if (type.getKind() == TypeKind.TYPEVAR && isCaptured((TypeVariable) type)) {
      return ((TypeVariable) type).getUpperBound();
    }
    return type;
  }

  private static boolean isCaptured(TypeVariable variable) {
    return variable.asElement().getEnclosingElement() == null
        || variable.toString().startsWith("capture#");
  }

  // --- results -------------------------------------------------------------------------------

  private boolean isRecord(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((DeclaredType) type).asElement().getKind() == ElementKind.RECORD;
  }

  private ResultShape resultShape(
      Context c, Kind kind, Strategy strategy, TypeMirror elementType, Integer consumerIndex) {
    TypeMirror returnType = c.signature.getReturnType();
    String over = kind == Kind.ELEMENTS ? "over elements" : kind == Kind.METHODS ? "over leaves" : "over record components";
    if (kind == Kind.COMPONENTS) {
      if (strategy != Strategy.ALL) {
        c.errorOnValue("strategy", Message.RECORD_NEEDS_ALL, c.display, Describe.type(returnType), strategy);
        return null;
      }
      return new ResultShape(Result.RECORD, elements.getTypeElement("java.lang.Object").asType());
    }
    if (strategy != Strategy.ALL) {
      if (returnType.getKind() == TypeKind.VOID) {
        c.errorOnValue("strategy", Message.NEEDS_RESULT, strategy, c.display);
        return null;
      }
      return new ResultShape(Result.SINGLE, returnType);
    }
    if (returnType.getKind() == TypeKind.VOID) {
      if (consumerIndex != null) {
        // The streaming shape: each result goes to the Consumer as it completes, none is
        // returned. The children produce what the Consumer accepts.
        TypeMirror accepted = consumerAccepts(c, consumerIndex);
        return new ResultShape(
            Result.VOID,
            accepted != null ? accepted : elements.getTypeElement("java.lang.Object").asType(),
            true);
      }
      return new ResultShape(Result.VOID, elements.getTypeElement("java.lang.Void").asType());
    }
    if (returnType.getKind() == TypeKind.DECLARED) {
      DeclaredType declared = (DeclaredType) returnType;
      String raw = ((TypeElement) declared.asElement()).getQualifiedName().toString();
      List<? extends TypeMirror> arguments = declared.getTypeArguments();
      if ((raw.equals("java.util.List") || raw.equals("java.util.Collection")) && arguments.size() == 1) {
        return new ResultShape(Result.LIST, upperBound(arguments.get(0)));
      }
      if (raw.equals("java.util.Set") && arguments.size() == 1) {
        return new ResultShape(Result.SET, upperBound(arguments.get(0)));
      }
      if (raw.equals("java.util.Map") && arguments.size() == 2 && kind == Kind.ELEMENTS) {
        TypeMirror keyType = upperBound(arguments.get(0));
        if (!types.isAssignable(elementType, keyType)) {
          return unsupportedResult(c, over, strategy,
              "Its keys are the elements, of type " + Describe.type(elementType) + "; declare Map<"
                  + Describe.type(elementType) + ", ...>");
        }
        return new ResultShape(Result.MAP, upperBound(arguments.get(1)));
      }
    }
    return unsupportedResult(c, over, strategy,
        kind == Kind.ELEMENTS
            ? "Return List<R> or Set<R> (input order), Map<E, R> (keyed by element) or void"
            : "Return List<R> (in 'using' order) or void; RACE and ANY return R");
  }

  /** Reports a result the fan-out cannot produce, with {@code hint} on what to return instead. */
  private ResultShape unsupportedResult(Context c, String over, Strategy strategy, String hint) {
    c.report.error(
        Message.UNSUPPORTED_RESULT,
        c.method,
        c.display,
        Describe.type(c.signature.getReturnType()),
        over,
        strategy,
        hint);
    return null;
  }

  private boolean consumerFits(Context c, int index, Kind kind, Strategy strategy, ResultShape shape) {
    VariableElement parameter = c.method.getParameters().get(index);
    if (strategy != Strategy.ALL) {
      c.report.error(
          Message.CONSUMER_NEEDS_ALL, parameter, c.display, parameter.getSimpleName(), strategy);
      return false;
    }
    if (shape.result() == Result.RECORD) {
      c.report.error(
          Message.CONSUMER_WITH_RECORD,
          parameter,
          c.display,
          Describe.type(c.signature.getReturnType()),
          parameter.getSimpleName());
      return false;
    }
    DeclaredType consumerType = (DeclaredType) c.signature.getParameterTypes().get(index);
    TypeMirror accepted = consumerAccepts(c, index);
    if (accepted == null || !types.isAssignable(shape.childType(), accepted)) {
      c.report.error(
          Message.CONSUMER_TYPE,
          parameter,
          parameter.getSimpleName(),
          c.display,
          Describe.type(consumerType),
          Describe.type(shape.childType()),
          Describe.type(shape.childType()));
      return false;
    }
    return true;
  }

  /** What the Consumer parameter accepts: {@code X} of {@code Consumer<X>} or {@code <? super X>}. */
  private TypeMirror consumerAccepts(Context c, int index) {
    DeclaredType consumerType = (DeclaredType) c.signature.getParameterTypes().get(index);
    if (consumerType.getTypeArguments().size() != 1) {
      return null;
    }
    TypeMirror argument = consumerType.getTypeArguments().get(0);
    return argument.getKind() == TypeKind.WILDCARD
        ? ((WildcardType) argument).getSuperBound()
        : argument;
  }

  // --- exceptions ------------------------------------------------------------------------------

  private void checkExceptions(Context c, List<ExecutableElement> leaves) {
    List<? extends TypeMirror> declared = c.signature.getThrownTypes();
    Set<String> reported = new HashSet<>();
    for (ExecutableElement leaf : leaves) {
      ExecutableType leafType = c.memberType(leaf);
      for (TypeMirror thrown : leafType.getThrownTypes()) {
        if (isUnchecked(thrown) || declared.stream().anyMatch(d -> types.isAssignable(thrown, d))) {
          continue;
        }
        if (reported.add(thrown.toString())) {
          c.report.error(
              Message.UNDECLARED_EXCEPTION,
              c.method,
              Describe.method(leaf, leafType.getParameterTypes()),
              Describe.type(thrown),
              c.display,
              Describe.type(thrown),
              c.method.getSimpleName());
        }
      }
    }
  }

  /**
   * The checked exceptions the method declares that a leaf can actually throw (the leaf declares
   * it, a subtype or a supertype of it): those a failure is tested for and rethrown as. A declared
   * exception no leaf throws would be a branch that never runs.
   */
  private List<TypeMirror> rethrownExceptions(Context c, List<ExecutableElement> leaves) {
    List<TypeMirror> rethrown = new ArrayList<>();
    for (TypeMirror thrown : c.signature.getThrownTypes()) {
      if (thrown.getKind() == TypeKind.TYPEVAR) {
        c.report.error(Message.GENERIC_THROWS, c.method, c.display, Describe.type(thrown));
      } else if (!isUnchecked(thrown) && aLeafMayThrow(c, leaves, thrown)) {
        rethrown.add(thrown);
      }
    }
    return rethrown;
  }

  private boolean aLeafMayThrow(Context c, List<ExecutableElement> leaves, TypeMirror declared) {
    for (ExecutableElement leaf : leaves) {
      for (TypeMirror thrown : c.memberType(leaf).getThrownTypes()) {
        if (types.isAssignable(thrown, declared) || types.isAssignable(declared, thrown)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean isUnchecked(TypeMirror thrown) {
    return types.isAssignable(thrown, runtimeException) || types.isAssignable(thrown, error);
  }

  private boolean declares(Context c, TypeMirror exception) {
    return c.signature.getThrownTypes().stream().anyMatch(d -> types.isAssignable(exception, d));
  }
}
