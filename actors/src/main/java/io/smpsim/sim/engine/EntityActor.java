package io.smpsim.sim.engine;

import io.smpsim.sim.Address;
import io.smpsim.sim.Entity;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.Event;
import io.smpsim.sim.EventQueue;
import io.smpsim.sim.OutputRecord;
import io.smpsim.sim.SimMessage;
import io.smpsim.sim.SimOutput;
import io.smpsim.sim.SimRandom;
import io.smpsim.sim.SimWorld;
import io.smpsim.sim.TraceHash;
import io.smpsim.sim.serialization.WireMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The Pekko actor that hosts one {@link Entity}, a child of one of its node's
 * {@link EntityShelf}s. It creates its model (or takes up a checkpoint's state) as it starts and
 * then introduces itself to its node's scheduler. Per window it receives one
 * {@link Step} with the events sent to it, merges them with its own pending timers, handles
 * everything before the window's end in {@code (time, source, seq)} order, and leaves what it
 * sent in the window's {@link WindowTally}.
 */
public final class EntityActor extends AbstractBehavior<EntityActor.Command> {

  /** What an entity actor accepts. */
  public sealed interface Command extends WireMessage permits Birth, Step, Snapshot, Stop {}

  /**
   * The first message of an entity actor its {@link EntityShelf} made: which entity it hosts.
   * With a {@code state} (a checkpoint's) it takes that up instead of starting. Never leaves
   * its JVM.
   */
  record Birth(NodeContext node, long runId, int id, int local,
      ActorRef<NodeScheduler.Command> scheduler, byte[] state)
      implements Command, NoSerializationVerificationNeeded {}

  /**
   * Write the entity's whole state — model, sequence counter, generator, pending events plus
   * {@code mail}, the events sent to it but not yet handed to it — and answer with
   * {@link NodeScheduler.EntityState}. Sent only between windows, when the entity is idle.
   */
  public record Snapshot(long runId, List<Event> mail) implements Command {}

  /**
   * Handle every event before {@code end}. The events sent to the entity since its last step
   * are the slice {@code [from, to)} of {@code mail}, in any order; the node scheduler shares one
   * sorted set of arrays among all the window's steps. The answer goes into the entity's own
   * {@link StepAnswer}, published in {@code tally}, or, for a step without a tally (a test
   * driving one entity), to the scheduler as an {@link NodeScheduler.EntityDone}.
   *
   * <p>A step never leaves its JVM: a node's entities are children of its own scheduler, and the
   * mail and the tally are shared with it, not copied (hence no serialization check either).
   */
  public static final class Step implements Command, NoSerializationVerificationNeeded {
    private final long runId;
    private final long start;
    private final long end;
    private final Mailroom.Sorted mail;
    private final int from;
    private final int to;
    /** For a step shared by the window's entities: where each one's slice starts, or null. */
    private final int[] starts;
    /** For a step shared by the window's entities: each one's slice length. */
    private final int[] counts;
    private final WindowTally tally;

    Step(long runId, long start, long end, Mailroom.Sorted mail, int from, int to,
        WindowTally tally) {
      this(runId, start, end, mail, from, to, null, null, tally);
    }

    private Step(long runId, long start, long end, Mailroom.Sorted mail, int from, int to,
        int[] starts, int[] counts, WindowTally tally) {
      this.runId = runId;
      this.start = start;
      this.end = end;
      this.mail = mail;
      this.from = from;
      this.to = to;
      this.starts = starts;
      this.counts = counts;
      this.tally = tally;
    }

    /**
     * One step for every entity of a window: each finds its slice of {@code mail} at its local
     * index in {@code starts} and {@code counts}, which stay untouched until every entity has
     * answered (the next sort comes after). One object a window, not one an entity.
     */
    static Step shared(long runId, long start, long end, Mailroom.Sorted mail, int[] starts,
        int[] counts, WindowTally tally) {
      return new Step(runId, start, end, mail, 0, 0, starts, counts, tally);
    }

    /** A step with these events, answered with an {@link NodeScheduler.EntityDone}. */
    public Step(long runId, long start, long end, List<Event> events) {
      this(runId, start, end, sorted(events), 0, events.size(), null);
    }

    private static Mailroom.Sorted sorted(List<Event> events) {
      Mailroom.Sorted m = new Mailroom.Sorted(events.size());
      for (int i = 0; i < events.size(); i++) {
        Event e = events.get(i);
        m.put(i, e.time(), EventQueue.order(e.src(), e.seq()), e.payload());
      }
      return m;
    }

    public long runId() {
      return runId;
    }

    public long start() {
      return start;
    }

    public long end() {
      return end;
    }
  }

  /** The run is over. */
  public enum Stop implements Command { INSTANCE }

  /** The capacity of a new outbox; one that had to grow past it is kept for the next step. */
  private static final int SMALL_OUTBOX = 4;

  private final Receive<Command> receive = new Dispatch();
  private final NodeContext node;
  private final int id;
  private final int local;
  private final long runId;
  private final ActorRef<NodeScheduler.Command> scheduler;
  private final EventQueue pending;
  /** Where this entity leaves its answer to a tallied step. */
  private final StepAnswer answer = new StepAnswer();
  private final Ctx ctx = new Ctx();
  private final SimWorld world;
  private final RunLayout layout;
  private final int domain;
  private final long lookahead;
  private Entity<SimMessage> model;
  private SimRandom random;
  private long seq;
  private long lastTime = Long.MIN_VALUE;

  /**
   * The actor of entity {@code id}: it creates the entity's model and runs its start hook, or
   * with a {@code state} from a checkpoint takes that up instead, then answers
   * {@code scheduler}.
   *
   * @param local the entity's index among its node's entities
   * @param state the entity's saved state (see {@link Snapshot}), or null for a fresh start
   */
  public static Behavior<Command> create(NodeContext node, long runId, int id, int local,
      ActorRef<NodeScheduler.Command> scheduler, byte[] state) {
    return Behaviors.setup(ctx -> born(ctx, new Birth(node, runId, id, local, scheduler, state)));
  }

  /**
   * The behavior a shelf's entity actors are made with, all alike: it becomes the entity its
   * {@link Birth} names.
   */
  static Behavior<Command> unborn() {
    return Behaviors.receive((ctx, c) -> c instanceof Birth b ? born(ctx, b)
        : Behaviors.unhandled());
  }

  private static Behavior<Command> born(ActorContext<Command> ctx, Birth b) {
    EntityActor a = new EntityActor(ctx, b.node(), b.runId(), b.id(), b.local(), b.scheduler());
    return b.state() == null ? a.start() : a.restore(b.state());
  }

  private EntityActor(ActorContext<Command> context, NodeContext node, long runId, int id,
      int local, ActorRef<NodeScheduler.Command> scheduler) {
    super(context);
    this.node = node;
    this.runId = runId;
    this.id = id;
    this.local = local;
    this.scheduler = scheduler;
    this.world = node.world();
    this.layout = node.layout();
    this.domain = layout.domainOf(id);
    this.lookahead = node.lookahead();
    this.pending = new EventQueue(id, 4);
  }

  @Override
  public Receive<Command> createReceive() {
    return receive;
  }

  /**
   * The actor's receive: one small object made with the actor, beside it in memory, that hands
   * every command to {@link #dispatch}. A receive from {@code newReceiveBuilder()} is four
   * objects (the receive, its case array, the case, the handler) made at the first message,
   * elsewhere in the heap: on a busy window every step read them cold, a tenth of the window's
   * time on 10,000 entities, and a million entities held them all.
   */
  private final class Dispatch extends Receive<Command> {
    @Override
    public Behavior<Command> receiveMessage(Command c) {
      return dispatch(c);
    }

    @Override
    public Behavior<Command> receiveSignal(Signal s) {
      return Behaviors.unhandled();
    }
  }

  private Behavior<Command> dispatch(Command c) {
    if (c instanceof Step step) {
      return onStep(step);
    }
    if (c instanceof Snapshot snapshot) {
      return onSnapshot(snapshot);
    }
    // Stop; a Birth was the actor's first message and comes once.
    return c == Stop.INSTANCE ? Behaviors.stopped() : Behaviors.unhandled();
  }

  @SuppressWarnings("unchecked")
  private Behavior<Command> start() {
    random = SimRandom.forEntity(node.spec().seed(), world.nameOf(id));
    ctx.begin(0);
    try {
      model = (Entity<SimMessage>) world.create(id);
      model.onStart(ctx);
    } catch (RuntimeException e) {
      return fail(e, 0);
    }
    reply(getContext().getSelf(), 0, 0);
    return this;
  }

  @SuppressWarnings("unchecked")
  private Behavior<Command> restore(byte[] state) {
    try {
      node.codec().decode(state, (kryo, in) -> {
        seq = in.readVarLong(true);
        random = new SimRandom(in.readLong());
        model = (Entity<SimMessage>) kryo.readClassAndObject(in);
        for (int i = 0, n = in.readVarInt(true); i < n; i++) {
          pending.add(kryo.readObject(in, Event.class));
        }
        return model;
      });
    } catch (RuntimeException e) {
      // A checkpoint that passed its checksums yet does not read back is unusable input, not a
      // bug: say why in one line.
      Throwable cause = e;
      while (cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
      }
      scheduler.tell(new NodeScheduler.EntityFailed(runId, id, world.nameOf(id), ctx.now(),
          "cannot restore its state from the checkpoint: " + cause.getMessage(), 2));
      return this;
    }
    reply(getContext().getSelf(), 0, 0);
    return this;
  }

  private Behavior<Command> onSnapshot(Snapshot snapshot) {
    if (snapshot.runId() != runId) {
      return this;
    }
    byte[] state;
    try {
      Event[] queued = pending.toArray();
      state = node.codec().encode((kryo, out) -> {
        out.writeVarLong(seq, true);
        out.writeLong(random.state());
        kryo.writeClassAndObject(out, model);
        out.writeVarInt(queued.length + snapshot.mail().size(), true);
        for (Event e : queued) {
          kryo.writeObject(out, e);
        }
        for (Event e : snapshot.mail()) {
          kryo.writeObject(out, e);
        }
      });
    } catch (RuntimeException e) {
      return fail(new IllegalStateException("cannot write its state into a checkpoint", e),
          ctx.now());
    }
    scheduler.tell(new NodeScheduler.EntityState(runId, id, state));
    return this;
  }

  private Behavior<Command> onStep(Step step) {
    if (step.runId() != runId) {
      return this;
    }
    Mailroom.Sorted mail = step.mail;
    long start = step.start();
    long end = step.end();
    int from = step.starts == null ? step.from : step.starts[local];
    int to = step.starts == null ? step.to : from + step.counts[local];
    pending.due(end);
    for (int i = from; i < to; i++) {
      long t = mail.time(i);
      if (t < start) {
        return fail(new IllegalStateException("event from the past: " + mail.event(i, id)
            + " in window starting at " + start), t);
      }
      pending.add(t, mail.order(i), mail.payloads[i]);
    }
    long hash = 0;
    int processed = 0;
    ctx.begin(start);
    try {
      while (pending.takeBefore(end)) {
        long t = pending.takenTime();
        int src = pending.takenSrc();
        long s = pending.takenSeq();
        SimMessage payload = pending.takenPayload();
        // Causality: nothing may arrive in an entity's past. (At one instant, a timer the entity
        // sets for "now" may sort before the event that set it; that is its own business.)
        if (t < lastTime) {
          throw new IllegalStateException("event from the past: "
              + new Event(t, src, s, id, payload) + " after an event at " + lastTime + " ns");
        }
        lastTime = t;
        ctx.now = t;
        hash += TraceHash.event(t, src, s, id, payload.traceId());
        processed++;
        model.onEvent(ctx, src, payload);
      }
    } catch (RuntimeException e) {
      return fail(e, ctx.now);
    }
    if (step.tally != null) {
      answer.set(ctx.takeOutgoing(), pending.peekTime(), hash, processed, ctx.takeOutputs());
      step.tally.answer(local, answer);
    } else {
      reply(null, hash, processed);
    }
    // same(), not this: an entity runs under the supervisor spawnAnonymous adds, which wraps a
    // behavior returned as itself in a new interceptor, once per step of every entity.
    return Behaviors.same();
  }

  private void reply(ActorRef<Command> self, long hash, int processed) {
    scheduler.tell(new NodeScheduler.EntityDone(runId, local, self, ctx.takeOutgoing(),
        pending.peekTime(), hash, processed, ctx.takeOutputs()));
  }

  private Behavior<Command> fail(RuntimeException e, long time) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    scheduler.tell(new NodeScheduler.EntityFailed(runId, id, world == null ? "#" + id
        : world.nameOf(id), time, trace.toString(), 1));
    return this;
  }

  /** The context handed to the model; reused across events of a step. */
  private final class Ctx implements EntityContext {
    private long now;
    /**
     * What the entity sent in the current step. An entity that sends more than a few events a
     * step keeps its outbox and fills it again (the scheduler has read it before the next step
     * comes); one that sends a few takes a small new one each time, so the many entities that
     * send now and then hold none between their steps.
     */
    private Outbox outgoing;
    private boolean outgoingHandedOut;
    private List<OutputRecord> outputs;

    void begin(long time) {
      now = time;
      if (outgoingHandedOut) {
        outgoing.clear();
        outgoingHandedOut = false;
      }
    }

    Outbox takeOutgoing() {
      Outbox out = outgoing;
      if (out == null || out.isEmpty()) {
        outgoing = null;
        return Outbox.EMPTY;
      }
      if (out.capacity() > SMALL_OUTBOX) {
        outgoingHandedOut = true;
      } else {
        outgoing = null;
      }
      return out;
    }

    List<OutputRecord> takeOutputs() {
      if (outputs == null) {
        return List.of();
      }
      List<OutputRecord> out = outputs;
      outputs = null;
      return out;
    }

    @Override
    public long now() {
      return now;
    }

    @Override
    public int self() {
      return id;
    }

    @Override
    public long lookahead() {
      return lookahead;
    }

    @Override
    public <M extends SimMessage> void send(Address<M> to, long latencyNs, M msg) {
      // Kept small, its refusals out of line: inlined into the model's code, the address the
      // model made for the call need not be allocated, once per event.
      int dst = to.id();
      if (dst == id) {
        schedule(latencyNs, msg);
        return;
      }
      if (latencyNs < lookahead) {
        throw belowLookahead(dst, latencyNs, msg);
      }
      int dstDomain = layout.domainOf(dst);
      if (dstDomain != domain && latencyNs < layout.minLatency(domain, dstDomain)) {
        throw belowLink(dst, dstDomain, latencyNs, msg);
      }
      if (seq > EventQueue.MAX_SEQ) {
        throw tooManySent();
      }
      if (outgoing == null) {
        outgoing = new Outbox(id, SMALL_OUTBOX);
      }
      outgoing.add(now + latencyNs, seq++, dst, msg);
    }

    private RuntimeException belowLookahead(int dst, long latencyNs, SimMessage msg) {
      return new IllegalArgumentException("latency " + latencyNs + " ns from " + world.nameOf(id)
          + " to " + world.nameOf(dst) + " is below the lookahead L = " + lookahead
          + " ns (" + msg.getClass().getSimpleName() + ")");
    }

    private RuntimeException belowLink(int dst, int dstDomain, long latencyNs, SimMessage msg) {
      long min = layout.minLatency(domain, dstDomain);
      return new IllegalArgumentException(world.nameOf(id) + " sent to " + world.nameOf(dst)
          + " in another latency domain " + (min == RunLayout.NO_LINK
              ? "that the world links to nothing of its own"
              : "with latency " + latencyNs + " ns, below the link's " + min + " ns")
          + " (" + msg.getClass().getSimpleName() + ")");
    }

    private RuntimeException negativeDelay(long delayNs) {
      return new IllegalArgumentException("negative timer delay " + delayNs + " ns in "
          + world.nameOf(id));
    }

    private RuntimeException tooManySent() {
      return new IllegalStateException(world.nameOf(id) + " has sent " + seq
          + " events, more than the engine numbers (" + EventQueue.MAX_SEQ + ")");
    }

    @Override
    public long schedule(long delayNs, SimMessage msg) {
      if (delayNs < 0) {
        throw negativeDelay(delayNs);
      }
      long s = seq++;
      pending.add(now + delayNs, id, s, msg);
      return s;
    }

    @Override
    public void cancel(long timer) {
      pending.remove(id, timer);
    }

    @Override
    public SimRandom random() {
      return random;
    }

    @Override
    public void output(SimOutput out) {
      if (outputs == null) {
        outputs = new ArrayList<>(2);
      }
      outputs.add(new OutputRecord(now, id, seq++, out));
    }
  }
}
