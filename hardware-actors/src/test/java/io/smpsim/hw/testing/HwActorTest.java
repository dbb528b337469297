package io.smpsim.hw.testing;

import io.smpsim.sim.Event;
import io.smpsim.sim.testing.SerializationErrors;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;

/** Base of the hardware actors' tests: one ActorTestKit per class, serialization checked. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HwActorTest {

  protected final ActorTestKit kit = ActorTestKit.create();

  @AfterEach
  void noSerializationErrors() {
    SerializationErrors.assertNone();
  }

  @AfterAll
  void shutdown() {
    kit.shutdownTestKit();
  }

  /** Events as {@code "time dst Payload"} strings, in send order. */
  protected static List<String> describe(List<Event> events) {
    List<String> out = new ArrayList<>();
    for (Event e : events) {
      out.add(e.time() + " " + e.dst() + " " + e.payload());
    }
    return out;
  }
}
