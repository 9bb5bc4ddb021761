// compilers: javac
// expect: error [FanOut/GroupEscapes] 'group' is returned, so the group would outlive its try block
// on: return keep ? group : null;
package test;

import dev.fanout.TaskGroup;

class Leak {
  Object leak(boolean keep) {
    try (TaskGroup<String> group = TaskGroup.open()) {
      return keep ? group : null;
    }
  }
}
