package io.smpsim.kernel;

import io.smpsim.sim.SimMessage;

/**
 * What an entity that asks the kernel's services on behalf of its jobs (a machine's shell)
 * accepts from them: the answers. The asker declares its own protocol as an extension of this
 * one, so a service answers whoever asked without knowing what else the asker understands.
 */
public interface JobAsker extends SimMessage {

  /** The answer {@code body} to the asker's job {@code job}. */
  record Answer(long job, SimMessage body) implements JobAsker {
    @Override
    public long traceId() {
      return job * 31 + body.traceId();
    }
  }
}
