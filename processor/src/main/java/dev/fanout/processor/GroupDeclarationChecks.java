package dev.fanout.processor;

import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * The portable half of the escape checks: a {@code TaskGroup} may be a local variable or a
 * parameter, never part of a declaration that outlives a method call. Runs on {@code
 * javax.lang.model} only, so under any compiler. Under javac, {@link GroupBodyChecks} calls it
 * once javac has analyzed each type, so that these errors do not stop javac before the body
 * checks run (an error during annotation processing ends the compilation there).
 */
final class GroupDeclarationChecks {
  private final Types types;
  private final Messager messager;
  private final TypeMirror taskGroup;

  GroupDeclarationChecks(ProcessingEnvironment env) {
    this.types = env.getTypeUtils();
    this.messager = env.getMessager();
    this.taskGroup =
        types.erasure(env.getElementUtils().getTypeElement(GroupEscapeProcessor.TASK_GROUP).asType());
  }

  /** Checks {@code type} and every type nested in it. */
  void check(TypeElement type) {
    for (TypeMirror supertype : types.directSupertypes(type.asType())) {
      if (mentionsGroup(supertype)) {
        error(type, Message.GROUP_IN_SUPERTYPE, type.getSimpleName(), Describe.type(supertype));
      }
    }
    if (type.getKind() == ElementKind.RECORD) {
      for (RecordComponentElement component : type.getRecordComponents()) {
        if (mentionsGroup(component.asType())) {
          error(
              type, // javac attaches no source position to a component: point at the record
              Message.GROUP_RECORD_COMPONENT,
              component.getSimpleName(),
              Describe.type(component.asType()));
        }
      }
    } else {
      for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
        if (mentionsGroup(field.asType())) {
          error(field, Message.GROUP_FIELD, field.getSimpleName(), Describe.type(field.asType()));
        }
      }
    }
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (isRecordAccessor(type, method)) {
        continue; // reported on its component
      }
      if (mentionsGroup(method.getReturnType())) {
        error(
            method,
            Message.GROUP_RESULT,
            method.getSimpleName(),
            Describe.type(method.getReturnType()));
      }
      for (VariableElement parameter : method.getParameters()) {
        TypeMirror parameterType = parameter.asType();
        if (!isGroup(parameterType) && mentionsGroup(parameterType)) {
          error(
              parameter,
              Message.GROUPS_IN_A_PARAMETER,
              parameter.getSimpleName(),
              Describe.type(parameterType));
        }
      }
    }
    for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
      check(nested);
    }
  }

  private static boolean isRecordAccessor(TypeElement type, ExecutableElement method) {
    if (type.getKind() != ElementKind.RECORD || !method.getParameters().isEmpty()) {
      return false;
    }
    return type.getRecordComponents().stream()
        .anyMatch(c -> c.getSimpleName().contentEquals(method.getSimpleName()));
  }

  boolean isGroup(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED && types.isSameType(types.erasure(type), taskGroup);
  }

  /** Whether {@code type} is, or contains as an array component or type argument, a TaskGroup. */
  boolean mentionsGroup(TypeMirror type) {
    return MentionedTypes.anyMatch(type, this::isGroup);
  }

  private void error(Element element, Message message, Object... args) {
    messager.printMessage(message.kind(), message.format(args), element);
  }
}
