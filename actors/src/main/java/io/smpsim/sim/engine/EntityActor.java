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
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.smpsim.sim.serialization.WireMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The Pekko actor that hosts one {@link Entity}. Per window it receives one {@link Step} with
 * the events sent to it, merges them with its own pending timers, handles everything before the
 * window's end in {@code (time, source, seq)} order, and answers its node's scheduler with one
 * {@link NodeScheduler.EntityDone} carrying what it sent.
 */
public final class EntityActor extends AbstractBehavior<EntityActor.Command> {

  /** What an entity actor accepts. */
  public sealed interface Command extends WireMessage permits Init, Restore, Step, Snapshot, Stop {}

  /** Create the entity's model and run its start hook at time 0. */
  public record Init(long runId, ActorRef<NodeScheduler.Command> scheduler) implements Command {}

  /**
   * Take up the state a checkpoint saved (see {@link Snapshot}) instead of creating a fresh model;
   * the start hook does not run again.
   */
  public record Restore(long runId, ActorRef<NodeScheduler.Command> scheduler, byte[] state)
      implements Command {}

  /**
   * Write the entity's whole state — model, sequence counter, generator, pending events plus
   * {@code mail}, the events sent to it but not yet handed to it — and answer with
   * {@link NodeScheduler.EntityState}. Sent only between windows, when the entity is idle.
   */
  public record Snapshot(long runId, List<Event> mail) implements Command {}

  /**
   * Handle every event before {@code end}. The events sent to the entity since its last step
   * are the slice {@code [from, to)} of {@code mail}, in any order; the node scheduler shares one
   * sorted array among all the window's steps, and Kryo writes only the slice.
   */
  public static final class Step implements Command, KryoSerializable {
    private long runId;
    private long start;
    private long end;
    private Event[] mail;
    private int from;
    private int to;

    public Step(long runId, long start, long end, Event[] mail, int from, int to) {
      this.runId = runId;
      this.start = start;
      this.end = end;
      this.mail = mail;
      this.from = from;
      this.to = to;
    }

    /** A step with these events. */
    public Step(long runId, long start, long end, List<Event> events) {
      this(runId, start, end, events.toArray(new Event[0]), 0, events.size());
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

    @Override
    public void write(Kryo kryo, Output out) {
      out.writeLong(runId);
      out.writeLong(start);
      out.writeLong(end);
      out.writeInt(to - from, true);
      for (int i = from; i < to; i++) {
        kryo.writeObject(out, mail[i]);
      }
    }

    @Override
    public void read(Kryo kryo, Input in) {
      runId = in.readLong();
      start = in.readLong();
      end = in.readLong();
      int n = in.readInt(true);
      mail = new Event[n];
      for (int i = 0; i < n; i++) {
        mail[i] = kryo.readObject(in, Event.class);
      }
      from = 0;
      to = n;
    }
  }

  /** The run is over. */
  public enum Stop implements Command { INSTANCE }

  private final NodeContext node;
  private final int id;
  private final EventQueue pending = new EventQueue();
  private final Ctx ctx = new Ctx();
  private SimWorld world;
  private Entity<SimMessage> model;
  private SimRandom random;
  private ActorRef<NodeScheduler.Command> scheduler;
  private long runId = -1;
  private long seq;
  private long lookahead;

  /** A behaviour for the entity with sharding id {@code entityId} ({@code group:id}). */
  public static Behavior<Command> create(NodeContext node, String entityId) {
    return Behaviors.setup(ctx -> new EntityActor(ctx, node, EntityKeys.idOf(entityId)));
  }

  private EntityActor(ActorContext<Command> context, NodeContext node, int id) {
    super(context);
    this.node = node;
    this.id = id;
  }

  @Override
  public Receive<Command> createReceive() {
    // One case for all commands: every entity actor builds its own receive, and on worlds of a
    // million entities each case object per actor shows in the heap.
    return newReceiveBuilder().onMessage(Command.class, this::dispatch).build();
  }

  private Behavior<Command> dispatch(Command c) {
    if (c instanceof Step step) {
      return onStep(step);
    }
    if (c instanceof Init init) {
      return onInit(init);
    }
    if (c instanceof Restore restore) {
      return onRestore(restore);
    }
    if (c instanceof Snapshot snapshot) {
      return onSnapshot(snapshot);
    }
    return Behaviors.stopped();
  }

