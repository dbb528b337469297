package io.smpsim.sim.engine;

import io.smpsim.sim.Event;
import io.smpsim.sim.OutputRecord;
import io.smpsim.sim.SimWorld;
import io.smpsim.sim.TraceHash;
import io.smpsim.sim.WorldSpec;
import io.smpsim.sim.serialization.WireMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The clock of a run, a Cluster Singleton on the worker nodes. It plans the placement, opens
 * window after window — each starting at the earliest pending event anywhere in the cluster, so
 * empty stretches of simulated time cost nothing — waits for every node to finish a window
 * before opening the next, folds the trace hash, and streams the window's outputs to the run's
 * client in {@code (time, source, seq)} order. Between windows it has the nodes save their state
 * for a checkpoint; a run can start from such a state instead of time 0. It aborts the run when a
 * node or the client is lost.
 */
public final class ClockCoordinator extends AbstractBehavior<ClockCoordinator.Command> {

  /** What the coordinator accepts. */
  public sealed interface Command extends WireMessage
      permits RegisterNode, StartRun, RunUntil, InjectEvents, FinishRun, Planned, Prepared,
          WindowDone, NodeFailed, NodeFinished, MemberLost, SaveCheckpoint, ClientLost {}

  /**
   * A node's scheduler announces itself (again every few seconds while idle).
   *
   * @param pinnedScenario the {@link WorldSpec#scenarioHash()} the node is reserved for, or empty
   */
  public record RegisterNode(ActorRef<NodeScheduler.Command> scheduler, String address,
      String pinnedScenario) implements Command {}

  /**
   * Start a run on {@code nodes} nodes (0: every node registered so far, which right after a
   * cluster starts may not be all of them, so callers pass their count; otherwise it waits until
   * that many have registered) with lookahead {@code lookahead} ns; the client receives
   * {@link RunReply}s. With a {@code resume} point the entities take up the states the client
   * then streams to the nodes (see {@link RunReply.AwaitingState}) instead of starting afresh.
   */
  public record StartRun(long runId, WorldSpec spec, long lookahead, int nodes,
      ActorRef<RunReply> client, ResumePoint resume) implements Command {}

  /**
   * Process every event before {@code limit} (or until an output asks for a pause), and pause at
   * the first window boundary at or after {@code pauseAt} (windows are not cut there, so pausing
   * leaves the trace unchanged).
   */
  public record RunUntil(long runId, long limit, long pauseAt) implements Command {}

  /**
   * While paused: have every node stream its entities' states to {@code client}, which writes
   * them into a checkpoint.
   */
  public record SaveCheckpoint(long runId, ActorRef<RunReply> client) implements Command {}

  /** The run's client is gone. */
  public record ClientLost(long runId) implements Command {}

  /** Events from outside, at times not before the current simulated time. */
  public record InjectEvents(long runId, List<Event> events) implements Command {}

  /** End the run and stop its entities. */
  public record FinishRun(long runId) implements Command {}

  /** A node has built the world and computed its share. */
  public record Planned(long runId, int node, int entities) implements Command {}

  /** A node's entities have run their start hooks. */
  public record Prepared(long runId, int node, long localMin, List<OutputRecord> outputs)
      implements Command {}

  /** A node finished a window. */
  public record WindowDone(long runId, int node, long window, long localMin, long processed,
      long hash, List<OutputRecord> outputs) implements Command {}

  /** A node cannot go on. */
  public record NodeFailed(long runId, int node, String reason) implements Command {}

  /** A node stopped its entities. */
  public record NodeFinished(long runId, int node) implements Command {}

  /** A cluster member became unreachable or left. */
  public record MemberLost(String address) implements Command {}

  /** How many windows pass between two progress reports, at most. */
  private static final int PROGRESS_EVERY = 4096;

  /** How much wall time passes between two progress reports, at most. */
  private static final long PROGRESS_EVERY_NS = 500_000_000L;

  private final NodeContext node;
  private final List<RegisterNode> registered = new ArrayList<>();

