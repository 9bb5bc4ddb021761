// compilers: javac
// expect: error [FanOut/GroupEscapes] 'group' is passed to keep() as parameter 'handle' of type Object
// on: keep(group);
// expect: error [FanOut/GroupEscapes] 'group' is passed to new Holder() as parameter 'value' of type Object
// on: new Holder(group);
package test;

import dev.fanout.TaskGroup;
import java.util.ArrayList;
import java.util.List;

class Keeper {
  private final List<Object> kept = new ArrayList<>();

  void run() {
    try (TaskGroup<String> group = TaskGroup.open()) {
      keep(group);
      new Holder(group);
    }
  }

  private void keep(Object handle) {
    kept.add(handle);
  }
}

class Holder {
  final Object value;

  Holder(Object value) {
    this.value = value;
  }
}
