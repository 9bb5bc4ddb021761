// expect: error [FanOut/NotSendable] 'ArrayList<String>' (result of tags(String), the child for component 'tags' of 'Profile') is not Sendable: ArrayList is mutable. Use List<String> made with List.copyOf(...) instead
// on: Profile profile(
// expect: error [FanOut/NotSendable] 'ArrayList<String>' (result of roles(String), the child for component 'roles' of 'Profile') is not Sendable: ArrayList is mutable
// on: Profile profile(
// expect: error [FanOut/NotSendable] 'Date' (result of joined(String), the child for component 'joined' of 'Profile') is not Sendable: Date is mutable. Use java.time.Instant
// on: Profile profile(
package test;

import dev.fanout.annotation.*;
import java.util.*;

// One child per component: each message names the component whose leaf returns a mutable type,
// also when two of them return the same one.
record Profile(String name, List<String> tags, List<String> roles, Date joined) {}

interface S {
  String name(String id);

  ArrayList<String> tags(String id);

  ArrayList<String> roles(String id);

  Date joined(String id);

  @FanOut
  Profile profile(String id);
}
