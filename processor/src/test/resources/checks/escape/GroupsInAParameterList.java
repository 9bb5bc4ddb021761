// expect: error [FanOut/GroupEscapes] parameter 'groups' of type List<TaskGroup<?>> holds TaskGroups in a container
// on: List<TaskGroup<?>> groups
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Supplier;

class Pool {
  void keep(List<TaskGroup<?>> groups) {}
}
