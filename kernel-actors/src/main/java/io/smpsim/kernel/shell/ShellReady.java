package io.smpsim.kernel.shell;

import io.smpsim.sim.SimOutput;

/**
 * The machine has booted and its shell takes commands. Pauses the run, so an interactive client
 * can start typing at that moment.
 *
 * @param machine the machine's name
 */
public record ShellReady(String machine) implements SimOutput {

  @Override
  public boolean pausesRun() {
    return true;
  }
}
