package dev.fanout.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.fanout.processor.FanOutMethodModel.Child;
import dev.fanout.processor.FanOutMethodModel.OverComponents;
import dev.fanout.processor.FanOutMethodModel.OverElements;
import dev.fanout.processor.FanOutMethodModel.OverLeaves;
import dev.fanout.processor.FanOutMethodModel.LinkTarget;
import dev.fanout.processor.FanOutMethodModel.Parameter;
import dev.fanout.processor.FanOutMethodModel.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Renders a {@link ServiceModel} as Java source. Every decision was made before: by validation,
 * and by the build step that turned it into the model; this class only chooses words and layout,
 * so that the output reads like code a person wrote.
 */
final class ServiceWriter {
  private static final ClassName TASK_GROUP = ClassName.get("dev.fanout", "TaskGroup");
  private static final ClassName SUBTASK = ClassName.get("dev.fanout", "Subtask");
  private static final ClassName SUBTASK_STATE = SUBTASK.nestedClass("State");
  private static final ClassName HASH_SET = ClassName.get("java.util", "HashSet");
  private static final ClassName TASK_GROUP_EXCEPTION =
      ClassName.get("dev.fanout", "TaskGroupException");
  private static final ClassName TASK_GROUP_TIMEOUT_EXCEPTION =
      ClassName.get("dev.fanout", "TaskGroupTimeoutException");
  private static final ClassName FAN_OUT_EXCEPTIONS =
      ClassName.get("dev.fanout.internal", "FanOutExceptions");
  private static final ClassName PROCESSOR =
      ClassName.get("dev.fanout.processor", "FanOutProcessor");
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  private static final ClassName COLLECTIONS = ClassName.get("java.util", "Collections");
  private static final ClassName LINKED_HASH_SET = ClassName.get("java.util", "LinkedHashSet");
  private static final ClassName LIST = ClassName.get("java.util", "List");
  private static final ClassName SET = ClassName.get("java.util", "Set");
  private static final ClassName MAP = ClassName.get("java.util", "Map");
  private static final ClassName DURATION = ClassName.get(Duration.class);
  private static final ClassName THROWABLE = ClassName.get(Throwable.class);

  private ServiceWriter() {}

