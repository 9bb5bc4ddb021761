// expect: error [FanOut/GroupEscapes] field 'group' of type TaskGroup<String> would let a TaskGroup outlive the try block that owns it
// on: TaskGroup<String> group;
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Supplier;

class Holder {
  private TaskGroup<String> group;
}
