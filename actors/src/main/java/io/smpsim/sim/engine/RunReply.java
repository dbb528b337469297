package io.smpsim.sim.engine;

import io.smpsim.sim.OutputRecord;
import io.smpsim.sim.serialization.WireMessage;
import java.util.List;

/** What the clock coordinator tells a run's client. */
public sealed interface RunReply extends WireMessage {

  long runId();

  /** Every node has created its entities; the run is at time 0. */
  record Started(long runId, List<Integer> entitiesPerNode, List<String> nodeAddresses,
      int entities) implements RunReply {}

  /** Outputs of a window, in {@code (time, source, seq)} order. */
  record Outputs(long runId, List<OutputRecord> records) implements RunReply {}

  /** Sent every few thousand windows so a client can show progress. */
  record Progress(long runId, long now, long events, long windows) implements RunReply {}

  /** The run reached its limit, or an output asked for a pause; it is at {@code now}. */
  record Paused(long runId, long now, long events, long windows, long traceHash)
      implements RunReply {}

  /** The run ended and its entities are stopped. */
  record Finished(long runId, long now, long events, long windows, long traceHash)
      implements RunReply {}

  /** The run cannot go on: exit code 1 internal, 2 bad input, 3 lost node. */
  record Aborted(long runId, String reason, long now, int exitCode) implements RunReply {}
}
