package io.smpsim.sim.engine;

import io.smpsim.sim.Event;
import io.smpsim.sim.OutputRecord;
import io.smpsim.sim.SimWorld;
import io.smpsim.sim.WorldSpec;
import io.smpsim.sim.checkpoint.CheckpointException;
import io.smpsim.sim.checkpoint.CheckpointManifest;
import io.smpsim.sim.checkpoint.CheckpointWriter;
import io.smpsim.sim.checkpoint.StateRecords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Drives one run from plain Java: start it (afresh or from a checkpoint), let it run to a time,
 * inject events, save checkpoints, finish it. Each run gets its own {@link RunCoordinator},
 * spawned beside this client. Replies are queued by a small actor and handled on the caller's
 * thread, so output sinks need no locking. The client also watches the cluster: if a node of
 * the run is lost and the coordinator does not abort the run itself within a few seconds, the
 * client aborts it. Not thread-safe: one caller drives one run at a time; a client can drive
 * several runs one after the other.
 */
public final class RunClient {

  /** Hears about progress a few times a second. */
  public interface ProgressListener {
    void progress(long simulatedNs, long events, long windows);
  }

  /** A worker node a run can use: its cluster address and its scheduler. */
  public record Worker(String address, ActorRef<NodeScheduler.Command> scheduler) {}

  /** Where a client finds the workers for its runs. */
  public interface Workers {
    /**
     * At least {@code nodes} workers (0: every worker known now, at least one), in a stable
     * order, waiting up to {@code timeout} for them.
     *
     * @throws RunAbortedException if too few are there in time
     */
    List<Worker> await(int nodes, Duration timeout);
  }

  /**
   * The first slice a run waiting for a pausing output runs, in simulated ns; each next one is
   * twice as long, up to {@link #MAX_SLICE_NS}. Slices are fixed by the simulated time alone,
   * so where such a run pauses does not depend on how fast anything ran.
   */
  static final long FIRST_SLICE_NS = 10_000;

  /** The longest slice a run waiting for a pausing output runs before it looks again. */
  static final long MAX_SLICE_NS = 100_000_000;

  /** A cluster member became unreachable or left; queued beside the replies. */
  private record NodeLost(String address, boolean worker) {}

  /** How long the client leaves the coordinator to report a lost node before it does. */
  private static final long LOSS_GRACE_NS = TimeUnit.SECONDS.toNanos(3);

  /** State chunks in flight per node while resuming. */
  private static final int MAX_UNACKED = 4;

  private static final AtomicLong NEXT_CLIENT = new AtomicLong();

  private final ActorSystem<?> system;
  private final Workers workers;
  private final Function<WorldSpec, SimWorld> worlds;
  private final BlockingQueue<Object> replies = new LinkedBlockingQueue<>();
  private final ActorRef<RunReply> self;
  private final Duration startTimeout;
  private ActorRef<RunCoordinator.Command> coordinator;
  private long runId = -1;
  private long now;
  private RunReply.Started started;
  private Set<String> runNodes = Set.of();
  private String lostNode;
  private long lostAtNs;

  /**
   * @param workers where to find the workers
   * @param worlds builds a run's world (the coordinator needs its groups)
   * @param startTimeout how long to wait for workers and for a run to start
   */
  public RunClient(ActorSystem<?> system, Workers workers, Function<WorldSpec, SimWorld> worlds,
      Duration startTimeout) {
    this.system = system;
    this.workers = workers;
    this.worlds = worlds;
    this.startTimeout = startTimeout;
    long n = NEXT_CLIENT.incrementAndGet();
    this.self = system.systemActorOf(Behaviors.receiveMessage(r -> {
      replies.add(r);
      return Behaviors.same();
    }), "run-client-" + n, Props.empty());
    if (SimulationNode.clustered(system)) {
      system.systemActorOf(watchMembers(replies), "run-client-watch-" + n, Props.empty());
    }
  }