  private long runId = -1;
  private StartRun start;
  private SimWorld world;
  private Placement placement;
  private List<ActorRef<NodeScheduler.Command>> schedulers = List.of();
  private int[] entitiesPerNode;
  private int replies;
  private long[] localMins;
  private List<OutputRecord> pendingOutputs = new ArrayList<>();
  private long injectedMin = Long.MAX_VALUE;
  private long now;
  private long limit;
  private long pauseAt = Long.MAX_VALUE;
  private long lastProgressNs;
  private long window;
  private long windowStart;
  private long windowEnd;
  private long events;
  private long windows;
  private long traceHash;
  private long windowHashSum;
  private boolean running;
  private boolean pauseRequested;
  private boolean aborted;

  public static Behavior<Command> create(NodeContext node) {
    return Behaviors.setup(ctx -> {
      ActorRef<ClusterEvent.UnreachableMember> unreachable = ctx.messageAdapter(
          ClusterEvent.UnreachableMember.class,
          e -> new MemberLost(e.member().address().toString()));
      ActorRef<ClusterEvent.MemberRemoved> removed = ctx.messageAdapter(
          ClusterEvent.MemberRemoved.class, e -> new MemberLost(e.member().address().toString()));
      Cluster cluster = Cluster.get(ctx.getSystem());
      cluster.subscriptions().tell(Subscribe.create(unreachable, ClusterEvent.UnreachableMember.class));
      cluster.subscriptions().tell(Subscribe.create(removed, ClusterEvent.MemberRemoved.class));
      return new ClockCoordinator(ctx, node);
    });
  }

  private ClockCoordinator(ActorContext<Command> ctx, NodeContext node) {
    super(ctx);
    this.node = node;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(RegisterNode.class, this::onRegister)
        .onMessage(StartRun.class, this::onStartRun)
        .onMessage(Planned.class, this::onPlanned)
        .onMessage(Prepared.class, this::onPrepared)
        .onMessage(RunUntil.class, this::onRunUntil)
        .onMessage(InjectEvents.class, this::onInject)
        .onMessage(WindowDone.class, this::onWindowDone)
        .onMessage(NodeFailed.class, this::onNodeFailed)
        .onMessage(FinishRun.class, this::onFinishRun)
        .onMessage(NodeFinished.class, this::onNodeFinished)
        .onMessage(MemberLost.class, this::onMemberLost)
        .onMessage(SaveCheckpoint.class, this::onSaveCheckpoint)
        .onMessage(ClientLost.class, this::onClientLost)
        .build();
  }

  private Behavior<Command> onRegister(RegisterNode r) {
    registered.removeIf(x -> x.address().equals(r.address()));
    registered.add(r);
    registered.sort(Comparator.comparing(RegisterNode::address, ClockCoordinator::compareAddress));
    if (start != null && runId == -1) {
      tryStart();
    }
    return this;
  }

  /** Orders addresses by host, then numerically by port, so node order is stable. */
  static int compareAddress(String a, String b) {
    int pa = a.lastIndexOf(':');
    int pb = b.lastIndexOf(':');
    if (pa > 0 && pb > 0) {
      int c = a.substring(0, pa).compareTo(b.substring(0, pb));
      if (c != 0) {
        return c;
      }
      try {
        return Integer.compare(Integer.parseInt(a.substring(pa + 1)),
            Integer.parseInt(b.substring(pb + 1)));
      } catch (NumberFormatException e) {
        return a.compareTo(b);
      }
    }
    return a.compareTo(b);
  }

  private Behavior<Command> onStartRun(StartRun s) {
    if (runId != -1) {
      s.client().tell(new RunReply.Aborted(s.runId(), "another run is in progress", 0, 1));
      return this;
    }
    start = s;
    tryStart();
    return this;
  }

