// compilers: javac
// expect: error [FanOut/GroupEscapes] 'group' is stored in field 'current', where it can outlive its try block
// on: current = (Object) group;
package test;

import dev.fanout.TaskGroup;

class Registry {
  private Object current;

  void run() {
    try (TaskGroup<String> group = TaskGroup.open()) {
      current = (Object) group;
    }
  }
}
