// expect: error [FanOut/GroupEscapes] method 'current' returns TaskGroup<String>
// on: TaskGroup<String> current();
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Supplier;

interface Registry {
  TaskGroup<String> current();
}