  private void tryStart() {
    int wanted = start.nodes() <= 0 ? registered.size() : start.nodes();
    if (registered.size() < wanted || wanted == 0) {
      return;
    }
    StartRun s = start;
    List<RegisterNode> members = registered.subList(0, wanted);
    String scenario = s.spec().scenarioHash();
    for (RegisterNode r : members) {
      if (!r.pinnedScenario().isEmpty() && !r.pinnedScenario().equals(scenario)) {
        start = null;
        s.client().tell(new RunReply.Aborted(s.runId(), "node " + r.address()
            + " serves only the scenario with hash " + r.pinnedScenario() + ", and this run's "
            + s.spec().origin() + " has hash " + scenario, 0, 2));
        return;
      }
    }
    try {
      world = node.build(s.spec());
    } catch (RuntimeException e) {
      start = null;
      s.client().tell(new RunReply.Aborted(s.runId(), "cannot build the world: " + e.getMessage(),
          0, 2));
      return;
    }
    runId = s.runId();
    getContext().watchWith(s.client(), new ClientLost(runId));
    List<String> addresses = new ArrayList<>();
    List<ActorRef<NodeScheduler.Command>> refs = new ArrayList<>();
    for (RegisterNode r : members) {
      addresses.add(r.address());
      refs.add(r.scheduler());
    }
    schedulers = List.copyOf(refs);
    placement = Placement.plan(world, addresses);
    entitiesPerNode = new int[wanted];
    localMins = new long[wanted];
    replies = 0;
    ResumePoint from = s.resume() != null ? s.resume() : new ResumePoint(0, 0, 0, 0);
    now = from.now();
    window = from.windows();
    events = from.events();
    windows = from.windows();
    traceHash = from.traceHash();
    pauseAt = Long.MAX_VALUE;
    lastProgressNs = System.nanoTime();
    injectedMin = Long.MAX_VALUE;
    aborted = false;
    running = false;
    pendingOutputs = new ArrayList<>();
    for (int i = 0; i < wanted; i++) {
      schedulers.get(i).tell(new NodeScheduler.Plan(runId, s.spec(), s.lookahead(), placement, i,
          schedulers, getContext().getSelf()));
    }
  }

  private Behavior<Command> onPlanned(Planned p) {
    if (p.runId() != runId || aborted) {
      return this;
    }
    entitiesPerNode[p.node()] = p.entities();
    if (++replies == schedulers.size()) {
      replies = 0;
      if (start.resume() != null) {
        start.client().tell(new RunReply.AwaitingState(runId, placement, schedulers));
      } else {
        schedulers.forEach(s -> s.tell(new NodeScheduler.StartEntities(runId)));
      }
    }
    return this;
  }

  private Behavior<Command> onPrepared(Prepared p) {
    if (p.runId() != runId || aborted) {
      return this;
    }
    localMins[p.node()] = p.localMin();
    pendingOutputs.addAll(p.outputs());
    if (++replies == schedulers.size()) {
      replies = 0;
      flushOutputs();
      List<Integer> perNode = new ArrayList<>();
      for (int n : entitiesPerNode) {
        perNode.add(n);
      }
      start.client().tell(new RunReply.Started(runId, List.copyOf(perNode),
          placement.nodeAddresses(), world.entityCount(), placement, now));
    }
    return this;
  }

  private Behavior<Command> onInject(InjectEvents inj) {
    if (inj.runId() != runId || aborted) {
      return this;
    }
    List<List<Event>> perNode = new ArrayList<>();
    for (int i = 0; i < schedulers.size(); i++) {
      perNode.add(new ArrayList<>());
    }
    for (Event e : inj.events()) {
      if (e.time() < now) {
        abort("event injected in the past (" + e.time() + " ns < now " + now + " ns): " + e, 1);
        return this;
      }
      perNode.get(placement.nodeOfGroup(world.groupOf(e.dst()))).add(e);
      injectedMin = Math.min(injectedMin, e.time());
    }
    for (int i = 0; i < schedulers.size(); i++) {
      if (!perNode.get(i).isEmpty()) {
        schedulers.get(i).tell(new NodeScheduler.Inject(runId, perNode.get(i)));
      }
    }
    return this;
  }

  private Behavior<Command> onRunUntil(RunUntil r) {
    if (r.runId() != runId || aborted) {
      return this;
    }
    limit = r.limit();
    pauseAt = r.pauseAt();
    running = true;
    pauseRequested = false;
    nextWindow();
    return this;
  }

  private long globalMin() {
    long min = injectedMin;
    for (long m : localMins) {
      min = Math.min(min, m);
    }
    return min;
  }

