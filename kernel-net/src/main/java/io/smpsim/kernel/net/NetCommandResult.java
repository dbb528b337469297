package io.smpsim.kernel.net;

import io.smpsim.sim.SimMessage;

/**
 * What a command line printed and how it exited, as a shell would report it. The network
 * namespace entity answers a shell job with one.
 */
public record NetCommandResult(int exit, String stdout, String stderr) implements SimMessage {

  /** A successful command that printed {@code stdout}. */
  public static NetCommandResult ok(String stdout) {
    return new NetCommandResult(0, stdout, "");
  }
}
