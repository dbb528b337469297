package io.smpsim.sim.engine;

import io.smpsim.sim.Event;
import io.smpsim.sim.EventQueue;
import io.smpsim.sim.OutputRecord;
import io.smpsim.sim.SimWorld;
import io.smpsim.sim.WorldSpec;
import io.smpsim.sim.checkpoint.StateRecords;
import io.smpsim.sim.metrics.EngineMetrics;
import io.smpsim.sim.serialization.WireMessage;
import io.smpsim.sim.serialization.WireSized;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.japi.function.Function;

/**
 * One per worker node: hosts the node's entity actors (created in bulk when a run starts, in
 * {@link EntityShelf}s of a thousand) and drives them through simulated time on its own.
 *
 * <p>Inside the node, time advances in local windows of the lookahead L, each starting at the
 * earliest pending local event: every entity with an event in the window gets one
 * {@link EntityActor.Step}; each leaves its answer in the window's {@link WindowTally}, the last
 * one tells the scheduler, and what they sent each other is sorted into the next window's mail.
 * Nothing leaves the node per window.
 *
 * <p>Across nodes, only nodes linked by the run's {@link RunLayout} talk, in epochs. A node runs
 * its local windows up to its horizon — the earliest time an event from a peer could still
 * arrive — then sends every peer of its component one {@link EpochBatch}: the events it sent
 * that peer, its own earliest pending time and the earliest event it sent each node. Once it
 * has every peer's batch of the epoch, it knows every node's earliest possible next event and
 * computes its next horizon itself, with no coordinator in between. A node that no other node
 * is linked to (a whole machine alone on its node) never exchanges anything and runs straight
 * to the limit.
 *
 * <p>The run's coordinator only gives the limit ({@link RunTo}), routes injected events and
 * collects outputs and progress, which a node sends a few times a second and when it reaches
 * the limit. Between runs to a limit the node can save its entities' states into a checkpoint,
 * or load them from one, streaming them to or from the run's client.
 */
public final class NodeScheduler extends AbstractBehavior<NodeScheduler.Command> {

  /** The key under which every worker's scheduler is registered with the receptionist. */
  public static final ServiceKey<Command> SERVICE =
      ServiceKey.create(Command.class, "smpsim-node-scheduler");

  /** What a node scheduler accepts. */
  public sealed interface Command extends WireMessage
      permits Plan, StartEntities, RunTo, Inject, EntityDone, WindowDone,
          EntityFailed, EpochBatch, Finish, SaveState, EntityState, StateAck, LoadState,
          CoordinatorLost {}

  /**
   * Phase 1 of a run: learn the world, the placement and the other nodes.
   *
   * @param schedulers every node's scheduler, in node order
   */
  public record Plan(long runId, WorldSpec spec, long lookahead, Placement placement,
      int nodeIndex, List<ActorRef<Command>> schedulers,
      ActorRef<RunCoordinator.Command> coordinator) implements Command {}

  /** Phase 2: create the local entities, run their start hooks, agree on the start. */
  public record StartEntities(long runId) implements Command {}

  /**
   * Process every event before {@code limit}. {@code injectedMin[n]} is the earliest event
   * injected into node {@code n} since the last limit (or {@link Long#MAX_VALUE}): every node
   * learns it, so linked nodes keep agreeing on each other's earliest pending times.
   */
  public record RunTo(long runId, long limit, long[] injectedMin) implements Command {}

  /** Events from outside the simulation for local entities (sent only between limits). */
  public record Inject(long runId, List<Event> events) implements Command {}

  /**
   * An entity's answer to its start, its restore, or a Step sent without a tally.
   *
   * @param local the entity's index on this node
   * @param ref the entity's actor, in the answer to its start only
   */
  public record EntityDone(long runId, int local, ActorRef<EntityActor.Command> ref,
      Outbox outgoing, long nextTime, long hash, int processed, List<OutputRecord> outputs)
      implements Command {}

  /** Every entity stepped in the window has left its answer in the node's tally. */
  public record WindowDone(long runId) implements Command {}

