// compilers: javac
// expect: error [FanOut/GroupEscapes] 'group' is returned, so the group would outlive its try block
// on: return (group);
package test;

import dev.fanout.TaskGroup;

class Leak {
  Object leak() {
    try (TaskGroup<String> group = TaskGroup.open()) {
      return (group);
    }
  }
}
