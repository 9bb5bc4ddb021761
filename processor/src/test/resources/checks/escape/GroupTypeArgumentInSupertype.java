// expect: error [FanOut/GroupEscapes] 'GroupSupplier' extends Supplier<TaskGroup<String>>
// on: class GroupSupplier
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Supplier;

abstract class GroupSupplier implements Supplier<TaskGroup<String>> {}
