package io.smpsim.sim.engine;

import io.smpsim.sim.Event;
import io.smpsim.sim.OutputRecord;
import io.smpsim.sim.SimWorld;
import io.smpsim.sim.WorldSpec;
import io.smpsim.sim.checkpoint.StateRecords;
import io.smpsim.sim.metrics.EngineMetrics;
import io.smpsim.sim.serialization.WireMessage;
import io.smpsim.sim.serialization.WireSized;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;

/**
 * One per cluster node: drives the node's entities through the windows the clock coordinator
 * opens. Per window it steps every local entity that has an event before the window's end (one
 * message each), routes what they send — local events into the receivers' inboxes, remote ones
 * into one batch per destination node — exchanges batches with every other node, and reports the
 * earliest pending local event to the coordinator. Between windows it can save its entities'
 * states into a checkpoint, or load them from one, streaming them to or from the run's client.
 */
public final class NodeScheduler extends AbstractBehavior<NodeScheduler.Command> {

  /** What a node scheduler accepts. */
  public sealed interface Command extends WireMessage
      permits Plan, StartEntities, StartWindow, Inject, EntityDone, EntityFailed, PeerBatch,
          Finish, SaveState, EntityState, StateAck, LoadState, Reregister, CoordinatorLost {}

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

  /**
   * The events another node's entities sent to this node's entities in a window. It learns its
   * size on the wire from the serializer, which is how the schedulers count the bytes they
   * exchange with each peer without serializing anything twice.
   */
  public static final class PeerBatch implements Command, WireSized {
    private final long runId;
    private final long window;
    private final int fromNode;
    private final List<Event> events;
    /** On the sending node: counts the bytes sent to the batch's peer. Never serialized. */
    private final transient IntConsumer sentBytes;
    /** On the receiving node: the batch's size on the wire. */
    private transient int wireBytes;

    public PeerBatch(long runId, long window, int fromNode, List<Event> events) {
      this(runId, window, fromNode, events, null);
    }

    PeerBatch(long runId, long window, int fromNode, List<Event> events, IntConsumer sentBytes) {
      this.runId = runId;
      this.window = window;
      this.fromNode = fromNode;
      this.events = events;
      this.sentBytes = sentBytes;
    }

    public long runId() {
      return runId;
    }

    public long window() {
      return window;
    }

    public int fromNode() {
      return fromNode;
    }

    public List<Event> events() {
      return events;
    }

    @Override
    public void wireBytes(int bytes) {
      if (sentBytes != null) {
        sentBytes.accept(bytes);
      } else {
        wireBytes = bytes;
      }
    }
  }

  /** The run is over: stop the local entities. */
  public record Finish(long runId) implements Command {}

  /**
   * Between windows: stream every local entity's state to {@code client} as
   * {@link RunReply.StateChunk}s, each acknowledged with a {@link StateAck}.
   */
  public record SaveState(long runId, ActorRef<RunReply> client) implements Command {}

  /** A local entity's saved state, in answer to {@link EntityActor.Snapshot}. */
  public record EntityState(long runId, int id, byte[] state) implements Command {}

  /** The client has written one of this node's state chunks. */
  public record StateAck(long runId, int chunk) implements Command {}

  /**
   * Instead of starting the entities afresh: chunk {@code index} of the state records of this
   * node's entities, from a checkpoint. Answered with {@link RunReply.StateLoaded} once every
   * entity it completed has taken up its state; after the last, the node is prepared.
   */
  public record LoadState(long runId, int index, byte[] records, boolean last,
      ActorRef<RunReply> client) implements Command {}

  /**
   * The coordinator of run {@code runId} is gone (its node was lost): nobody will finish the
   * run, so the node drops it and offers itself to the coordinator's successor.
   */
  public record CoordinatorLost(long runId) implements Command {}

  /** Timer: tell the coordinator again that this node is here (it may have moved). */
  public enum Reregister implements Command { INSTANCE }

  /** How often an idle scheduler registers again, in case the coordinator singleton moved. */
  private static final Duration REREGISTER_EVERY = Duration.ofSeconds(2);

