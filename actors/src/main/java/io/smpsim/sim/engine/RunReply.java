package io.smpsim.sim.engine;

import io.smpsim.sim.OutputRecord;
import io.smpsim.sim.serialization.WireMessage;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/** What the run's coordinator, and the nodes' schedulers, tell a run's client. */
public sealed interface RunReply extends WireMessage {

  long runId();

  /**
   * Every node has created its entities (or taken up their saved states); the run is at
   * {@code now}: 0, or the checkpoint's time.
   */
  record Started(long runId, List<Integer> entitiesPerNode, List<String> nodeAddresses,
      int entities, Placement placement, long now) implements RunReply {}

  /** Outputs, in {@code (time, source, seq)} order; later ones never come before them. */
  record Outputs(long runId, List<OutputRecord> records) implements RunReply {}

  /**
   * A few times a second while a run goes on, so a client can show progress: every node has
   * processed every event before {@code now}.
   */
  record Progress(long runId, long now, long events, long windows) implements RunReply {}

  /**
   * The run reached its limit; it is at {@code now}. {@code windows} counts the local windows
   * of every node, {@code epochs} the agreements between linked nodes (the most any node took
   * part in; 0 when no node had to talk to another).
   */
  record Paused(long runId, long now, long events, long windows, long traceHash, long epochs)
      implements RunReply {}

  /** The run ended and its entities are stopped. */
  record Finished(long runId, long now, long events, long windows, long traceHash, long epochs)
      implements RunReply {}

  /** The run cannot go on: exit code 1 internal, 2 bad input, 3 lost node. */
  record Aborted(long runId, String reason, long now, int exitCode) implements RunReply {}

  /**
   * A resumed run is planned: the client now streams each entity's saved state to the scheduler
   * of the node the placement puts it on ({@link NodeScheduler.LoadState}).
   */
  record AwaitingState(long runId, Placement placement,
      List<ActorRef<NodeScheduler.Command>> schedulers) implements RunReply {}

  /**
   * Chunk {@code index} of node {@code node}'s entity states for a checkpoint; the client
   * acknowledges it to {@code from} with {@link NodeScheduler.StateAck} once written.
   */
  record StateChunk(long runId, int node, int index, byte[] records, boolean last,
      ActorRef<NodeScheduler.Command> from) implements RunReply {}

  /** Node {@code node} has taken up the states of chunk {@code index}. */
  record StateLoaded(long runId, int node, int index) implements RunReply {}
}
