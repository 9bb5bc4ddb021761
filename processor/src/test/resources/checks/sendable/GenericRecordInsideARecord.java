// expect: error [FanOut/NotSendable] 'Cart' (result of all) is not Sendable: (1) component 'items' of 'Cart' has type 'Box<ArrayList<String>>', whose 'ArrayList<String>' is mutable: use List<String> made with List.copyOf(...) instead; (2) component 'saved' of 'Cart' has type 'Box<ArrayList<String>>', whose 'ArrayList<String>' is mutable: use List<String> made with List.copyOf(...) instead. Fix all 2
// on: List<Cart> all(
// expect: error [FanOut/NotSendable] 'items' makes 'Cart' not Sendable, so it cannot be a child's result or part of one: it has type 'Box<ArrayList<String>>', whose 'ArrayList<String>' is mutable. Use List<String> made with List.copyOf(...) instead
// on: Box<ArrayList<String>> items,
// expect: error [FanOut/NotSendable] 'saved' makes 'Cart' not Sendable, so it cannot be a child's result or part of one: it has type 'Box<ArrayList<String>>', whose 'ArrayList<String>' is mutable
// on: Box<ArrayList<String>> saved)
package test;

import dev.fanout.annotation.*;
import java.util.*;

// Box is fine; the components that fill it with a mutable type are to blame, each of them.
record Box<T>(T value) {}

record Cart(
    Box<ArrayList<String>> items,
    Box<ArrayList<String>> saved) {}

interface S {
  Cart one(String id);

  @FanOut(using = "one")
  List<Cart> all(List<String> ids);
}