  private static Behavior<Object> watchMembers(BlockingQueue<Object> queue) {
    return Behaviors.setup(ctx -> {
      Cluster cluster = Cluster.get(ctx.getSystem());
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(),
          ClusterEvent.UnreachableMember.class));
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(),
          ClusterEvent.MemberRemoved.class));
      return Behaviors.receiveMessage(e -> {
        Member m = e instanceof ClusterEvent.UnreachableMember u ? u.member()
            : ((ClusterEvent.MemberRemoved) e).member();
        queue.add(new NodeLost(m.address().toString(), m.hasRole(SimulationNode.WORKER_ROLE)));
        return Behaviors.same();
      });
    });
  }

  /**
   * Starts a run and waits until every node has created its entities.
   *
   * @param nodes how many worker nodes to use (0: every worker known now); the client waits
   *     until that many are there
   */
  public RunReply.Started start(WorldSpec spec, long lookahead, int nodes) {
    begin(spec, lookahead, nodes, null);
    return awaitStarted();
  }

  /**
   * Starts a run from a checkpoint on {@code nodes} worker nodes (any number: the states are
   * placed anew), streaming the saved entity states to the nodes that now host them, and waits
   * until every entity has taken its state up. The run continues from the checkpoint's time.
   *
   * @param stateFiles the checkpoint's state files
   * @param world the checkpoint's world, built from its spec (for the entities' groups)
   */
  public RunReply.Started resume(CheckpointManifest checkpoint, List<Path> stateFiles,
      SimWorld world, int nodes) {
    begin(checkpoint.spec(), checkpoint.lookahead(), nodes, checkpoint.point());
    RunReply r = next(startTimeout.toMillis(), o -> { }, null);
    if (!(r instanceof RunReply.AwaitingState a)) {
      throw new IllegalStateException("unexpected reply " + r);
    }
    StateUpload upload = new StateUpload(a, world);
    upload.send(stateFiles, checkpoint.entities());
    return upload.early != null ? started(upload.early) : awaitStarted();
  }

  private void begin(WorldSpec spec, long lookahead, int nodes, ResumePoint resume) {
    List<Worker> use = workers.await(nodes, startTimeout);
    SimWorld world;
    try {
      world = worlds.apply(spec);
    } catch (RuntimeException e) {
      throw new RunAbortedException("cannot build the world: " + e.getMessage(), 2, 0);
    }
    // Unique per run across the cluster; it names the coordinator, it is not part of the
    // simulation.
    runId = System.currentTimeMillis() * 1000 + NEXT_CLIENT.incrementAndGet() % 1000;
    now = resume == null ? 0 : resume.now();
    started = null;
    lostNode = null;
    runNodes = new HashSet<>();
    List<ActorRef<NodeScheduler.Command>> schedulers = new ArrayList<>();
    List<String> addresses = new ArrayList<>();
    for (Worker w : use) {
      schedulers.add(w.scheduler());
      addresses.add(w.address());
      runNodes.add(w.address());
    }
    coordinator = system.systemActorOf(RunCoordinator.create(runId, spec, world, lookahead,
        schedulers, addresses, self, resume), "run-" + runId, Props.empty());
  }

  private RunReply.Started awaitStarted() {
    RunReply r = next(startTimeout.toMillis(), o -> { }, null);
    if (r instanceof RunReply.Started s) {
      return started(s);
    }
    throw new IllegalStateException("unexpected reply " + r);
  }

  private RunReply.Started started(RunReply.Started s) {
    started = s;
    now = s.now();
    return s;
  }

  /** Processes every event before {@code limit}; the run is then at {@code limit}. */
  public RunReply.Paused runUntil(long limit, Consumer<OutputRecord> sink,
      ProgressListener progress) {
    coordinator.tell(new RunCoordinator.RunUntil(runId, limit));
    RunReply r = next(0, sink, progress);
    if (r instanceof RunReply.Paused p) {
      now = p.now();
      return p;
    }
    throw new IllegalStateException("unexpected reply " + r);
  }

  /**
   * Processes every event before {@code min(limit, pauseAt)} (a checkpoint's pause point cuts
   * nothing: the run goes on from there exactly as it would have).
   */
  public RunReply.Paused runUntil(long limit, long pauseAt, Consumer<OutputRecord> sink,
      ProgressListener progress) {
    if (pauseAt <= now) {
      throw new IllegalArgumentException("pause point " + pauseAt + " ns is not after now ("
          + now + " ns)");
    }
    return runUntil(Math.min(limit, pauseAt), sink, progress);
  }

  /**
   * Processes events until an output that {@link io.smpsim.sim.SimOutput#pausesRun() asks for a
   * pause} has come (a shell's answer), or up to {@code limit}. The run goes in slices that
   * start small and double, so it pauses soon after such an output, at a time fixed by the
   * simulation alone: the same on any number of nodes.
   */
  public RunReply.Paused runUntilPause(long limit, Consumer<OutputRecord> sink,
      ProgressListener progress) {
    boolean[] paused = {false};
    Consumer<OutputRecord> watch = o -> {
      if (o.output().pausesRun()) {
        paused[0] = true;
      }
      sink.accept(o);
    };
    long slice = FIRST_SLICE_NS;
    RunReply.Paused p;
    do {
      long to = now + slice < now ? limit : Math.min(limit, now + slice);
      p = runUntil(to, watch, progress);
      slice = Math.min(MAX_SLICE_NS, slice * 2);
    } while (!paused[0] && p.now() < limit);
    return p;
  }

  /**
   * Saves a checkpoint of the paused run: every node streams its entities' states into
   * {@code writer}, which is then committed.
   */
  public CheckpointManifest saveCheckpoint(CheckpointWriter writer) {
    coordinator.tell(new RunCoordinator.SaveCheckpoint(runId, self));
    int nodes = started.nodeAddresses().size();
    int finished = 0;
    try {
      while (finished < nodes) {
        RunReply r = next(0, o -> { }, null);
        if (!(r instanceof RunReply.StateChunk c)) {
          throw new IllegalStateException("unexpected reply " + r);
        }
        writer.append(c.node(), c.records());
        c.from().tell(new NodeScheduler.StateAck(runId, c.index()));
        if (c.last()) {
          finished++;
        }
      }
    } catch (RuntimeException e) {
      writer.abandon();
      throw e;
    }
    return writer.commit();
  }

  /** Injects events from outside; their times must not be before {@link #now()}. */
  public void inject(List<Event> events) {
    coordinator.tell(new RunCoordinator.InjectEvents(runId, events));
  }

  /** Ends the run and stops its entities. */
  public RunReply.Finished finish(Consumer<OutputRecord> sink) {
    coordinator.tell(new RunCoordinator.FinishRun(runId));
    RunReply r = next(startTimeout.toMillis(), sink, null);
    if (r instanceof RunReply.Finished f) {
      runId = -1;
      return f;
    }
    throw new IllegalStateException("unexpected reply " + r);
  }

  /** Whether a run is started and not yet finished or aborted. */
  public boolean running() {
    return runId >= 0;
  }

  /** The simulated time the run has reached. */
  public long now() {
    return now;
  }

  /**
   * The next reply of the current run that is not an output or a progress report (those go to
   * {@code sink} and {@code progress}).
   *
   * @param timeoutMs how long to wait for it, 0 for as long as the run goes on
   * @throws RunAbortedException when the run is aborted, a node of the run is lost, or nothing
   *     arrives in time
   */
  private RunReply next(long timeoutMs, Consumer<OutputRecord> sink,
      ProgressListener progress) {
    long deadline = timeoutMs > 0 ? System.currentTimeMillis() + timeoutMs : Long.MAX_VALUE;
    while (true) {
      Object o;
      try {
        o = replies.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RunAbortedException("interrupted", 3, now);
      }
      if (o == null) {
        if (lostNode != null && System.nanoTime() - lostAtNs > LOSS_GRACE_NS) {
          runId = -1;
          throw new RunAbortedException("cluster node " + lostNode
              + " lost at simulated time " + now + " ns", 3, now);
        }
        if (System.currentTimeMillis() > deadline) {
          throw new RunAbortedException("no answer from the cluster within " + timeoutMs
              + " ms (are all nodes up?)", 3, now);
        }
        continue;
      }
      if (o instanceof NodeLost lost) {
        boolean ours = started == null ? lost.worker() : runNodes.contains(lost.address());
        if (ours && lostNode == null && runId != -1) {
          lostNode = lost.address();
          lostAtNs = System.nanoTime();
        }
        continue;
      }
      RunReply r = (RunReply) o;
      if (r.runId() != runId) {
        continue;
      }
      if (r instanceof RunReply.Outputs out) {
        out.records().forEach(sink);
      } else if (r instanceof RunReply.Progress p) {
        now = Math.max(now, p.now());
        if (progress != null) {
          progress.progress(p.now(), p.events(), p.windows());
        }
      } else if (r instanceof RunReply.Aborted a) {
        runId = -1;
        throw new RunAbortedException(a.reason(), a.exitCode(), a.now());
      } else {
        return r;
      }
    }
  }

  /**
   * Streams a checkpoint's entity states to the nodes that host the entities now: reads the
   * state files record by record, regroups the records per node, and sends each node its stream
   * in chunks, at most a few unacknowledged per node.
   */
  private final class StateUpload {
    private final RunReply.AwaitingState plan;
    private final SimWorld world;
    private final ByteArrayOutputStream[] buffers;
    private final int[] unacked;
    private final int[] nextChunk;

    StateUpload(RunReply.AwaitingState plan, SimWorld world) {
      this.plan = plan;
      this.world = world;
      int nodes = plan.schedulers().size();
      this.buffers = new ByteArrayOutputStream[nodes];
      this.unacked = new int[nodes];
      this.nextChunk = new int[nodes];
      for (int n = 0; n < nodes; n++) {
        buffers[n] = new ByteArrayOutputStream();
      }
    }

    void send(List<Path> files, int expected) {
      int records = 0;
      byte[] chunk = new byte[StateSaver.CHUNK_BYTES];
      for (Path f : files) {
        StateRecords reader = StateRecords.reader();
        try (InputStream in = Files.newInputStream(f)) {
          int read;
          while ((read = in.readNBytes(chunk, 0, chunk.length)) > 0) {
            for (StateRecords.Entry e : reader.feed(Arrays.copyOf(chunk, read))) {
              if (e.id() < 0 || e.id() >= world.entityCount()) {
                throw new CheckpointException(f + " holds a state for entity " + e.id()
                    + ", which the world does not have");
              }
              int node = plan.placement().nodeOfGroup(world.groupOf(e.id()));
              StateRecords.write(buffers[node], e.id(), e.state());
              records++;
              while (buffers[node].size() >= StateSaver.CHUNK_BYTES) {
                flush(node, false);
              }
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + f, e);
        }
        if (reader.hasPartialRecord()) {
          throw new CheckpointException(f + " ends inside a record: the file is damaged");
        }
      }
      if (records != expected) {
        throw new CheckpointException("the checkpoint's state files hold " + records
            + " entities, its manifest counts " + expected);
      }
      for (int n = 0; n < buffers.length; n++) {
        flush(n, true);
      }
      for (int n = 0; n < buffers.length; n++) {
        while (unacked[n] > 0) {
          awaitAck();
        }
      }
    }

    /**
     * Sends node {@code node} the next chunk of its stream; when {@code last}, everything that is
     * buffered, in chunks, the final one marked last.
     */
    private void flush(int node, boolean last) {
      do {
        while (unacked[node] >= MAX_UNACKED) {
          awaitAck();
        }
        byte[] all = buffers[node].toByteArray();
        buffers[node].reset();
        byte[] chunk = all;
        if (all.length > StateSaver.CHUNK_BYTES) {
          chunk = Arrays.copyOf(all, StateSaver.CHUNK_BYTES);
          buffers[node].write(all, StateSaver.CHUNK_BYTES, all.length - StateSaver.CHUNK_BYTES);
        }
        unacked[node]++;
        plan.schedulers().get(node).tell(new NodeScheduler.LoadState(runId, nextChunk[node]++,
            chunk, last && buffers[node].size() == 0, self));
      } while (last && buffers[node].size() > 0);
    }

    /**
     * The run's start, when it overtook the last acks: a node acks its last chunk to this
     * client and reports to the coordinator at the same time, and the coordinator's Started can
     * arrive first.
     */
    RunReply.Started early;

    private void awaitAck() {
      while (true) {
        RunReply r = next(startTimeout.toMillis(), o -> { }, null);
        if (r instanceof RunReply.StateLoaded l) {
          unacked[l.node()]--;
          return;
        }
        if (!(r instanceof RunReply.Started s) || early != null) {
          throw new IllegalStateException("unexpected reply " + r);
        }
        early = s;
      }
    }
  }
}
