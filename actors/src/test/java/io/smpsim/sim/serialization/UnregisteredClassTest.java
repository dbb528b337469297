package io.smpsim.sim.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.smpsim.sim.testing.SerializationErrors;
import io.smpsim.sim.testing.TestPayloads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A message of a class nobody registered, sent over Artery by a node that writes it by name, is
 * refused by the receiving node's serializer and reported; it never reaches its recipient, and
 * the receiving node never even constructs it, while the next, registered message on the same
 * connection arrives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnregisteredClassTest {

  /** A message class no registrar lists. */
  public record Exploit(String command) implements WireMessage {
    // How many times any Exploit was constructed in this JVM (Kryo builds records through their
    // constructor, so a lenient reader would count one more).
    static final AtomicInteger CONSTRUCTED = new AtomicInteger();

    public Exploit {
      CONSTRUCTED.incrementAndGet();
    }
  }

  private ActorTestKit victim;
  private ActorTestKit attacker;

  private static Config node(String extra) {
    return ConfigFactory.parseString(extra + """
        pekko.actor.provider = remote
        pekko.actor.serialize-messages = off
        pekko.remote.artery.canonical.hostname = "127.0.0.1"
        pekko.remote.artery.canonical.port = 0
        """).withFallback(ConfigFactory.load());
  }

  @BeforeAll
  void start() {
    victim = ActorTestKit.create("victim", node(""));
    attacker = ActorTestKit.create("attacker", node(
        "pekko.actor.serializers.smpsim-kryo = \"io.smpsim.sim.testing.ClassNamingSerializer\"\n"));
  }

  @AfterAll
  void stop() {
    attacker.shutdownTestKit();
    victim.shutdownTestKit();
  }

  @Test
  void anUnregisteredClassFromTheWireIsRefusedReportedAndNeverDelivered() {
    TestProbe<Object> target = victim.createTestProbe();
    String path = ActorRefResolver.get(victim.system()).toSerializationFormat(target.getRef());
    ActorRef<Object> remote = ActorRefResolver.get(attacker.system()).resolveActorRef(path);
    SerializationErrors.take();

    remote.tell(new Exploit("rm -rf /"));
    remote.tell(new TestPayloads.Token(1, "after"));

    assertEquals(new TestPayloads.Token(1, "after"),
        target.expectMessageClass(TestPayloads.Token.class, Duration.ofSeconds(20)),
        "the connection survives and delivers the next, registered message");
    target.expectNoMessage(Duration.ofMillis(300));
    assertEquals(1, Exploit.CONSTRUCTED.get(), "only the sender ever constructed an Exploit");
    List<String> reported = SerializationErrors.take();
    assertTrue(reported.stream().anyMatch(m -> m.contains("unregistered class "
        + Exploit.class.getName() + " refused")), "the refusal is logged: " + reported);
  }
}
