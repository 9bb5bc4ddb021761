// expect: error [FanOut/GroupEscapes] field 'later' of type Supplier<TaskGroup<String>>
// on: Supplier<TaskGroup<String>> later
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Supplier;

class Lazy {
  Supplier<TaskGroup<String>> later = TaskGroup::open;
}
