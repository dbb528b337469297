package io.smpsim.sim.engine;

import io.smpsim.sim.OutputRecord;
import java.util.List;

/**
 * One entity's answer to its latest step, written by the entity into an object of its own and
 * read by its node scheduler once the entity has published it in the window's
 * {@link WindowTally}. Each entity keeps its own: answers written side by side into shared
 * arrays made the two cores fight over the same cache lines, six of them per step.
 */
final class StepAnswer {
  Outbox outbox = Outbox.EMPTY;
  long nextTime;
  long hash;
  int processed;
  List<OutputRecord> outputs = List.of();

  /** Drops the references the scheduler has read. */
  void clear() {
    outbox = Outbox.EMPTY;
    outputs = List.of();
  }

  void set(Outbox outbox, long nextTime, long hash, int processed, List<OutputRecord> outputs) {
    this.outbox = outbox;
    this.nextTime = nextTime;
    this.hash = hash;
    this.processed = processed;
    this.outputs = outputs;
  }
}