  static JavaFile write(ServiceModel service) {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(service.generatedClass())
            .addModifiers(Modifier.ABSTRACT)
            .addTypeVariables(service.typeVariables())
            .addSuperinterface(service.implementedType())
            .addJavadoc(
                "Implements the {@code @FanOut} methods of {@link $T} over a {@link $T}.\n\n"
                    + "<p>Extend this class and implement the remaining abstract methods:\n"
                    + "the leaves that each child task calls.\n",
                service.serviceClass(),
                TASK_GROUP);
    if (service.isPublic()) {
      type.addModifiers(Modifier.PUBLIC);
    }
    if (service.nonSealed()) {
      type.addModifiers(Modifier.NON_SEALED);
    }
    if (service.deprecation() != ServiceModel.Deprecation.NONE) {
      type.addAnnotation(Deprecated.class); // implements a deprecated interface
    }
    if (!service.suppressedWarnings().isEmpty()) {
      type.addAnnotation(suppressWarnings(service.suppressedWarnings()));
    }
    // A member type the class inherits, or a type of its package, hides an import of its name.
    List<String> qualified = new ArrayList<>(service.qualifiedNames());
    if (qualified.contains(SUBTASK.simpleName())) {
      // JavaPoet qualifies by simple name: Subtask.State would otherwise import Subtask.
      qualified.add(SUBTASK_STATE.simpleName());
    }
    type.alwaysQualify(qualified.toArray(new String[0]));
    type.addMethod(
        MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PROTECTED)
            .addJavadoc("For subclasses, which implement the leaves.\n")
            .build());
    if (service.generatedAnnotation() != null) {
      type.addAnnotation(
          AnnotationSpec.builder(service.generatedAnnotation())
              .addMember("value", "$S", PROCESSOR.canonicalName())
              .build());
    }
    for (FanOutMethodModel method : service.methods()) {
      type.addMethod(method(service, method));
    }
    return JavaFile.builder(service.generatedClass().packageName(), type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  private static MethodSpec method(ServiceModel service, FanOutMethodModel m) {
    MethodSpec.Builder method = MethodSpec.methodBuilder(m.name());
    if (m.deprecated()) {
      method.addAnnotation(Deprecated.class);
    }
    method
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(m.returnType())
            .addExceptions(m.thrownTypes())
            .varargs(m.varargs())
            .addJavadoc(javadoc(service, m));
    if (!m.suppressedWarnings().isEmpty()) {
      method.addAnnotation(suppressWarnings(m.suppressedWarnings()));
    }
    for (Parameter parameter : m.parameters()) {
      method.addParameter(parameter.type(), parameter.name());
    }
    OverElements elements = m.fan() instanceof OverElements ? (OverElements) m.fan() : null;
    if (elements != null) {
      String fanned = elements.fanned().name();
      method.addStatement("$T.requireNonNull($N, $S)", OBJECTS, fanned, fanned);
    }
    if (m.consumer() != null) {
      method.addStatement(
          "$T.requireNonNull($N, $S)", OBJECTS, m.consumer().name(), m.consumer().name());
    }
    if (elements != null && elements.emptyTest() == FanOutMethodModel.EmptyTest.COLLECTION_IS_EMPTY) {
      method.beginControlFlow("if ($N.isEmpty())", elements.fanned().name());
      emptyResult(method, m, elements);
      method.endControlFlow();
    } else if (elements != null && elements.emptyTest() == FanOutMethodModel.EmptyTest.ARRAY_LENGTH) {
      method.beginControlFlow("if ($N.length == 0)", elements.fanned().name());
      emptyResult(method, m, elements);
      method.endControlFlow();
    }
    method.beginControlFlow(
        "try ($T<$T> $N =\n$>$>$L$<$<)", TASK_GROUP, m.childType(), m.locals().group(), openGroup(m));
    spawnChildren(method, m);
    combineResults(method, m);
    translateFailures(method, m);
    method.endControlFlow();
    return method.build();
  }

  /** {@code @SuppressWarnings("a")} or {@code @SuppressWarnings({"a", "b"})}. */
  private static AnnotationSpec suppressWarnings(List<String> categories) {
    List<CodeBlock> values = new ArrayList<>();
    for (String category : categories) {
      values.add(CodeBlock.of("$S", category));
    }
    CodeBlock value =
        values.size() == 1
            ? values.get(0)
            : CodeBlock.of("{$L}", CodeBlock.join(values, ", "));
    return AnnotationSpec.builder(SuppressWarnings.class).addMember("value", value).build();
  }

  /** The builder chain, one call per line as google-java-format lays it out. */
  private static CodeBlock openGroup(FanOutMethodModel m) {
    CodeBlock.Builder open =
        CodeBlock.builder().add("$T.builder()\n$>$>.name($S)", TASK_GROUP, m.groupName());
    if (m.concurrency() > 0) {
      open.add("\n.concurrency($L)", m.concurrency());
    }
    if (m.timeout() != null) {
      open.add("\n.timeout($L)", duration(m.timeout()));
    }
    return open.add("\n.open()$<$<").build();
  }

  /** The shortest exact {@code Duration} factory call: {@code Duration.ofSeconds(5)}. */
  private static CodeBlock duration(Duration d) {
    if (d.getNano() == 0 && d.getSeconds() % 3600 == 0) {
      return CodeBlock.of("$T.ofHours($L)", DURATION, d.toHours());
    }
    if (d.getNano() == 0 && d.getSeconds() % 60 == 0) {
      return CodeBlock.of("$T.ofMinutes($L)", DURATION, d.toMinutes());
    }
    if (d.getNano() == 0) {
      return CodeBlock.of("$T.ofSeconds($L)", DURATION, d.getSeconds());
    }
    if (d.getNano() % 1_000_000 == 0) {
      return CodeBlock.of("$T.ofMillis($L)", DURATION, d.toMillis());
    }
    return CodeBlock.of("$T.ofNanos($LL)", DURATION, d.toNanos());
  }

  private static void spawnChildren(MethodSpec.Builder method, FanOutMethodModel m) {
    String group = m.locals().group();
    if (m.fan() instanceof OverElements) {
      OverElements elements = (OverElements) m.fan();
      String element = elements.elementVariable();
      if (m.result() == Result.MAP) {
        // Keys are the elements: each distinct element is fetched once.
        method.addStatement(
            "$T<$T> $N = new $T<>()", SET, elements.elementType().box(), m.locals().seen(), HASH_SET);
      }
      method.beginControlFlow(
          "for ($T $N : $N)", elements.elementType(), element, elements.fanned().name());
      if (m.result() == Result.MAP) {
        method.beginControlFlow("if ($N.add($N))", m.locals().seen(), element);
        spawn(method, elements.child(), CodeBlock.of("$N.spawn($N, ", group, element));
        method.endControlFlow();
      } else {
        spawn(method, elements.child(), CodeBlock.of("$N.spawn(", group));
      }
      method.endControlFlow();
    } else if (m.fan() instanceof OverLeaves) {
      for (Child child : m.fan().children()) {
        spawn(method, child, CodeBlock.of("$N.spawn(", group));
      }
    } else {
      for (Child child : ((OverComponents) m.fan()).children()) {
        spawn(
            method,
            child,
            CodeBlock.of(
                "$T<$T> $N = $N.spawn(", SUBTASK, child.resultType(), child.variable(), group));
      }
    }
  }

  /** {@code prefix() -> leaf(args));}, with a block body that returns null for a void leaf. */
  private static void spawn(MethodSpec.Builder method, Child child, CodeBlock prefix) {
    CodeBlock call = CodeBlock.of("$N($L)", child.leaf(), String.join(", ", child.arguments()));
    if (child.throwsThrowable()) {
      // A Callable cannot throw Throwable: the runtime's adapter passes it through unchanged.
      CodeBlock lambda =
          child.returnsVoid()
              ? CodeBlock.of("() -> {\n$>$L;\nreturn null;\n$<}", call)
              : CodeBlock.of("() -> $L", call);
      method.addStatement("$L$T.callable($L))", prefix, FAN_OUT_EXCEPTIONS, lambda);
    } else if (child.returnsVoid()) {
      method.addCode(prefix);
      method.addCode("() -> {\n$>$L;\nreturn null;\n$<});\n", call);
    } else {
      method.addStatement("$L() -> $L)", prefix, call);
    }
  }

  private static void combineResults(MethodSpec.Builder method, FanOutMethodModel m) {
    String group = m.locals().group();
    if (m.fan() instanceof OverElements
        && ((OverElements) m.fan()).emptyTest() == FanOutMethodModel.EmptyTest.NOTHING_SPAWNED) {
      method.beginControlFlow("if ($N.size() == 0)", group);
      emptyResult(method, m, (OverElements) m.fan());
      method.endControlFlow();
    }
    if (m.consumer() != null) {
      // Stops at the first outcome that is not a success; all() then throws what it must (the
      // failure, a timeout), and an interrupt surfaces from next() as the method declares it.
      String done = m.locals().done();
      method.addStatement("$T<$T> $N", SUBTASK, m.childType(), done);
      method.beginControlFlow(
          "while (($N = $N.next()) != null && $N.state() == $T.SUCCEEDED)",
          done,
          group,
          done,
          SUBTASK_STATE);
      method.addStatement("$N.accept($N.get())", m.consumer().name(), done);
      method.endControlFlow();
    }
    switch (m.result()) {
      case LIST:
        method.addStatement("return $N.all()", group);
        break;
      case SET:
        method.addStatement(
            "return $T.unmodifiableSet(new $T<>($N.all()))", COLLECTIONS, LINKED_HASH_SET, group);
        break;
      case MAP:
        method.addStatement("return $N.allKeyed()", group);
        break;
      case VOID:
        method.addStatement("$N.all()", group);
        break;
      case SINGLE:
        method.addStatement("return $L", singleResult(m));
        break;
      case RECORD:
        {
          method.addStatement("$N.all()", group);
          List<CodeBlock> components = new ArrayList<>();
          for (Child child : m.fan().children()) {
            components.add(CodeBlock.of("$N.get()", child.variable()));
          }
          TypeName record = m.returnType();
          method.addStatement(
              "return new $T$L($L)",
              record instanceof ParameterizedTypeName ? ((ParameterizedTypeName) record).rawType() : record,
              record instanceof ParameterizedTypeName ? "<>" : "",
              CodeBlock.join(components, ", "));
          break;
        }
      default:
        throw new AssertionError(m.result());
    }
  }

  /**
   * The runtime call that gives a single-result strategy its answer. One case per strategy, so
   * that a strategy whose call takes arguments (a quorum's {@code first(n)}) is one more case.
   */
  private static CodeBlock singleResult(FanOutMethodModel m) {
    String group = m.locals().group();
    switch (m.strategy()) {
      case RACE:
        return CodeBlock.of("$N.race()", group);
      case ANY:
        return CodeBlock.of("$N.any()", group);
      default:
        throw new AssertionError("no single result for strategy " + m.strategy());
    }
  }

  /** What an empty input gives: an empty result, or (RACE, ANY) an exception naming it. */
  private static void emptyResult(
      MethodSpec.Builder method, FanOutMethodModel m, OverElements elements) {
    switch (m.result()) {
      case LIST:
        method.addStatement("return $T.of()", LIST);
        break;
      case SET:
        method.addStatement("return $T.of()", SET);
        break;
      case MAP:
        method.addStatement("return $T.of()", MAP);
        break;
      case VOID:
        method.addStatement("return");
        break;
      default:
        method.addStatement(
            "throw new $T($S)",
            IllegalArgumentException.class,
            elements.fanned().name() + " is empty: " + m.strategy() + " needs an element");
    }
  }

  /** The catch clauses that give back the interface method's own exception contract. */
  private static void translateFailures(MethodSpec.Builder method, FanOutMethodModel m) {
    String e = m.locals().exception();
    String failure = m.locals().failure();
    method.nextControlFlow("catch ($T $N)", TASK_GROUP_EXCEPTION, e);
    if (m.rethrown().contains(THROWABLE)) {
      // The method declares Throwable: whatever failed is rethrown as itself, no cast needed.
      method.addStatement(
          "throw $T.rethrown($T.firstFailure($N), $N)", FAN_OUT_EXCEPTIONS, FAN_OUT_EXCEPTIONS, e, e);
    } else if (m.rethrown().isEmpty()) {
      method.addStatement(
          "throw $T.unchecked($T.firstFailure($N), $N)", FAN_OUT_EXCEPTIONS, FAN_OUT_EXCEPTIONS, e, e);
    } else {
      method.addStatement("$T $N = $T.firstFailure($N)", Throwable.class, failure, FAN_OUT_EXCEPTIONS, e);
      for (TypeName checked : m.rethrown()) {
        method.beginControlFlow("if ($N instanceof $T)", failure, checked);
        // rethrown(..) keeps the leaf's own exception object and logs any other failure
        method.addStatement("throw $T.rethrown(($T) $N, $N)", FAN_OUT_EXCEPTIONS, checked, failure, e);
        method.endControlFlow();
      }
      method.addStatement("throw $T.unchecked($N, $N)", FAN_OUT_EXCEPTIONS, failure, e);
    }
    if (m.declaresTimeout()) {
      method.nextControlFlow("catch ($T $N)", TASK_GROUP_TIMEOUT_EXCEPTION, e);
      method.addStatement("throw $T.timeout($N)", FAN_OUT_EXCEPTIONS, e);
    }
    if (!m.declaresInterrupted()) {
      method.nextControlFlow("catch ($T $N)", InterruptedException.class, e);
      method.addStatement("$T.currentThread().interrupt()", Thread.class);
      method.addStatement("throw $T.interrupted($S, $N)", FAN_OUT_EXCEPTIONS, m.groupName(), e);
    }
  }

  /** Javadoc with a line per clause: JavaPoet cannot wrap inside a comment. */
  private static CodeBlock javadoc(ServiceModel service, FanOutMethodModel m) {
    CodeBlock.Builder doc = CodeBlock.builder();
    doc.add("Implements {@link $L}:\n", link(m.link()));
    List<Child> children = m.fan().children();
    if (m.fan() instanceof OverElements) {
      doc.add("one child per element of {@code $L},\n", ((OverElements) m.fan()).fanned().name());
      doc.add("each calling {@link $L}", link(children.get(0).link()));
    } else if (m.fan() instanceof OverLeaves) {
      doc.add("one child for each of");
      for (int i = 0; i < children.size(); i++) {
        doc.add(i == 0 ? "\n" : i == children.size() - 1 ? " and\n" : ",\n");
        doc.add("{@link $L}", link(children.get(i).link()));
      }
    } else {
      doc.add("one child per component of {@link $T},\n", rawType(m.returnType()));
      doc.add("each calling the method of the same name");
    }
    if (m.concurrency() > 0) {
      doc.add(",\nat most $L at a time", m.concurrency());
    }
    doc.add(".\n\n<p>");
    switch (m.strategy()) {
      case ALL:
        doc.add("Strategy ALL: every child must succeed");
        if (m.result() == Result.LIST || m.result() == Result.SET) {
          doc.add(
              m.fan() instanceof OverLeaves
                  ? "; results in {@code using} order"
                  : "; results in input order");
        } else if (m.result() == Result.MAP) {
          doc.add("; each element maps to its result");
        }
        doc.add(".\nThe first failure cancels the other children");
        break;
      case RACE:
        doc.add("Strategy RACE: the first child to settle, success or failure, decides;\n");
        doc.add("the other children are cancelled");
        break;
      case ANY:
        doc.add("Strategy ANY: the first child to succeed decides; the other children are cancelled.\n");
        doc.add("If every child fails, the first failure is thrown as it is; the others are logged\n");
        doc.add("with it (logger {@code dev.fanout})");
        break;
      default:
        throw new AssertionError(m.strategy());
    }
    doc.add(".\nReturns only after every child has terminated");
    if (m.timeout() != null) {
      doc.add("; gives up after $L", m.timeoutText()); // as the annotation spells it
    }
    doc.add(".\n");
    if (m.consumer() != null) {
      doc.add("\n<p>{@code $L} receives each result as it completes, on the calling thread.\n", m.consumer().name());
    }
    return doc.build();
  }

  private static CodeBlock link(LinkTarget target) {
    List<CodeBlock> parameters = new ArrayList<>();
    for (TypeName parameter : target.erasedParameters()) {
      parameters.add(CodeBlock.of("$T", parameter));
    }
    return CodeBlock.of("$T#$L($L)", target.owner(), target.method(), CodeBlock.join(parameters, ", "));
  }

  private static TypeName rawType(TypeName type) {
    return type instanceof ParameterizedTypeName ? ((ParameterizedTypeName) type).rawType() : type;
  }
}
