// expect: error [FanOut/GroupEscapes] record component 'group' of type TaskGroup<String>
// on: record Work
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Supplier;

record Work(String name, TaskGroup<String> group) {}
