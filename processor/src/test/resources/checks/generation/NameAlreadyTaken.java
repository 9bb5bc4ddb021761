// expect: error [FanOut/NameClash] Fanout generates class SFanOut for 'S', but a type with that name already exists. Rename the existing type or the interface
// on: interface S {
package test;

import dev.fanout.annotation.FanOut;
import java.util.List;

interface S {
  String one(String id);

  @FanOut(using = "one")
  List<String> all(List<String> ids);
}

class SFanOut {}