  /** Window index of the start phase (entities' start hooks), before window 0. */
  static final long START_PHASE = -1;

  private final ActorRef<ShardingEnvelope<EntityActor.Command>> shards;
  private final NodeContext node;
  private final EngineMetrics metrics;
  private final ClockCoordinator.RegisterNode registration;
  private final ActorRef<ClockCoordinator.Command> coordinatorProxy;

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
  /** The end of the current window in simulated ns, for the metrics. */
  private long windowEnd;
  private List<OutputRecord> windowOutputs = new ArrayList<>();
  private boolean failed;
  private IntConsumer[] sentTo = new IntConsumer[0];
  /** When this node sent its batches of the window; the wait for the peers' starts there. */
  private long exchangedAt;
  private StateSaver saver;
  private StateLoader loader;
  private ActorRef<RunReply> loaderClient;

  /**
   * @param shards the sharded entities
   * @param node what this node knows about the current run
   * @param metrics the node's instruments
   * @param coordinator the clock coordinator's proxy, to register with again
   * @param address this node's cluster address
   * @param pinnedScenario the scenario hash this node is reserved for, or empty
   */
  public static Behavior<Command> create(ActorRef<ShardingEnvelope<EntityActor.Command>> shards,
      NodeContext node, EngineMetrics metrics, ActorRef<ClockCoordinator.Command> coordinator,
      String address, String pinnedScenario) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new NodeScheduler(ctx, timers,
        shards, node, metrics, coordinator,
        new ClockCoordinator.RegisterNode(ctx.getSelf(), address, pinnedScenario))));
  }

  private NodeScheduler(ActorContext<Command> ctx, TimerScheduler<Command> timers,
      ActorRef<ShardingEnvelope<EntityActor.Command>> shards, NodeContext node,
      EngineMetrics metrics, ActorRef<ClockCoordinator.Command> coordinatorProxy,
      ClockCoordinator.RegisterNode registration) {
    super(ctx);
    this.shards = shards;
    this.node = node;
    this.metrics = metrics;
    this.coordinatorProxy = coordinatorProxy;
    this.registration = registration;
    // The first registration is sent by SimulationNode.start, before it returns.
    timers.startTimerWithFixedDelay(Reregister.INSTANCE, REREGISTER_EVERY);
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
        .onMessage(SaveState.class, this::onSaveState)
        .onMessage(EntityState.class, this::onEntityState)
        .onMessage(StateAck.class, this::onStateAck)
        .onMessage(LoadState.class, this::onLoadState)
        .onMessageEquals(Reregister.INSTANCE, this::onReregister)
        .onMessage(CoordinatorLost.class, this::onCoordinatorLost)
        .build();
  }

  @SuppressWarnings("unchecked")
  private Behavior<Command> onPlan(Plan plan) {
    if (coordinator != null) {
      getContext().unwatch(coordinator);
    }
    runId = plan.runId();
    nodeIndex = plan.nodeIndex();
    schedulers = plan.schedulers();
    coordinator = plan.coordinator();
    getContext().watchWith(coordinator, new CoordinatorLost(runId));
    Placement placement = plan.placement();
    failed = false;
    earlyBatches.clear();
    // Forget the previous run's window, so none of this run's batches is taken for it.
    window = Long.MIN_VALUE;
    exchanged = false;
    saver = null;
    loader = null;
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
    metrics.peers(placement.nodeAddresses(), nodeIndex);
    sentTo = new IntConsumer[schedulers.size()];
    for (int peer = 0; peer < sentTo.length; peer++) {
      sentTo[peer] = metrics.bytesSentTo(peer);
    }
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
    loader = null;
    saver = null;
    beginWindow(w.window());
    long end = w.end();
    windowEnd = end;
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
    if (loader != null) {
      int settled = loader.restored(e);
      if (settled >= 0) {
        loaderClient.tell(new RunReply.StateLoaded(runId, nodeIndex, settled));
      }
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
    exchangedAt = System.nanoTime();
    for (int n = 0; n < schedulers.size(); n++) {
      if (n == nodeIndex) {
        continue;
      }
      List<Event> batch = outbound[n] == null ? List.of() : outbound[n];
      schedulers.get(n).tell(new PeerBatch(runId, window, nodeIndex, batch, sentTo[n]));
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
    metrics.bytesReceived(b.fromNode(), b.wireBytes);
    for (Event e : b.events()) {
      mailroom.add(e, localIndex[e.dst()], e.time());
    }
    batchesReceived++;
  }

  private void maybeReport() {
    if (!exchanged || batchesReceived < schedulers.size() - 1) {
      return;
    }
    if (schedulers.size() > 1) {
      metrics.windowWait(System.nanoTime() - exchangedAt);
    }
    mailroom.sort();
    long localMin = Math.min(heap.minKey(), mailroom.mailMin());
    if (window == START_PHASE) {
      coordinator.tell(new ClockCoordinator.Prepared(runId, nodeIndex, localMin, windowOutputs));
    } else {
      metrics.window(windowProcessed, windowEnd);
      coordinator.tell(new ClockCoordinator.WindowDone(runId, nodeIndex, window, localMin,
          windowProcessed, windowHash, windowOutputs));
    }
    windowOutputs = new ArrayList<>();
  }

  private Behavior<Command> onFinish(Finish f) {
    if (f.runId() != runId) {
      return this;
    }
    coordinator.tell(new ClockCoordinator.NodeFinished(runId, nodeIndex));
    drop();
    return this;
  }

  private Behavior<Command> onCoordinatorLost(CoordinatorLost lost) {
    if (lost.runId() != runId) {
      return this;
    }
    getContext().getLog().warn("smpsim: the coordinator of run {} is gone; dropping the run",
        runId);
    drop();
    coordinatorProxy.tell(registration);
    return this;
  }

  /** Stops the run's entities and forgets the run. */
  private void drop() {
    if (refs != null) {
      for (ActorRef<EntityActor.Command> r : refs) {
        if (r != null) {
          r.tell(EntityActor.Stop.INSTANCE);
        }
      }
    }
    getContext().unwatch(coordinator);
    runId = -1;
    refs = null;
    heap = null;
    mailroom = null;
    saver = null;
    loader = null;
  }

  private Behavior<Command> onSaveState(SaveState save) {
    if (save.runId() != runId || failed) {
      return this;
    }
    saver = new StateSaver(runId, nodeIndex, localIds, refs, mailroom, save.client(),
        getContext().getSelf());
    saver.start();
    return this;
  }

  private Behavior<Command> onEntityState(EntityState state) {
    if (state.runId() == runId && saver != null) {
      saver.onState(state.id(), state.state());
    }
    return this;
  }

  private Behavior<Command> onStateAck(StateAck ack) {
    if (ack.runId() == runId && saver != null) {
      saver.onAck();
    }
    return this;
  }

  private Behavior<Command> onLoadState(LoadState load) {
    if (load.runId() != runId || failed) {
      return this;
    }
    if (loader == null) {
      loader = new StateLoader(localIndex, localIds.length);
      loaderClient = load.client();
      beginWindow(START_PHASE);
      inFlight = localIds.length;
    }
    List<StateRecords.Entry> entries;
    try {
      entries = loader.onChunk(load.index(), load.records(), load.last());
    } catch (IllegalStateException e) {
      failed = true;
      coordinator.tell(new ClockCoordinator.NodeFailed(runId, nodeIndex, e.getMessage()));
      return this;
    }
    for (StateRecords.Entry e : entries) {
      shards.tell(new ShardingEnvelope<>(EntityKeys.entityId(runId, world.groupOf(e.id()),
          e.id()), new EntityActor.Restore(runId, getContext().getSelf(), e.state())));
    }
    if (loader.settled(load.index())) {
      loaderClient.tell(new RunReply.StateLoaded(runId, nodeIndex, load.index()));
    }
    if (loader.complete()) {
      maybeExchange();
    }
    return this;
  }

  private Behavior<Command> onReregister() {
    if (runId == -1) {
      coordinatorProxy.tell(registration);
    }
    return this;
  }
}