  @SuppressWarnings("unchecked")
  private Behavior<Command> onInit(Init init) {
    runId = init.runId();
    scheduler = init.scheduler();
    world = node.world();
    lookahead = node.lookahead();
    random = SimRandom.forEntity(node.spec().seed(), world.nameOf(id));
    pending.clear();
    seq = 0;
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
  private Behavior<Command> onRestore(Restore restore) {
    runId = restore.runId();
    scheduler = restore.scheduler();
    world = node.world();
    lookahead = node.lookahead();
    pending.clear();
    try {
      node.codec().decode(restore.state(), (kryo, in) -> {
        seq = in.readVarLong(true);
        random = new SimRandom(in.readLong());
        model = (Entity<SimMessage>) kryo.readClassAndObject(in);
        for (int i = 0, n = in.readVarInt(true); i < n; i++) {
          pending.add(kryo.readObject(in, Event.class));
        }
        return model;
      });
    } catch (RuntimeException e) {
      return fail(new IllegalStateException("cannot restore its state from the checkpoint", e),
          ctx.now());
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
    for (int i = step.from; i < step.to; i++) {
      Event e = step.mail[i];
      if (e.time() < step.start()) {
        return fail(new IllegalStateException("event from the past: " + e + " in window starting at "
            + step.start()), e.time());
      }
      pending.add(e);
    }
    long end = step.end();
    long hash = 0;
    int processed = 0;
    ctx.begin(step.start());
    try {
      while (pending.peekTime() < end) {
        Event e = pending.poll();
        ctx.now = e.time();
        hash += TraceHash.event(e.time(), e.src(), e.seq(), id, e.payload().traceId());
        processed++;
        model.onEvent(ctx, e.src(), e.payload());
      }
    } catch (RuntimeException e) {
      return fail(e, ctx.now);
    }
    reply(null, hash, processed);
    return this;
  }

  private void reply(ActorRef<Command> self, long hash, int processed) {
    scheduler.tell(new NodeScheduler.EntityDone(runId, id, self, ctx.takeOutgoing(),
        pending.peekTime(), hash, processed, ctx.takeOutputs()));
  }

  private Behavior<Command> fail(RuntimeException e, long time) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    scheduler.tell(new NodeScheduler.EntityFailed(runId, id, world == null ? "#" + id
        : world.nameOf(id), time, trace.toString()));
    return this;
  }

  /** The context handed to the model; reused across events of a step. */
  private final class Ctx implements EntityContext {
    private long now;
    private Outbox outgoing = new Outbox(16);
    private int lastOutgoing = 16;
    private List<OutputRecord> outputs = new ArrayList<>();

    void begin(long time) {
      now = time;
    }

    Outbox takeOutgoing() {
      if (outgoing.isEmpty()) {
        return Outbox.EMPTY;
      }
      Outbox out = outgoing;
      // Size the next outbox like this one: steps of one entity tend to send alike.
      lastOutgoing = Math.max(4, out.size() + (out.size() >> 2));
      outgoing = new Outbox(lastOutgoing);
      return out;
    }

    List<OutputRecord> takeOutputs() {
      if (outputs.isEmpty()) {
        return List.of();
      }
      List<OutputRecord> out = outputs;
      outputs = new ArrayList<>();
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
      if (to.id() == id) {
        schedule(latencyNs, msg);
        return;
      }
      if (latencyNs < lookahead) {
        throw new IllegalArgumentException("latency " + latencyNs + " ns from " + world.nameOf(id)
            + " to " + world.nameOf(to.id()) + " is below the lookahead L = " + lookahead
            + " ns (" + msg.getClass().getSimpleName() + ")");
      }
      outgoing.add(new Event(now + latencyNs, id, seq++, to.id(), msg));
    }

    @Override
    public long schedule(long delayNs, SimMessage msg) {
      if (delayNs < 0) {
        throw new IllegalArgumentException("negative timer delay " + delayNs + " ns in "
            + world.nameOf(id));
      }
      long s = seq++;
      pending.add(new Event(now + delayNs, id, s, id, msg));
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
      outputs.add(new OutputRecord(now, id, seq++, out));
    }
  }
}