  /**
   * An entity threw (exit code 1, with the trace), or could not take up its checkpoint's state
   * (exit code 2, with the reason): the run cannot go on.
   */
  public record EntityFailed(long runId, int id, String name, long time, String trace,
      int exitCode) implements Command {}

  /**
   * A node's part of one epoch, to one peer: the events it sent that peer's entities during the
   * epoch, its earliest pending event once the epoch's work was done, and for every node the
   * earliest event it sent there during the epoch. It learns its size on the wire from the
   * serializer, which is how the schedulers count the bytes they exchange with each peer
   * without serializing anything twice.
   */
  public static final class EpochBatch implements Command, WireSized {
    private final long runId;
    private final long epoch;
    private final int fromNode;
    private final List<Event> events;
    private final long localMin;
    private final long[] sentMin;
    /** On the sending node: counts the bytes sent to the batch's peer. Never serialized. */
    private final transient IntConsumer sentBytes;
    /** On the receiving node: the batch's size on the wire. */
    private transient int wireBytes;

    public EpochBatch(long runId, long epoch, int fromNode, List<Event> events, long localMin,
        long[] sentMin) {
      this(runId, epoch, fromNode, events, localMin, sentMin, null);
    }

    EpochBatch(long runId, long epoch, int fromNode, List<Event> events, long localMin,
        long[] sentMin, IntConsumer sentBytes) {
      this.runId = runId;
      this.epoch = epoch;
      this.fromNode = fromNode;
      this.events = events;
      this.localMin = localMin;
      this.sentMin = sentMin;
      this.sentBytes = sentBytes;
    }

    public long runId() {
      return runId;
    }

    public long epoch() {
      return epoch;
    }

    public int fromNode() {
      return fromNode;
    }

    public List<Event> events() {
      return events;
    }

    public long localMin() {
      return localMin;
    }

