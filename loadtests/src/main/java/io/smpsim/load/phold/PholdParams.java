package io.smpsim.load.phold;

import io.smpsim.sim.serialization.WireMessage;

/**
 * The parameters of a PHOLD run.
 *
 * @param entities number of logical processes
 * @param eventsPerEntity events each starts with (the population stays constant)
 * @param remote fraction of events sent to a uniformly chosen entity instead of to oneself
 * @param meanDelayNs mean of the exponential part of each event's delay (added to L)
 * @param groups placement groups the entities are split into
 */
public record PholdParams(int entities, int eventsPerEntity, double remote, long meanDelayNs,
    int groups) implements WireMessage {

  public PholdParams {
    if (entities < 1 || eventsPerEntity < 1 || groups < 1 || remote < 0 || remote > 1
        || meanDelayNs < 0) {
      throw new IllegalArgumentException("bad PHOLD parameters: " + this);
    }
  }
}
