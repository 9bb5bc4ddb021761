// compilers: javac
// expect: error [FanOut/GroupEscapes] 'group' is assigned to 'last', declared outside the group's try block
// on: last = group;
package test;

import dev.fanout.TaskGroup;

class Outliving {
  String run() {
    Object last = null;
    try (TaskGroup<String> group = TaskGroup.open()) {
      last = group;
    }
    return String.valueOf(last);
  }
}
