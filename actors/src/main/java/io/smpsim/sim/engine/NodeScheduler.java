package io.smpsim.sim.engine;

import io.smpsim.sim.Event;
import io.smpsim.sim.OutputRecord;
import io.smpsim.sim.SimWorld;
import io.smpsim.sim.WorldSpec;
import io.smpsim.sim.metrics.EngineMetrics;
import io.smpsim.sim.serialization.WireMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;

/**
 * One per cluster node: drives the node's entities through the windows the clock coordinator
 * opens. Per window it steps every local entity that has an event before the window's end (one
 * message each), routes what they send — local events into the receivers' inboxes, remote ones
 * into one batch per destination node — exchanges batches with every other node, and reports the
 * earliest pending local event to the coordinator.
 */
public final class NodeScheduler extends AbstractBehavior<NodeScheduler.Command> {

  /** What a node scheduler accepts. */
  public sealed interface Command extends WireMessage
      permits Plan, StartEntities, StartWindow, Inject, EntityDone, EntityFailed, PeerBatch,
          Finish {}

  /** Phase 1 of a run: learn the world, the placement and the other nodes. */
  public record Plan(long runId, WorldSpec spec, long lookahead, Placement placement,
      int nodeIndex, List<ActorRef<Command>> schedulers,
      ActorRef<ClockCoordinator.Command> coordinator) implements Command {}

  /** Phase 2: create the local entities (through sharding) and run their start hooks. */
  public record StartEntities(long runId) implements Command {}

  /** Process window {@code [start, end)}. */
  public record StartWindow(long runId, long window, long start, long end) implements Command {}

  /** Events from outside the simulation for local entities. */
  public record Inject(long runId, List<Event> events) implements Command {}

  /** An entity's answer to Init or Step. {@code ref} is set only in the answer to Init. */
  public record EntityDone(long runId, int id, ActorRef<EntityActor.Command> ref,
      Outbox outgoing, long nextTime, long hash, int processed, List<OutputRecord> outputs)
      implements Command {}

  /** An entity threw: the run cannot go on. */
  public record EntityFailed(long runId, int id, String name, long time, String trace)
      implements Command {}

  /** The events another node's entities sent to this node's entities in a window. */
  public record PeerBatch(long runId, long window, int fromNode, List<Event> events)
      implements Command {}

  /** The run is over: stop the local entities. */
  public record Finish(long runId) implements Command {}

  /** Window index of the start phase (entities' start hooks), before window 0. */
  static final long START_PHASE = -1;

  private final ActorRef<ShardingEnvelope<EntityActor.Command>> shards;
  private final NodeContext node;
  private final EngineMetrics metrics;

  private long runId = -1;
  private int nodeIndex;
  private List<ActorRef<Command>> schedulers = List.of();
  private ActorRef<ClockCoordinator.Command> coordinator;
  private SimWorld world;
  private int[] localIds = new int[0];
  private int[] localIndex = new int[0];
  private int[] groupNode = new int[0];
  private ActorRef<EntityActor.Command>[] refs;
  /** Per local entity: the time of its own next event, as its last answer said. */
  private long[] entityNext;
  private boolean[] stepping;
  private EntityHeap heap;
  private Mailroom mailroom;

  private long window = START_PHASE;
  private int inFlight;
  private boolean exchanged;
  private List<Event>[] outbound;
  private final Map<Long, List<PeerBatch>> earlyBatches = new HashMap<>();
  private int batchesReceived;
  private long windowHash;
  private long windowProcessed;
  private List<OutputRecord> windowOutputs = new ArrayList<>();
  private boolean failed;

  public static Behavior<Command> create(ActorRef<ShardingEnvelope<EntityActor.Command>> shards,
      NodeContext node, EngineMetrics metrics) {
    return Behaviors.setup(ctx -> new NodeScheduler(ctx, shards, node, metrics));
  }

