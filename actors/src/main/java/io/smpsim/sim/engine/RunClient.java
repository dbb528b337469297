package io.smpsim.sim.engine;

import io.smpsim.sim.Event;
import io.smpsim.sim.OutputRecord;
import io.smpsim.sim.WorldSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Drives one run from plain Java: start it, let it run to a time, inject events, finish it.
 * Replies from the coordinator are queued by a small actor and handled on the caller's thread,
 * so output sinks need no locking. Not thread-safe: one caller drives one run at a time; a
 * client can drive several runs one after the other.
 */
public final class RunClient {

  /** Hears about progress every few thousand windows. */
  public interface ProgressListener {
    void progress(long simulatedNs, long events, long windows);
  }

  private static final AtomicLong NEXT_CLIENT = new AtomicLong();

  private final ActorRef<ClockCoordinator.Command> coordinator;
  private final BlockingQueue<RunReply> replies = new LinkedBlockingQueue<>();
  private final ActorRef<RunReply> self;
  private final Duration startTimeout;
  private long runId = -1;
  private long now;

  public RunClient(ActorSystem<?> system, ActorRef<ClockCoordinator.Command> coordinator,
      Duration startTimeout) {
    this.coordinator = coordinator;
    this.startTimeout = startTimeout;
    this.self = system.systemActorOf(Behaviors.receiveMessage(r -> {
      replies.add(r);
      return Behaviors.same();
    }), "run-client-" + NEXT_CLIENT.incrementAndGet(), Props.empty());
  }

  /**
   * Starts a run and waits until every node has created its entities.
   *
   * @param nodes how many cluster nodes to use (0: all that registered)
   */
  public RunReply.Started start(WorldSpec spec, long lookahead, int nodes) {
    // Unique per run across the cluster; it names shards, it is not part of the simulation.
    runId = System.currentTimeMillis() * 1000 + NEXT_CLIENT.incrementAndGet() % 1000;
    now = 0;
    coordinator.tell(new ClockCoordinator.StartRun(runId, spec, lookahead, nodes, self));
    RunReply r = await(startTimeout.toMillis(), o -> { }, null);
    if (r instanceof RunReply.Started s) {
      return s;
    }
    throw new IllegalStateException("unexpected reply " + r);
  }

  /** Processes every event before {@code limit}, or until an output asks for a pause. */
  public RunReply.Paused runUntil(long limit, Consumer<OutputRecord> sink,
      ProgressListener progress) {
    coordinator.tell(new ClockCoordinator.RunUntil(runId, limit));
    RunReply r = await(0, sink, progress);
    if (r instanceof RunReply.Paused p) {
      now = p.now();
      return p;
    }
    throw new IllegalStateException("unexpected reply " + r);
  }

  /** Injects events from outside; their times must not be before {@link #now()}. */
  public void inject(List<Event> events) {
    coordinator.tell(new ClockCoordinator.InjectEvents(runId, events));
  }

  /** Ends the run and stops its entities. */
  public RunReply.Finished finish(Consumer<OutputRecord> sink) {
    coordinator.tell(new ClockCoordinator.FinishRun(runId));
    RunReply r = await(startTimeout.toMillis(), sink, null);
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

  private RunReply await(long timeoutMs, Consumer<OutputRecord> sink, ProgressListener progress) {
    long deadline = timeoutMs > 0 ? System.currentTimeMillis() + timeoutMs : Long.MAX_VALUE;
    while (true) {
      RunReply r;
      try {
        r = replies.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RunAbortedException("interrupted", 1, now);
      }
      if (r == null) {
        if (System.currentTimeMillis() > deadline) {
          throw new RunAbortedException("no answer from the cluster within " + timeoutMs
              + " ms (are all nodes up?)", 3, now);
        }
        continue;
      }
      if (r.runId() != runId) {
        continue;
      }
      if (r instanceof RunReply.Outputs o) {
        o.records().forEach(sink);
      } else if (r instanceof RunReply.Progress p) {
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
}
