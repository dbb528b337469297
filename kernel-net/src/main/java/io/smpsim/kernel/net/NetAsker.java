package io.smpsim.kernel.net;

import io.smpsim.sim.SimMessage;

/**
 * What an entity that runs network commands (a machine's shell) accepts from the network
 * namespace: the answers to its commands. The asker declares its own protocol as an extension of
 * this one, as the network namespace does with the hardware's {@code NicHost}, so the namespace
 * answers whoever asked ({@link Netns.Exec#replyTo()}) without knowing what else it understands.
 */
public interface NetAsker extends SimMessage {

  /** The answer to the asker's command {@code job}. */
  record Answer(long job, NetCommandResult result) implements NetAsker {
    @Override
    public long traceId() {
      return job * 31 + result.traceId();
    }
  }
}