  private NodeScheduler(ActorContext<Command> ctx,
      ActorRef<ShardingEnvelope<EntityActor.Command>> shards, NodeContext node,
      EngineMetrics metrics) {
    super(ctx);
    this.shards = shards;
    this.node = node;
    this.metrics = metrics;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Plan.class, this::onPlan)
        .onMessage(StartEntities.class, this::onStartEntities)
        .onMessage(StartWindow.class, this::onStartWindow)
        .onMessage(Inject.class, this::onInject)
        .onMessage(EntityDone.class, this::onEntityDone)
        .onMessage(EntityFailed.class, this::onEntityFailed)
        .onMessage(PeerBatch.class, this::onPeerBatch)
        .onMessage(Finish.class, this::onFinish)
        .build();
  }

  @SuppressWarnings("unchecked")
  private Behavior<Command> onPlan(Plan plan) {
    runId = plan.runId();
    nodeIndex = plan.nodeIndex();
    schedulers = plan.schedulers();
    coordinator = plan.coordinator();
    Placement placement = plan.placement();
    failed = false;
    earlyBatches.clear();
    try {
      world = node.build(plan.spec());
    } catch (RuntimeException e) {
      coordinator.tell(new ClockCoordinator.NodeFailed(runId, nodeIndex,
          "cannot build the world: " + e.getMessage()));
      return this;
    }
    node.plan(runId, plan.spec(), world, plan.lookahead(), placement);
    int n = world.entityCount();
    groupNode = placement.groupNode();
    localIndex = new int[n];
    int count = 0;
    for (int id = 0; id < n; id++) {
      if (groupNode[world.groupOf(id)] == nodeIndex) {
        localIndex[id] = count++;
      } else {
        localIndex[id] = -1;
      }
    }
    localIds = new int[count];
    for (int id = 0; id < n; id++) {
      if (localIndex[id] >= 0) {
        localIds[localIndex[id]] = id;
      }
    }
    refs = new ActorRef[count];
    entityNext = new long[count];
    stepping = new boolean[count];
    java.util.Arrays.fill(entityNext, Long.MAX_VALUE);
    heap = new EntityHeap(count);
    mailroom = new Mailroom(count);
    outbound = new List[schedulers.size()];
    metrics.entitiesHosted(count);
    coordinator.tell(new ClockCoordinator.Planned(runId, nodeIndex, count));
    return this;
  }

  private Behavior<Command> onStartEntities(StartEntities start) {
    if (start.runId() != runId) {
      return this;
    }
    beginWindow(START_PHASE);
    inFlight = localIds.length;
    EntityActor.Init init = new EntityActor.Init(runId, getContext().getSelf());
    for (int id : localIds) {
      shards.tell(new ShardingEnvelope<>(
          EntityKeys.entityId(runId, world.groupOf(id), id), init));
    }
    maybeExchange();
    return this;
  }

  private Behavior<Command> onStartWindow(StartWindow w) {
    if (w.runId() != runId || failed) {
      return this;
    }
    beginWindow(w.window());
    long end = w.end();
    // Every entity with mail steps (it stores what is not due yet), and every entity whose own
    // next event falls in the window.
    Event[] mail = mailroom.mail();
    for (int i = 0, n = mailroom.entitiesWithMail(); i < n; i++) {
      int e = mailroom.entityWithMail(i);
      step(e, w.start(), end, mail, mailroom.from(e), mailroom.to(e));
    }
    mailroom.handedOut();
    long start = w.start();
    // Entities already stepping for their mail stay in the heap with a stale key until they
    // answer; the drain skips them.
    heap.drainBelow(end, e -> {
      if (!stepping[e]) {
        step(e, start, end, mail, 0, 0);
      }
    });
    maybeExchange();
    return this;
  }

  private void step(int e, long start, long end, Event[] mail, int from, int to) {
    stepping[e] = true;
    inFlight++;
    refs[e].tell(new EntityActor.Step(runId, start, end, mail, from, to));
  }

  private void beginWindow(long index) {
    window = index;
    inFlight = 0;
    exchanged = false;
    batchesReceived = 0;
    windowHash = 0;
    windowProcessed = 0;
    windowOutputs = new ArrayList<>();
    for (int i = 0; i < outbound.length; i++) {
      outbound[i] = null;
    }
  }

  private Behavior<Command> onInject(Inject inject) {
    if (inject.runId() != runId) {
      return this;
    }
    // Injections come between windows, after the mail was sorted: sort it again with them.
    mailroom.requeueMail();
    for (Event e : inject.events()) {
      mailroom.add(e, localIndex[e.dst()], e.time());
    }
    mailroom.sort();
    return this;
  }

  private Behavior<Command> onEntityDone(EntityDone done) {
    if (done.runId() != runId || failed) {
      return this;
    }
    int e = localIndex[done.id()];
    if (done.ref() != null) {
      refs[e] = done.ref();
    }
    stepping[e] = false;
    entityNext[e] = done.nextTime();
    windowHash += done.hash();
    windowProcessed += done.processed();
    if (!done.outputs().isEmpty()) {
      windowOutputs.addAll(done.outputs());
    }
    Outbox out = done.outgoing();
    for (int i = 0, n = out.size(); i < n; i++) {
      route(out.event(i), out.dst(i), out.time(i));
    }
    heap.append(e, entityNext[e]);
    inFlight--;
    maybeExchange();
    return this;
  }

  private Behavior<Command> onEntityFailed(EntityFailed f) {
    if (f.runId() != runId) {
      return this;
    }
    failed = true;
    coordinator.tell(new ClockCoordinator.NodeFailed(runId, nodeIndex,
        "entity " + f.name() + " failed at simulated time " + f.time() + " ns:\n" + f.trace()));
    return this;
  }

  private void route(Event ev, int dst, long time) {
    if (dst < 0 || dst >= localIndex.length) {
      throw new IllegalStateException("event to unknown entity " + dst + ": " + ev);
    }
    int local = localIndex[dst];
    if (local >= 0) {
      mailroom.add(ev, local, time);
      return;
    }
    int to = groupNode[world.groupOf(dst)];
    List<Event> batch = outbound[to];
    if (batch == null) {
      batch = new ArrayList<>();
      outbound[to] = batch;
    }
    batch.add(ev);
  }

  /** Once every local entity has answered, send one batch to each other node. */
  private void maybeExchange() {
    if (inFlight > 0 || exchanged) {
      return;
    }
    exchanged = true;
    for (int n = 0; n < schedulers.size(); n++) {
      if (n == nodeIndex) {
        continue;
      }
      List<Event> batch = outbound[n] == null ? List.of() : outbound[n];
      metrics.batchSent(n, batch.size());
      schedulers.get(n).tell(new PeerBatch(runId, window, nodeIndex, batch));
    }
    List<PeerBatch> early = earlyBatches.remove(window);
    if (early != null) {
      for (PeerBatch b : early) {
        accept(b);
      }
    }
    maybeReport();
  }

  private Behavior<Command> onPeerBatch(PeerBatch b) {
    if (b.runId() != runId) {
      return this;
    }
    if (b.window() != window || !exchanged) {
      earlyBatches.computeIfAbsent(b.window(), w -> new ArrayList<>()).add(b);
      return this;
    }
    accept(b);
    maybeReport();
    return this;
  }

  private void accept(PeerBatch b) {
    metrics.batchReceived(b.fromNode(), b.events().size());
    for (Event e : b.events()) {
      mailroom.add(e, localIndex[e.dst()], e.time());
    }
    batchesReceived++;
  }

  private void maybeReport() {
    if (!exchanged || batchesReceived < schedulers.size() - 1) {
      return;
    }
    mailroom.sort();
    long localMin = Math.min(heap.minKey(), mailroom.mailMin());
    if (window == START_PHASE) {
      coordinator.tell(new ClockCoordinator.Prepared(runId, nodeIndex, localMin, windowOutputs));
    } else {
      metrics.window(windowProcessed);
      coordinator.tell(new ClockCoordinator.WindowDone(runId, nodeIndex, window, localMin,
          windowProcessed, windowHash, windowOutputs));
    }
    windowOutputs = new ArrayList<>();
  }

  private Behavior<Command> onFinish(Finish f) {
    if (f.runId() != runId) {
      return this;
    }
    if (refs != null) {
      for (ActorRef<EntityActor.Command> r : refs) {
        if (r != null) {
          r.tell(EntityActor.Stop.INSTANCE);
        }
      }
    }
    coordinator.tell(new ClockCoordinator.NodeFinished(runId, nodeIndex));
    runId = -1;
    refs = null;
    heap = null;
    mailroom = null;
    return this;
  }
}
