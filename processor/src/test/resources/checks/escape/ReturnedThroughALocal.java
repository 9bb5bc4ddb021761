// compilers: javac
// expect: error [FanOut/GroupEscapes] 'handle' (which holds the group 'group') is returned, so the group would outlive its try block
// on: return handle;
package test;

import dev.fanout.TaskGroup;

class Leak {
  Object leak() {
    try (TaskGroup<String> group = TaskGroup.open()) {
      Object handle = group;
      return handle;
    }
  }
}
