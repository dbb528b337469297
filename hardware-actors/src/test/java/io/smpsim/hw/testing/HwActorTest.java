package io.smpsim.hw.testing;

import io.smpsim.sim.Event;
import io.smpsim.sim.testing.ActorKitTest;
import java.util.ArrayList;
import java.util.List;

/** Base of the hardware actors' tests: one ActorTestKit per class, serialization checked. */
public abstract class HwActorTest extends ActorKitTest {

  /** Events as {@code "time dst Payload"} strings, in send order. */
  protected static List<String> describe(List<Event> events) {
    List<String> out = new ArrayList<>();
    for (Event e : events) {
      out.add(e.time() + " " + e.dst() + " " + e.payload());
    }
    return out;
  }
}
