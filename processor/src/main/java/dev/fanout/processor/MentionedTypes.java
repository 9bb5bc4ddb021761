package dev.fanout.processor;

import java.util.function.Consumer;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Walks the declared types a type mentions: itself, its type arguments, array components and
 * wildcard bounds (not the bounds of type variables, which the interface declares itself). The
 * generated code writes every one of them, so it inherits their names (which a type of the same
 * name may hide) and their deprecation.
 */
final class MentionedTypes {
  private MentionedTypes() {}

  static void forEach(TypeMirror type, Consumer<TypeElement> action) {
    switch (type.getKind()) {
      case DECLARED:
        DeclaredType declared = (DeclaredType) type;
        action.accept((TypeElement) declared.asElement());
        for (TypeMirror argument : declared.getTypeArguments()) {
          forEach(argument, action);
        }
        break;
      case ARRAY:
        forEach(((ArrayType) type).getComponentType(), action);
        break;
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        if (wildcard.getExtendsBound() != null) {
          forEach(wildcard.getExtendsBound(), action);
        }
        if (wildcard.getSuperBound() != null) {
          forEach(wildcard.getSuperBound(), action);
        }
        break;
      default:
        break; // primitives, void, type variables
    }
  }
}
