package io.smpsim.sim.engine;

import io.smpsim.sim.Event;
import io.smpsim.sim.OutputRecord;
import io.smpsim.sim.SimWorld;
import io.smpsim.sim.WorldSpec;
import io.smpsim.sim.serialization.WireMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
 * One run's control, off the per-window path: it lives beside the run's client, plans the
 * placement, has the nodes create their entities (or take up a checkpoint's states), hands
 * every node the limit to run to, routes injected events, and merges what the nodes report —
 * outputs in {@code (time, source, seq)} order, released up to the time every node has passed,
 * progress, and the counts and trace hash once every node has reached the limit. The nodes agree
 * on time among themselves. It aborts the run when a node fails or is lost, and stops when the
 * run is finished.
 */
public final class RunCoordinator extends AbstractBehavior<RunCoordinator.Command> {

  /** What a run coordinator accepts. */
  public sealed interface Command extends WireMessage
      permits RunUntil, InjectEvents, SaveCheckpoint, FinishRun, Planned, Prepared,
          NodeProgress, Reached, NodeFailed, NodeFinished, NodeLost {}

  /** Process every event before {@code limit}, then pause. */
  public record RunUntil(long runId, long limit) implements Command {}

  /** Events from outside, at times not before the current simulated time. */
  public record InjectEvents(long runId, List<Event> events) implements Command {}

  /**
   * While paused: have every node stream its entities' states to {@code client}, which writes
   * them into a checkpoint.
   */
  public record SaveCheckpoint(long runId, ActorRef<RunReply> client) implements Command {}

  /** End the run and stop its entities. */
  public record FinishRun(long runId) implements Command {}

  /** A node has built the world and computed its share. */
  public record Planned(long runId, int node, int entities) implements Command {}

  /** A node's entities have started (or restored) and it agreed on the start with its peers. */
  public record Prepared(long runId, int node, List<OutputRecord> outputs) implements Command {}

  /**
   * A running node's report: it has processed every event before {@code safe} and will output
   * nothing earlier; its counts so far; its outputs since its last report.
   */
  public record NodeProgress(long runId, int node, long safe, long events, long windows,
      long epochs, List<OutputRecord> outputs) implements Command {}

  /** A node has processed every event before {@code limit}. */
  public record Reached(long runId, int node, long limit, long events, long windows, long epochs,
      long hashSum, List<OutputRecord> outputs) implements Command {}

  /** A node cannot go on: {@code exitCode} 1 internal, 2 bad input, 3 cluster trouble. */
  public record NodeFailed(long runId, int node, String reason, int exitCode) implements Command {}

  /** A node stopped its entities. */
  public record NodeFinished(long runId, int node) implements Command {}

  /** A node of the run is gone ({@code address}), or a cluster member became unreachable. */
  public record NodeLost(String address) implements Command {}

  private final long runId;
  private final SimWorld world;
  private final Placement placement;
  private final List<ActorRef<NodeScheduler.Command>> schedulers;
  private final ActorRef<RunReply> client;
  private final ResumePoint from;
  private final boolean resuming;

  private final int[] entitiesPerNode;
  private final long[] safe;
  private final long[] nodeEvents;
  private final long[] nodeWindows;
  private final long[] nodeEpochs;
  private final long[] nodeHash;
  private final long[] injectedMin;
  private final List<List<OutputRecord>> held = new ArrayList<>();
  private int replies;
  private long now;
  private long limit;
  private boolean running;
  private boolean done;

  /**
   * @param schedulers the nodes' schedulers, in node order
   * @param addresses their cluster addresses, in the same order
   * @param resume the checkpoint to resume (the client then streams its states), or null
   */
  public static Behavior<Command> create(long runId, WorldSpec spec, SimWorld world,
      long lookahead, List<ActorRef<NodeScheduler.Command>> schedulers, List<String> addresses,
      ActorRef<RunReply> client, ResumePoint resume) {
    return Behaviors.setup(ctx -> {
      // A lone node (not clustered) has no members to lose.
      if (SimulationNode.clustered(ctx.getSystem())) {
        ActorRef<ClusterEvent.UnreachableMember> unreachable = ctx.messageAdapter(
            ClusterEvent.UnreachableMember.class,
            e -> new NodeLost(e.member().address().toString()));
        ActorRef<ClusterEvent.MemberRemoved> removed = ctx.messageAdapter(
            ClusterEvent.MemberRemoved.class,
            e -> new NodeLost(e.member().address().toString()));
        Cluster cluster = Cluster.get(ctx.getSystem());
        cluster.subscriptions().tell(Subscribe.create(unreachable,
            ClusterEvent.UnreachableMember.class));
        cluster.subscriptions().tell(Subscribe.create(removed, ClusterEvent.MemberRemoved.class));
      }
      return new RunCoordinator(ctx, runId, spec, world, lookahead, schedulers, addresses, client,
          resume);
    });
  }

  private RunCoordinator(ActorContext<Command> ctx, long runId, WorldSpec spec, SimWorld world,
      long lookahead, List<ActorRef<NodeScheduler.Command>> schedulers, List<String> addresses,
      ActorRef<RunReply> client, ResumePoint resume) {
    super(ctx);
    this.runId = runId;
    this.world = world;
    this.schedulers = List.copyOf(schedulers);
    this.client = client;
    this.from = resume != null ? resume : new ResumePoint(0, 0, 0, 0);
    this.resuming = resume != null;
    this.placement = Placement.plan(world, addresses);
    int n = schedulers.size();
    entitiesPerNode = new int[n];
    safe = new long[n];
    nodeEvents = new long[n];
    nodeWindows = new long[n];
    nodeEpochs = new long[n];
    nodeHash = new long[n];
    injectedMin = new long[n];
    Arrays.fill(injectedMin, Long.MAX_VALUE);
    for (int i = 0; i < n; i++) {
      held.add(new ArrayList<>());
    }
    now = from.now();
    for (int i = 0; i < n; i++) {
      ActorRef<NodeScheduler.Command> s = schedulers.get(i);
      ctx.watchWith(s, new NodeLost(addresses.get(i)));
      s.tell(new NodeScheduler.Plan(runId, spec, lookahead, placement, i, this.schedulers,
          ctx.getSelf()));
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(NodeProgress.class, this::onProgress)
        .onMessage(Reached.class, this::onReached)
        .onMessage(RunUntil.class, this::onRunUntil)
        .onMessage(InjectEvents.class, this::onInject)
        .onMessage(Planned.class, this::onPlanned)
        .onMessage(Prepared.class, this::onPrepared)
        .onMessage(SaveCheckpoint.class, this::onSaveCheckpoint)
        .onMessage(FinishRun.class, this::onFinishRun)
        .onMessage(NodeFinished.class, this::onNodeFinished)
        .onMessage(NodeFailed.class, this::onNodeFailed)
        .onMessage(NodeLost.class, this::onNodeLost)
        .build();
  }

  private Behavior<Command> onPlanned(Planned p) {
    if (p.runId() != runId || done) {
      return this;
    }
    entitiesPerNode[p.node()] = p.entities();
    if (++replies == schedulers.size()) {
      replies = 0;
      if (resuming) {
        client.tell(new RunReply.AwaitingState(runId, placement, schedulers));
      } else {
        schedulers.forEach(s -> s.tell(new NodeScheduler.StartEntities(runId)));
      }
    }
    return this;
  }

  private Behavior<Command> onPrepared(Prepared p) {
    if (p.runId() != runId || done) {
      return this;
    }
    held.get(p.node()).addAll(p.outputs());
    if (++replies == schedulers.size()) {
      replies = 0;
      Arrays.fill(safe, now);
      release(Long.MAX_VALUE);
      List<Integer> perNode = new ArrayList<>();
      for (int n : entitiesPerNode) {
        perNode.add(n);
      }
      client.tell(new RunReply.Started(runId, List.copyOf(perNode), placement.nodeAddresses(),
          world.entityCount(), placement, now));
    }
    return this;
  }

  private Behavior<Command> onInject(InjectEvents inj) {
    if (inj.runId() != runId || done) {
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
      int node = placement.nodeOfGroup(world.groupOf(e.dst()));
      perNode.get(node).add(e);
      injectedMin[node] = Math.min(injectedMin[node], e.time());
    }
    for (int i = 0; i < schedulers.size(); i++) {
      if (!perNode.get(i).isEmpty()) {
        schedulers.get(i).tell(new NodeScheduler.Inject(runId, perNode.get(i)));
      }
    }
    return this;
  }

  private Behavior<Command> onRunUntil(RunUntil r) {
    if (r.runId() != runId || done) {
      return this;
    }
    if (r.limit() <= now) {
      client.tell(paused());
      return this;
    }
    limit = r.limit();
    running = true;
    replies = 0;
    long[] injected = injectedMin.clone();
    Arrays.fill(injectedMin, Long.MAX_VALUE);
    for (ActorRef<NodeScheduler.Command> s : schedulers) {
      s.tell(new NodeScheduler.RunTo(runId, limit, injected));
    }
    return this;
  }

  private Behavior<Command> onProgress(NodeProgress p) {
    if (p.runId() != runId || done || !running) {
      return this;
    }
    safe[p.node()] = Math.max(safe[p.node()], p.safe());
    count(p.node(), p.events(), p.windows(), p.epochs());
    held.get(p.node()).addAll(p.outputs());
    long min = minSafe();
    release(min);
    client.tell(new RunReply.Progress(runId, min, totalEvents(), totalWindows()));
    return this;
  }

  private Behavior<Command> onReached(Reached r) {
    if (r.runId() != runId || done || !running || r.limit() != limit) {
      return this;
    }
    safe[r.node()] = limit;
    count(r.node(), r.events(), r.windows(), r.epochs());
    nodeHash[r.node()] = r.hashSum();
    held.get(r.node()).addAll(r.outputs());
    if (++replies < schedulers.size()) {
      release(minSafe());
      return this;
    }
    replies = 0;
    running = false;
    now = limit;
    release(Long.MAX_VALUE);
    client.tell(paused());
    return this;
  }

  private void count(int node, long events, long windows, long epochs) {
    nodeEvents[node] = events;
    nodeWindows[node] = windows;
    nodeEpochs[node] = epochs;
  }

  private long minSafe() {
    long min = Long.MAX_VALUE;
    for (long s : safe) {
      min = Math.min(min, s);
    }
    return min;
  }

  /** Sends the client every held output before {@code until}, in the engine's event order. */
  private void release(long until) {
    List<OutputRecord> out = new ArrayList<>();
    for (List<OutputRecord> h : held) {
      int i = 0;
      while (i < h.size() && h.get(i).time() < until) {
        i++;
      }
      if (i > 0) {
        List<OutputRecord> head = h.subList(0, i);
        out.addAll(head);
        head.clear();
      }
    }
    if (!out.isEmpty()) {
      Collections.sort(out);
      client.tell(new RunReply.Outputs(runId, out));
    }
  }

  private long totalEvents() {
    long sum = from.events();
    for (long e : nodeEvents) {
      sum += e;
    }
    return sum;
  }

  private long totalWindows() {
    long sum = from.windows();
    for (long w : nodeWindows) {
      sum += w;
    }
    return sum;
  }

  private long traceHash() {
    long sum = from.traceHash();
    for (long h : nodeHash) {
      sum += h;
    }
    return sum;
  }

  private long totalEpochs() {
    long max = 0;
    for (long e : nodeEpochs) {
      max = Math.max(max, e);
    }
    return max;
  }

  private RunReply.Paused paused() {
    return new RunReply.Paused(runId, now, totalEvents(), totalWindows(), traceHash(),
        totalEpochs());
  }

  private Behavior<Command> onSaveCheckpoint(SaveCheckpoint c) {
    if (c.runId() != runId || done) {
      return this;
    }
    if (running) {
      abort("a checkpoint was asked for while the run was running", 1);
      return this;
    }
    schedulers.forEach(s -> s.tell(new NodeScheduler.SaveState(runId, c.client())));
    return this;
  }

  private Behavior<Command> onNodeFailed(NodeFailed f) {
    if (f.runId() != runId || done) {
      return this;
    }
    abort(f.reason(), f.exitCode());
    return Behaviors.stopped();
  }

  private Behavior<Command> onNodeLost(NodeLost m) {
    if (done || placement.indexOf(m.address()) < 0) {
      return this;
    }
    abort("cluster node " + m.address() + " lost at simulated time " + now + " ns", 3);
    return Behaviors.stopped();
  }

  private void abort(String reason, int exitCode) {
    done = true;
    client.tell(new RunReply.Aborted(runId, reason, now, exitCode));
    schedulers.forEach(s -> s.tell(new NodeScheduler.Finish(runId)));
  }

  private Behavior<Command> onFinishRun(FinishRun f) {
    if (f.runId() != runId || done) {
      return this;
    }
    replies = 0;
    schedulers.forEach(s -> s.tell(new NodeScheduler.Finish(runId)));
    return this;
  }

  private Behavior<Command> onNodeFinished(NodeFinished f) {
    if (f.runId() != runId || done || ++replies < schedulers.size()) {
      return this;
    }
    done = true;
    client.tell(new RunReply.Finished(runId, now, totalEvents(), totalWindows(), traceHash(),
        totalEpochs()));
    return Behaviors.stopped();
  }
}
