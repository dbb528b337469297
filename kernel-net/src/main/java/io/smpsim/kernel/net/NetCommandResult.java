package io.smpsim.kernel.net;

import io.smpsim.sim.SimMessage;

/**
 * What a command line printed and how it exited, as a shell would report it. The network
 * namespace entity answers a shell job with one.
 *
 * @param exit the exit status
 * @param stdout what it printed
 * @param stderr what it printed on stderr
 * @param spinsIn null, or where the command's system call went round a loop that never ends
 *     (a scheduler quirk): the asking task spins there, preemption off, and never returns
 */
public record NetCommandResult(int exit, String stdout, String stderr, String spinsIn)
    implements SimMessage {

  /** A command that returned. */
  public NetCommandResult(int exit, String stdout, String stderr) {
    this(exit, stdout, stderr, null);
  }

  /** A system call that never returns: it spins in {@code rip} (function+offset/size). */
  public static NetCommandResult spinning(String rip) {
    return new NetCommandResult(0, "", "", rip);
  }

  /** A successful command that printed {@code stdout}. */
  public static NetCommandResult ok(String stdout) {
    return new NetCommandResult(0, stdout, "");
  }
}
