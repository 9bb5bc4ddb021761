package dev.fanout.processor;

import dev.fanout.processor.FanOutMethodModel.Result;
import javax.lang.model.type.TypeMirror;

/**
 * The shape of a {@code @FanOut} method's result and what each child must produce for it: decided
 * by {@link FanOutMethodValidator}, and checked against each leaf's result by {@link
 * LeafResolver}.
 *
 * @param childType what every child produces, before boxing
 * @param streamed whether a void method passes each child's result to its Consumer (the child
 *     then returns its leaf's value; otherwise a void method's children return nothing)
 */
record ResultShape(Result result, TypeMirror childType, boolean streamed) {
  ResultShape(Result result, TypeMirror childType) {
    this(result, childType, false);
  }

  /** Whether the children's values are kept or handed on; a plain void fan-out drops them. */
  boolean keepsValues() {
    return result != Result.VOID || streamed;
  }
}
