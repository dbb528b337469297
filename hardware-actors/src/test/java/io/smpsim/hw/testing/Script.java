package io.smpsim.hw.testing;

import io.smpsim.sim.SimMessage;

/**
 * An instruction for the {@link RecordingKernel}.
 *
 * @param action what to do
 * @param ns how long to hold the next handler, for the hold actions
 */
public record Script(Action action, long ns) implements SimMessage {

  /** What the kernel does. */
  public enum Action { CLI, STI, HALT, HOLD_NEXT_NMI, HOLD_NEXT_IRQ, IRET }

  public static Script of(Action a) {
    return new Script(a, 0);
  }
}
