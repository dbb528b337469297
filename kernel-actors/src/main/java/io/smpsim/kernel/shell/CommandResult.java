package io.smpsim.kernel.shell;

import io.smpsim.sim.SimOutput;

/**
 * What a command printed and returned, as a shell reports it.
 *
 * @param requestId the id the command was submitted with
 * @param machine the machine that ran it
 * @param line the command line
 * @param exit the exit status
 * @param stdout what it wrote to standard output
 * @param stderr what it wrote to standard error
 * @param interactive whether a client waits for it (the run pauses when it arrives)
 * @param cwd the shell's working directory once it ran (what a prompt shows)
 */
public record CommandResult(long requestId, String machine, String line, int exit, String stdout,
    String stderr, boolean interactive, String cwd) implements SimOutput {

  /** A result in the root directory. */
  public CommandResult(long requestId, String machine, String line, int exit, String stdout,
      String stderr, boolean interactive) {
    this(requestId, machine, line, exit, stdout, stderr, interactive, "/");
  }

  @Override
  public boolean pausesRun() {
    return interactive;
  }
}
