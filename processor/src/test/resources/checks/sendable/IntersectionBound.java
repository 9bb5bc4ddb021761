// expect: error [FanOut/NotSendable] 'V' (result of loadAll) is not Sendable: (1) 'V' is bounded by 'Comparable<V>', which is an interface that is not sealed, so any implementation, mutable ones too, could stand for it: bound the type variable by a Sendable type (a record, a final class, a sealed interface), or list the types it stands for in -Afanout.knownSendable; (2) 'V' is bounded by 'Serializable', which is an interface that is not sealed
// on: List<V> loadAll(
package test;

import dev.fanout.annotation.*;
import java.io.Serializable;
import java.util.*;

// An intersection bound is Sendable when one of its bounds is (see SendableIntersectionBound);
// when none is, each is a reason.
interface Repo<V extends Comparable<V> & Serializable> {
  V load(String key);

  @FanOut(using = "load")
  List<V> loadAll(List<String> keys);
}