    public long[] sentMin() {
      return sentMin;
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
   * Between limits: stream every local entity's state to {@code client} as
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
   * entity it completed has taken up its state; after the last, the node agrees on the start
   * with its peers.
   */
  public record LoadState(long runId, int index, byte[] records, boolean last,
      ActorRef<RunReply> client) implements Command {}

  /**
   * The coordinator of run {@code runId} is gone (its process was lost): nobody will finish the
   * run, so the node drops it.
   */
  public record CoordinatorLost(long runId) implements Command {}

  /** How much wall time may pass between two progress reports of a running node. */
  private static final long REPORT_EVERY_NS = 200_000_000L;

  /** Outputs a node holds back at most before it reports them. */
  private static final int REPORT_OUTPUTS = 4096;

  private final NodeContext node;
  private final EngineMetrics metrics;
  private final String pinnedScenario;

  private long runId = -1;
  private int nodeIndex;
  private List<ActorRef<Command>> schedulers = List.of();
  private ActorRef<RunCoordinator.Command> coordinator;
  private SimWorld world;
  private RunLayout layout;
  private long lookahead;
  private int[] localIds = new int[0];
  private int[] localIndex = new int[0];
  private ActorRef<EntityActor.Command>[] refs;
  private ActorRef<EntityShelf.Command>[] shelves;
  private boolean[] stepping;
  /** The entities a window steps, in the order their steps are sent. */
  private int[] toStep;
  private int stepCount;
  private WindowTally tally;
  /** The scheduler's state: held while it handles a message, or an entity takes answers in. */
  private final ReentrantLock state = new ReentrantLock();
  private EntityHeap heap;
  private Mailroom mailroom;
  private int inFlight;
  private boolean failed;

  /** The other nodes of this node's component, and their agreed times. */
  private TimeAgreement agreement;
  /** No event from a peer can arrive before this: local windows stop here. */
  private long horizon;
  private long limit = Long.MIN_VALUE;
  private boolean started;
  private boolean running;

  private long epoch;
  private boolean inEpoch;
  private int epochBatches;
  private long[] epochSentMin = new long[0];
  private long epochSentAtNs;
  private List<Event>[] outbound;
  private long[] sentMin = new long[0];
  private final Map<Long, List<EpochBatch>> earlyBatches = new HashMap<>();
  private IntConsumer[] sentTo = new IntConsumer[0];

  private long windowEnd;
  private long windowHash;
  private long windowProcessed;
  private List<OutputRecord> windowOutputs = new ArrayList<>();
  private List<OutputRecord> report = new ArrayList<>();
  private long lastReportNs;

  private long events;
  private long windows;
  private long epochs;
  private long hashSum;

  private StateSaver saver;
  private StateLoader loader;
  private ActorRef<RunReply> loaderClient;

  /**
   * @param node what this node knows about the current run
   * @param metrics the node's instruments
   * @param pinnedScenario the scenario hash this node is reserved for, or empty
   */
  public static Behavior<Command> create(NodeContext node, EngineMetrics metrics,
      String pinnedScenario) {
    return Behaviors.setup(ctx -> {
      ctx.getSystem().receptionist().tell(Receptionist.register(SERVICE, ctx.getSelf()));
      return new NodeScheduler(ctx, node, metrics, pinnedScenario);
    });
  }

  private NodeScheduler(ActorContext<Command> ctx, NodeContext node, EngineMetrics metrics,
      String pinnedScenario) {
    super(ctx);
    this.node = node;
    this.metrics = metrics;
    this.pinnedScenario = pinnedScenario;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(WindowDone.class, locked(this::onWindowDone))
        .onMessage(EntityDone.class, locked(this::onEntityDone))
        .onMessage(EpochBatch.class, locked(this::onEpochBatch))
        .onMessage(RunTo.class, locked(this::onRunTo))
        .onMessage(Plan.class, locked(this::onPlan))
        .onMessage(StartEntities.class, locked(this::onStartEntities))
        .onMessage(Inject.class, locked(this::onInject))
        .onMessage(EntityFailed.class, locked(this::onEntityFailed))
        .onMessage(Finish.class, locked(this::onFinish))
        .onMessage(SaveState.class, locked(this::onSaveState))
        .onMessage(EntityState.class, locked(this::onEntityState))
        .onMessage(StateAck.class, locked(this::onStateAck))
        .onMessage(LoadState.class, locked(this::onLoadState))
        .onMessage(CoordinatorLost.class, locked(this::onCoordinatorLost))
        .build();
  }

  /**
   * {@code handler}, run holding {@link #state}: entities take answers in on the scheduler's
   * behalf while a window runs (see {@link WindowTally}), and must never do so while the
   * scheduler itself works on its state.
   */
  private <M extends Command> Function<M, Behavior<Command>> locked(
      Function<M, Behavior<Command>> handler) {
    return m -> {
      state.lock();
      try {
        return handler.apply(m);
      } finally {
        state.unlock();
      }
    };
  }

  // ---------------------------------------------------------------- planning and start

  @SuppressWarnings("unchecked")
  private Behavior<Command> onPlan(Plan plan) {
    if (runId != -1) {
      // A run whose coordinator is alive still owns this node.
      plan.coordinator().tell(new RunCoordinator.NodeFailed(plan.runId(), plan.nodeIndex(),
          "node " + address() + " is busy with another run", 3));
      return this;
    }
    String scenario = plan.spec().scenarioHash();
    if (!pinnedScenario.isEmpty() && !pinnedScenario.equals(scenario)) {
      plan.coordinator().tell(new RunCoordinator.NodeFailed(plan.runId(), plan.nodeIndex(),
          "node " + address() + " serves only the scenario with hash " + pinnedScenario
              + ", and this run's " + plan.spec().origin() + " has hash " + scenario, 2));
      return this;
    }
    runId = plan.runId();
    nodeIndex = plan.nodeIndex();
    schedulers = plan.schedulers();
    coordinator = plan.coordinator();
    getContext().watchWith(coordinator, new CoordinatorLost(runId));
    Placement placement = plan.placement();
    try {
      world = node.build(plan.spec());
    } catch (RuntimeException e) {
      coordinator.tell(new RunCoordinator.NodeFailed(runId, nodeIndex,
          "cannot build the world: " + e.getMessage(), 2));
      return this;
    }
    if (world.entityCount() > EventQueue.MAX_SRC + 1) {
      coordinator.tell(new RunCoordinator.NodeFailed(runId, nodeIndex, "the world has "
          + world.entityCount() + " entities, more than the engine orders events of ("
          + (EventQueue.MAX_SRC + 1) + ")", 2));
      return this;
    }
    lookahead = plan.lookahead();
    layout = new RunLayout(world, placement, lookahead);
    node.plan(runId, plan.spec(), world, lookahead, placement, layout);
    int n = world.entityCount();
    localIndex = new int[n];
    int count = 0;
    for (int id = 0; id < n; id++) {
      localIndex[id] = layout.nodeOf(id) == nodeIndex ? count++ : -1;
    }
    localIds = new int[count];
    for (int id = 0; id < n; id++) {
      if (localIndex[id] >= 0) {
        localIds[localIndex[id]] = id;
      }
    }
    refs = new ActorRef[count];
    shelves = new ActorRef[(count + EntityShelf.SIZE - 1) / EntityShelf.SIZE];
    stepping = new boolean[count];
    toStep = new int[count];
    tally = new WindowTally(runId, getContext().getSelf(), count, state, this::absorbFinished);
    heap = new EntityHeap(count);
    mailroom = new Mailroom(localIndex, count);
    int nodes = schedulers.size();
    outbound = new List[nodes];
    sentMin = filled(nodes);
    agreement = new TimeAgreement(layout, nodeIndex, nodes);
    metrics.peers(placement.nodeAddresses(), nodeIndex);
    sentTo = new IntConsumer[nodes];
    for (int peer = 0; peer < nodes; peer++) {
      sentTo[peer] = metrics.bytesSentTo(peer);
    }
    metrics.entitiesHosted(count);
    failed = false;
    started = false;
    running = false;
    inEpoch = false;
    epoch = 0;
    events = 0;
    windows = 0;
    epochs = 0;
    hashSum = 0;
    limit = Long.MIN_VALUE;
    earlyBatches.clear();
    report = new ArrayList<>();
    windowOutputs = new ArrayList<>();
    coordinator.tell(new RunCoordinator.Planned(runId, nodeIndex, count));
    return this;
  }

  private static long[] filled(int n) {
    long[] a = new long[n];
    Arrays.fill(a, Long.MAX_VALUE);
    return a;
  }

  private String address() {
    return getContext().getSystem().address().toString();
  }

  private Behavior<Command> onStartEntities(StartEntities start) {
    if (start.runId() != runId) {
      return this;
    }
    inFlight = localIds.length;
    for (int s = 0; s < shelves.length; s++) {
      int from = s * EntityShelf.SIZE;
      int to = Math.min(localIds.length, from + EntityShelf.SIZE);
      int[] locals = new int[to - from];
      for (int i = 0; i < locals.length; i++) {
        locals[i] = from + i;
      }
      shelf(s).tell(new EntityShelf.Spawn(Arrays.copyOfRange(localIds, from, to), locals, null));
    }
    if (inFlight == 0) {
      afterStep();
    }
    return this;
  }

  private ActorRef<EntityShelf.Command> shelf(int s) {
    if (shelves[s] == null) {
      shelves[s] = getContext().spawnAnonymous(EntityShelf.create(node, runId,
          getContext().getSelf()));
    }
    return shelves[s];
  }

  // ---------------------------------------------------------------- running to a limit

  private Behavior<Command> onRunTo(RunTo r) {
    if (r.runId() != runId || failed) {
      return this;
    }
    limit = r.limit();
    agreement.injected(r.injectedMin());
    horizon = agreement.horizon();
    running = true;
    lastReportNs = System.nanoTime();
    if (!agreement.alone() && agreement.done(limit)) {
      reached();
      return this;
    }
    advance();
    return this;
  }

  /** Runs local windows up to the horizon, then exchanges the epoch or reports the limit. */
  private void advance() {
    if (!running || inFlight > 0 || inEpoch || failed) {
      return;
    }
    long bound = Math.min(horizon, limit);
    long next = Math.min(heap.minKey(), mailroom.mailMin());
    maybeReport(Math.min(next, bound));
    if (next < bound) {
      startWindow(next, Math.min(bound, saturatedAdd(next, lookahead)));
      return;
    }
    if (agreement.alone()) {
      reached();
      return;
    }
    sendEpoch(next);
  }

  private void startWindow(long start, long end) {
    windowEnd = end;
    windowHash = 0;
    windowProcessed = 0;
    // Every entity with mail steps (it keeps what is not due yet), and every entity whose own
    // next event falls in the window. The tally is opened for all of them before the first
    // step goes out, since the first answers may come back while the rest are being sent.
    Mailroom.Sorted mail = mailroom.mail();
    int n = 0;
    for (int i = 0, m = mailroom.entitiesWithMail(); i < m; i++) {
      int e = mailroom.entityWithMail(i);
      stepping[e] = true;
      toStep[n++] = e;
    }
    mailroom.handedOut();
    // Entities already stepping for their mail stay in the heap with a stale key until they
    // answer; the drain skips them.
    int withMail = n;
    stepCount = n;
    heap.drainBelow(end, this::collectStep);
    n = stepCount;
    if (n > localIds.length / Mailroom.DENSE) {
      inLocalOrder(n);
    }
    tally.open(n);
    inFlight += n;
    // Without mail sorted for this window, the slices the mailroom holds were handed out
    // already: every entity steps with none.
    EntityActor.Step step = withMail > 0
        ? EntityActor.Step.shared(runId, start, end, mail, mailroom.starts(), mailroom.counts(),
            tally)
        : new EntityActor.Step(runId, start, end, mail, 0, 0, tally);
    for (int k = 0; k < n; k++) {
      refs[toStep[k]].tell(step);
    }
  }

  /**
   * Puts a dense window's steps (more than 1/{@link Mailroom#DENSE} of the node's entities) in
   * the order the entities were made: their actors and state lie in the heap in about that
   * order, so telling and running them in it walks memory forward instead of jumping across the
   * whole node's entities once per step.
   */
  private void inLocalOrder(int n) {
    for (int e = 0, k = 0; k < n; e++) {
      if (stepping[e]) {
        toStep[k++] = e;
      }
    }
  }

  private void collectStep(int e) {
    if (!stepping[e]) {
      stepping[e] = true;
      toStep[stepCount++] = e;
    }
  }

  private static long saturatedAdd(long a, long b) {
    long s = a + b;
    return s < a ? Long.MAX_VALUE : s;
  }

  private Behavior<Command> onEntityDone(EntityDone done) {
    if (done.runId() != runId || failed) {
      return this;
    }
    int e = done.local();
    if (done.ref() != null) {
      refs[e] = done.ref();
    }
    if (loader != null) {
      int settled = loader.restored(e);
      if (settled >= 0) {
        loaderClient.tell(new RunReply.StateLoaded(runId, nodeIndex, settled));
      }
    }
    absorb(e, done.outgoing(), done.nextTime(), done.hash(), done.processed(), done.outputs());
    if (--inFlight == 0) {
      afterStep();
    }
    // same(), not this: the scheduler runs under the supervisor of systemActorOf, which re-wraps
    // a behavior that returns itself in a new interceptor on every message.
    return Behaviors.same();
  }

  private Behavior<Command> onWindowDone(WindowDone done) {
    if (done.runId() != runId || failed) {
      return this;
    }
    absorbFinished();
    // The window stays in flight until this message, even when helpers already took in every
    // answer: only now may another window start.
    inFlight -= tally.size();
    tally.clear();
    if (inFlight == 0) {
      afterStep();
    }
    return Behaviors.same();
  }

  /**
   * Takes in the answers the window's entities have published so far; on the scheduler's own
   * thread or, for it, on an entity's (see {@link WindowTally}), always under {@link #state}.
   */
  private void absorbFinished() {
    absorbFinished(Integer.MAX_VALUE);
  }

  /** Takes in at most {@code max} of the answers published so far. */
  private void absorbFinished(int max) {
    WindowTally t = tally;
    for (int n = 0, e; n < max && (e = t.nextFinished()) >= 0; n++) {
      StepAnswer a = t.answerOf(e);
      absorb(e, a.outbox, a.nextTime, a.hash, a.processed, a.outputs);
      // Read: the entity need not keep a small outbox it would have dropped, until its next step.
      a.clear();
    }
  }

  /** Takes in one entity's answer: its hash and count, outputs, mail, and next event time. */
  private void absorb(int e, Outbox out, long nextTime, long hash, int processed,
      List<OutputRecord> outputs) {
    stepping[e] = false;
    windowHash += hash;
    windowProcessed += processed;
    if (!outputs.isEmpty()) {
      windowOutputs.addAll(outputs);
    }
    if (mailroom.addOutbox(out) > 0) {
      for (int i = 0, n = out.size(); i < n; i++) {
        if (localIndex[out.dst(i)] < 0) {
          sendAway(out, i);
        }
      }
    }
    heap.append(e, nextTime);
  }

  /** Queues event {@code i} of {@code out}, for another node's entity, for that node. */
  private void sendAway(Outbox out, int i) {
    int dst = out.dst(i);
    int to = layout.nodeOf(dst);
    List<Event> batch = outbound[to];
    if (batch == null) {
      batch = new ArrayList<>();
      outbound[to] = batch;
    }
    batch.add(out.event(i));
    long time = out.time(i);
    if (time < sentMin[to]) {
      sentMin[to] = time;
    }
  }

  /** Every entity of the window (or of the start) has answered. */
  private void afterStep() {
    mailroom.sort();
    if (!windowOutputs.isEmpty()) {
      Collections.sort(windowOutputs);
      report.addAll(windowOutputs);
      windowOutputs = new ArrayList<>();
    }
    if (!started) {
      if (loader == null || loader.complete()) {
        agreeOnStart();
      }
      return;
    }
    windows++;
    events += windowProcessed;
    hashSum += windowHash;
    metrics.window(windowProcessed, windowEnd);
    advance();
  }

  /** After the start hooks (or the restore): learn the component's first pending times. */
  private void agreeOnStart() {
    long localMin = Math.min(heap.minKey(), mailroom.mailMin());
    if (agreement.alone()) {
      agreement.own(localMin, sentMin);
      horizon = Long.MAX_VALUE;
      prepared();
      return;
    }
    sendEpoch(localMin);
  }

  private void prepared() {
    started = true;
    loader = null;
    coordinator.tell(new RunCoordinator.Prepared(runId, nodeIndex, takeReport()));
  }

  // ---------------------------------------------------------------- epochs between nodes

  private void sendEpoch(long localMin) {
    inEpoch = true;
    epochBatches = 0;
    epochSentMin = sentMin.clone();
    epochSentAtNs = System.nanoTime();
    for (int q : agreement.peers()) {
      List<Event> batch = outbound[q] == null ? List.of() : outbound[q];
      schedulers.get(q).tell(new EpochBatch(runId, epoch, nodeIndex, batch, localMin,
          epochSentMin, sentTo[q]));
      outbound[q] = null;
    }
    Arrays.fill(sentMin, Long.MAX_VALUE);
    agreement.own(localMin, epochSentMin);
    List<EpochBatch> early = earlyBatches.remove(epoch);
    if (early != null) {
      for (EpochBatch b : early) {
        accept(b);
      }
    }
    maybeEndEpoch();
  }

  private Behavior<Command> onEpochBatch(EpochBatch b) {
    if (b.runId() != runId) {
      return this;
    }
    if (!inEpoch || b.epoch() != epoch) {
      earlyBatches.computeIfAbsent(b.epoch(), k -> new ArrayList<>()).add(b);
      return this;
    }
    accept(b);
    maybeEndEpoch();
    return this;
  }

  private void accept(EpochBatch b) {
    metrics.bytesReceived(b.fromNode(), b.wireBytes);
    mailroom.requeueMail();
    for (Event e : b.events()) {
      mailroom.add(e, localIndex[e.dst()]);
    }
    mailroom.sort();
    agreement.peer(b.fromNode(), b.localMin(), b.sentMin());
    epochBatches++;
  }

  private void maybeEndEpoch() {
    if (epochBatches < agreement.peers().length) {
      return;
    }
    inEpoch = false;
    epoch++;
    epochs++;
    metrics.epochWait(System.nanoTime() - epochSentAtNs);
    horizon = agreement.horizon();
    if (!started) {
      prepared();
      return;
    }
    if (agreement.done(limit)) {
      reached();
      return;
    }
    advance();
  }

  // ---------------------------------------------------------------- reporting

  private void maybeReport(long safe) {
    long now = System.nanoTime();
    if (report.size() < REPORT_OUTPUTS && now - lastReportNs < REPORT_EVERY_NS) {
      return;
    }
    lastReportNs = now;
    coordinator.tell(new RunCoordinator.NodeProgress(runId, nodeIndex, safe, events, windows,
        epochs, takeReport()));
  }

  private List<OutputRecord> takeReport() {
    if (report.isEmpty()) {
      return List.of();
    }
    List<OutputRecord> r = report;
    report = new ArrayList<>();
    return r;
  }

  private void reached() {
    running = false;
    coordinator.tell(new RunCoordinator.Reached(runId, nodeIndex, limit, events, windows,
        epochs, hashSum, takeReport()));
  }

  // ---------------------------------------------------------------- outside events, failures

  private Behavior<Command> onInject(Inject inject) {
    if (inject.runId() != runId) {
      return this;
    }
    // Injections come between limits, after the mail was sorted: sort it again with them.
    mailroom.requeueMail();
    for (Event e : inject.events()) {
      mailroom.add(e, localIndex[e.dst()]);
    }
    mailroom.sort();
    return this;
  }

  private Behavior<Command> onEntityFailed(EntityFailed f) {
    if (f.runId() != runId) {
      return this;
    }
    failed = true;
    coordinator.tell(new RunCoordinator.NodeFailed(runId, nodeIndex, f.exitCode() == 1
        ? "entity " + f.name() + " failed at simulated time " + f.time() + " ns:\n" + f.trace()
        : "entity " + f.name() + ": " + f.trace(), f.exitCode()));
    return this;
  }

  private Behavior<Command> onFinish(Finish f) {
    if (f.runId() != runId) {
      return this;
    }
    coordinator.tell(new RunCoordinator.NodeFinished(runId, nodeIndex));
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
    return this;
  }

  /** Stops the run's entities and forgets the run. */
  private void drop() {
    if (shelves != null) {
      for (ActorRef<EntityShelf.Command> s : shelves) {
        if (s != null) {
          getContext().stop(s);
        }
      }
    }
    getContext().unwatch(coordinator);
    runId = -1;
    refs = null;
    shelves = null;
    heap = null;
    mailroom = null;
    saver = null;
    loader = null;
    localIndex = new int[0];
    localIds = new int[0];
    world = null;
    layout = null;
  }

  // ---------------------------------------------------------------- checkpoints

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
    }
    List<StateRecords.Entry> entries;
    try {
      entries = loader.onChunk(load.index(), load.records(), load.last());
    } catch (IllegalStateException e) {
      failed = true;
      coordinator.tell(new RunCoordinator.NodeFailed(runId, nodeIndex, e.getMessage(), 2));
      return this;
    }
    // Each shelf gets its share of the chunk's records in one message.
    Map<Integer, List<StateRecords.Entry>> byShelf = new HashMap<>();
    for (StateRecords.Entry e : entries) {
      byShelf.computeIfAbsent(localIndex[e.id()] / EntityShelf.SIZE, k -> new ArrayList<>())
          .add(e);
    }
    for (Map.Entry<Integer, List<StateRecords.Entry>> m : byShelf.entrySet()) {
      List<StateRecords.Entry> list = m.getValue();
      int[] ids = new int[list.size()];
      int[] locals = new int[list.size()];
      byte[][] states = new byte[list.size()][];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = list.get(i).id();
        locals[i] = localIndex[ids[i]];
        states[i] = list.get(i).state();
      }
      inFlight += ids.length;
      shelf(m.getKey()).tell(new EntityShelf.Spawn(ids, locals, states));
    }
    if (loader.settled(load.index())) {
      loaderClient.tell(new RunReply.StateLoaded(runId, nodeIndex, load.index()));
    }
    if (loader.complete() && inFlight == 0) {
      afterStep();
    }
    return this;
  }
}
