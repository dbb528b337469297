package io.smpsim.sim.testing;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the tests that drive actors one by one: one {@link ActorTestKit} per class, shut
 * down after its last test, and no serialization error logged by any test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ActorKitTest {

  protected final ActorTestKit kit = ActorTestKit.create();

  @AfterEach
  void noSerializationErrors() {
    SerializationErrors.assertNone();
  }

  @AfterAll
  void shutdown() {
    kit.shutdownTestKit();
  }
}
