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
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
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
 * inject events, save checkpoints, finish it. Replies from the coordinator are queued by a small
 * actor and handled on the caller's thread, so output sinks need no locking. The client also
 * watches the cluster: if a node of the run is lost and the coordinator does not abort the run
 * itself within a few seconds (it may have been on that node), the client aborts it. Not
 * thread-safe: one caller drives one run at a time; a client can drive several runs one after
 * the other.
 */
public final class RunClient {

  /** Hears about progress every few thousand windows. */
  public interface ProgressListener {
    void progress(long simulatedNs, long events, long windows);
  }

  /** A cluster member became unreachable or left; queued beside the replies. */
  private record NodeLost(String address, boolean worker) {}

  /** How long the client leaves the coordinator to report a lost node before it does. */
  private static final long LOSS_GRACE_NS = TimeUnit.SECONDS.toNanos(3);

  /** State chunks in flight per node while resuming. */
  private static final int MAX_UNACKED = 4;

  private static final AtomicLong NEXT_CLIENT = new AtomicLong();

  private final ActorRef<ClockCoordinator.Command> coordinator;
  private final BlockingQueue<Object> replies = new LinkedBlockingQueue<>();
  private final ActorRef<RunReply> self;
  private final Duration startTimeout;
  private long runId = -1;
  private long now;
  private RunReply.Started started;
  private Set<String> runNodes = Set.of();
  private String lostNode;
  private long lostAtNs;

  public RunClient(ActorSystem<?> system, ActorRef<ClockCoordinator.Command> coordinator,
      Duration startTimeout) {
    this.coordinator = coordinator;
    this.startTimeout = startTimeout;
    long n = NEXT_CLIENT.incrementAndGet();
    this.self = system.systemActorOf(Behaviors.receiveMessage(r -> {
      replies.add(r);
      return Behaviors.same();
    }), "run-client-" + n, Props.empty());
    system.systemActorOf(watchMembers(replies), "run-client-watch-" + n, Props.empty());
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
   * @param nodes how many worker nodes to use (0: all that registered); the coordinator waits
   *     until that many have registered
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
    // Unique per run across the cluster; it names shards, it is not part of the simulation.
    runId = System.currentTimeMillis() * 1000 + NEXT_CLIENT.incrementAndGet() % 1000;
    now = resume == null ? 0 : resume.now();
    started = null;
    runNodes = Set.of();
    lostNode = null;
    coordinator.tell(new ClockCoordinator.StartRun(runId, spec, lookahead, nodes, self, resume));
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
    runNodes = new HashSet<>(s.nodeAddresses());
    return s;
  }

  /** Processes every event before {@code limit}, or until an output asks for a pause. */
  public RunReply.Paused runUntil(long limit, Consumer<OutputRecord> sink,
      ProgressListener progress) {
    return runUntil(limit, Long.MAX_VALUE, sink, progress);
  }

  /**
   * Processes every event before {@code limit}, pausing at the first window boundary at or
   * after {@code pauseAt} (windows are not cut there: pausing changes nothing in the run), or
   * when an output asks for a pause.
   */
  public RunReply.Paused runUntil(long limit, long pauseAt, Consumer<OutputRecord> sink,
      ProgressListener progress) {
    if (pauseAt <= now) {
      throw new IllegalArgumentException("pause point " + pauseAt + " ns is not after now ("
          + now + " ns)");
    }
    coordinator.tell(new ClockCoordinator.RunUntil(runId, limit, pauseAt));
    RunReply r = next(0, sink, progress);
    if (r instanceof RunReply.Paused p) {
      now = p.now();
      return p;
    }
    throw new IllegalStateException("unexpected reply " + r);
  }

  /**
   * Saves a checkpoint of the paused run: every node streams its entities' states into
   * {@code writer}, which is then committed.
   */
  public CheckpointManifest saveCheckpoint(CheckpointWriter writer) {
    coordinator.tell(new ClockCoordinator.SaveCheckpoint(runId, self));
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
    coordinator.tell(new ClockCoordinator.InjectEvents(runId, events));
  }

  /** Ends the run and stops its entities. */
  public RunReply.Finished finish(Consumer<OutputRecord> sink) {
    coordinator.tell(new ClockCoordinator.FinishRun(runId));
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
        throw new RunAbortedException("interrupted", 1, now);
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
