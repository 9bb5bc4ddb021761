// expect: error [FanOut/GroupEscapes] field 'group' of type TaskGroup<String> would let a TaskGroup outlive the try block that owns it
// on: private TaskGroup<String> group;
// expect: error [FanOut/NotSendable] 'String[]' (result of all) is not Sendable
// on: List<String[]> all(
package test;

import dev.fanout.TaskGroup;
import dev.fanout.annotation.FanOut;
import java.util.List;

interface Lookups {
  String[] one(String id);

  @FanOut(using = "one")
  List<String[]> all(List<String> ids);
}

class Holder {
  private TaskGroup<String> group;
}