  private void nextWindow() {
    long next = globalMin();
    boolean pause = pauseRequested || now >= pauseAt;
    if (!pause && next >= pauseAt && pauseAt < limit) {
      // Nothing happens between now and the pause point: the clock can stop right there.
      now = pauseAt;
      pause = true;
    }
    if (!pause && next >= limit) {
      now = Math.max(now, limit);
      pause = true;
    }
    if (pause) {
      running = false;
      start.client().tell(new RunReply.Paused(runId, now, events, windows, traceHash));
      return;
    }
    injectedMin = Long.MAX_VALUE;
    windowStart = next;
    windowEnd = Math.min(next + start.lookahead(), limit);
    window++;
    replies = 0;
    windowHashSum = 0;
    for (ActorRef<NodeScheduler.Command> s : schedulers) {
      s.tell(new NodeScheduler.StartWindow(runId, window, windowStart, windowEnd));
    }
  }

  private Behavior<Command> onWindowDone(WindowDone d) {
    if (d.runId() != runId || d.window() != window || aborted) {
      return this;
    }
    localMins[d.node()] = d.localMin();
    events += d.processed();
    windowHashSum += d.hash();
    if (!d.outputs().isEmpty()) {
      pendingOutputs.addAll(d.outputs());
    }
    if (++replies < schedulers.size()) {
      return this;
    }
    windows++;
    now = windowEnd;
    traceHash = TraceHash.fold(traceHash, windowStart, windowHashSum);
    flushOutputs();
    long wall = System.nanoTime();
    if (windows % PROGRESS_EVERY == 0 || wall - lastProgressNs > PROGRESS_EVERY_NS) {
      lastProgressNs = wall;
      start.client().tell(new RunReply.Progress(runId, now, events, windows));
    }
    nextWindow();
    return this;
  }

  private void flushOutputs() {
    if (pendingOutputs.isEmpty()) {
      return;
    }
    Collections.sort(pendingOutputs);
    for (OutputRecord o : pendingOutputs) {
      if (o.output().pausesRun()) {
        pauseRequested = true;
      }
    }
    start.client().tell(new RunReply.Outputs(runId, pendingOutputs));
    pendingOutputs = new ArrayList<>();
  }

  private Behavior<Command> onNodeFailed(NodeFailed f) {
    if (f.runId() != runId) {
      return this;
    }
    abort("node " + f.node() + ": " + f.reason(), 1);
    return this;
  }

  private Behavior<Command> onMemberLost(MemberLost m) {
    registered.removeIf(r -> r.address().equals(m.address()));
    if (runId == -1 || aborted || placement == null || placement.indexOf(m.address()) < 0) {
      return this;
    }
    abort("cluster node " + m.address() + " lost at simulated time " + now + " ns", 3);
    return this;
  }

  private Behavior<Command> onSaveCheckpoint(SaveCheckpoint c) {
    if (c.runId() != runId || aborted) {
      return this;
    }
    if (running) {
      abort("a checkpoint was asked for while windows were running", 1);
      return this;
    }
    schedulers.forEach(s -> s.tell(new NodeScheduler.SaveState(runId, c.client())));
    return this;
  }

  private Behavior<Command> onClientLost(ClientLost c) {
    if (c.runId() != runId || aborted) {
      return this;
    }
    getContext().getLog().warn("smpsim: the client of run {} is gone; stopping the run", runId);
    abort("the run's client is gone", 3);
    return this;
  }

  private void abort(String reason, int exitCode) {
    aborted = true;
    getContext().unwatch(start.client());
    start.client().tell(new RunReply.Aborted(runId, reason, now, exitCode));
    schedulers.forEach(s -> s.tell(new NodeScheduler.Finish(runId)));
    runId = -1;
    start = null;
  }

  private Behavior<Command> onFinishRun(FinishRun f) {
    if (f.runId() != runId) {
      return this;
    }
    replies = 0;
    schedulers.forEach(s -> s.tell(new NodeScheduler.Finish(runId)));
    return this;
  }

  private Behavior<Command> onNodeFinished(NodeFinished f) {
    if (f.runId() != runId || ++replies < schedulers.size()) {
      return this;
    }
    start.client().tell(new RunReply.Finished(runId, now, events, windows, traceHash));
    getContext().unwatch(start.client());
    runId = -1;
    start = null;
    return this;
  }
}
