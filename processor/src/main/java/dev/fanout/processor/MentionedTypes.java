package dev.fanout.processor;

import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Walks the types a type mentions: itself, its type arguments, array components and wildcard
 * bounds (not the bounds of type variables, which the interface declares itself). The generated
 * code writes every one of them, so it inherits their names (which a type of the same name may
 * hide) and their deprecation; a generic leaf's result that mentions its own type variables
 * cannot be known without inference.
 */
final class MentionedTypes {
  private MentionedTypes() {}

  /** Calls {@code action} with the element of every declared type mentioned. */
  static void forEach(TypeMirror type, Consumer<TypeElement> action) {
    anyMatch(
        type,
        mentioned -> {
          if (mentioned.getKind() == TypeKind.DECLARED) {
            action.accept((TypeElement) ((DeclaredType) mentioned).asElement());
          }
          return false;
        });
  }

  /** Whether {@code test} holds for some type mentioned (type variables included); stops there. */
  static boolean anyMatch(TypeMirror type, Predicate<TypeMirror> test) {
    if (test.test(type)) {
      return true;
    }
    switch (type.getKind()) {
      case DECLARED:
        for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
          if (anyMatch(argument, test)) {
            return true;
          }
        }
        return false;
      case ARRAY:
        return anyMatch(((ArrayType) type).getComponentType(), test);
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        return (wildcard.getExtendsBound() != null && anyMatch(wildcard.getExtendsBound(), test))
            || (wildcard.getSuperBound() != null && anyMatch(wildcard.getSuperBound(), test));
      default:
        return false; // primitives, void, type variables
    }
  }
}
