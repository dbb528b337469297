package io.smpsim.load.baseline;

import io.smpsim.load.phold.PholdParams;
import io.smpsim.sim.SimRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The raw-Pekko baseline of the PHOLD benchmark: the same number of processes passing the same
 * number of messages in the same random pattern (each process draws from the generator the
 * engine would give it), with no simulation at all: plain typed actors, plain {@code tell}, a new
 * immutable message per hop, no ask, no serialization, the same dispatcher as the engine.
 */
public final class RawPhold {

  /** A token hopping between processes; it stops when {@code hopsLeft} reaches 0. */
  public record Token(int hopsLeft) {}

  private final ActorSystem<?> system;

  public RawPhold(ActorSystem<?> system) {
    this.system = system;
  }

  /** The outcome of one baseline run. */
  public record Result(long messages, long wallNs) {
    public double messagesPerSec() {
      return messages * 1e9 / wallNs;
    }
  }

  /** Runs PHOLD with {@code hops} hops per token: {@code entities * eventsPerEntity * (hops+1)} messages. */
  @SuppressWarnings("unchecked")
  public Result run(PholdParams p, long seed, int hops, int run) throws InterruptedException {
    int n = p.entities();
    long tokens = (long) n * p.eventsPerEntity();
    CountDownLatch done = new CountDownLatch((int) tokens);
    ActorRef<Token>[] peers = new ActorRef[n];
    for (int i = 0; i < n; i++) {
      peers[i] = system.systemActorOf(Process.create(i, p, seed, peers, done),
          "phold-" + run + "-" + i, org.apache.pekko.actor.typed.Props.empty());
    }
    long t0 = System.nanoTime();
    Token first = new Token(hops);
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < p.eventsPerEntity(); k++) {
        peers[i].tell(first);
      }
    }
    if (!done.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("baseline did not finish in 10 minutes");
    }
    long wall = System.nanoTime() - t0;
    // The processes stay (idle) until the benchmark's JVM exits.
    return new Result(tokens * (hops + 1L), wall);
  }

  /** One process: forwards each token to a random process, or to itself. */
  static final class Process extends AbstractBehavior<Token> {
    private final PholdParams params;
    private final SimRandom random;
    private final ActorRef<Token>[] peers;
    private final CountDownLatch done;
    private final ActorRef<Token> self;

    static Behavior<Token> create(int id, PholdParams p, long seed, ActorRef<Token>[] peers,
        CountDownLatch done) {
      return Behaviors.setup(ctx -> new Process(ctx, id, p, seed, peers, done));
    }

    private Process(ActorContext<Token> ctx, int id, PholdParams p, long seed,
        ActorRef<Token>[] peers, CountDownLatch done) {
      super(ctx);
      this.params = p;
      // The name PholdWorld gives process id: the baseline draws the engine's numbers.
      this.random = SimRandom.forEntity(seed, "phold/" + id);
      this.peers = peers;
      this.done = done;
      this.self = ctx.getSelf();
    }

    @Override
    public Receive<Token> createReceive() {
      return newReceiveBuilder().onMessage(Token.class, this::onToken).build();
    }

    private Behavior<Token> onToken(Token t) {
      if (t.hopsLeft() == 0) {
        done.countDown();
        return Behaviors.same();
      }
      // The same draws as the engine's process: a delay (unused here), a coin, a target.
      random.nextExponential(params.meanDelayNs());
      ActorRef<Token> to = random.nextDouble() < params.remote()
          ? peers[random.nextInt(params.entities())] : self;
      to.tell(new Token(t.hopsLeft() - 1));
      // same(), not this: under systemActorOf's supervisor, returning this builds a new wrapper
      // per message; the engine's scheduler avoids that cost, so the baseline must too.
      return Behaviors.same();
    }
  }
}
