package io.smpsim.sim;

import io.smpsim.sim.serialization.WireMessage;

/**
 * Something an entity reports to the outside world rather than to another entity: a kernel log
 * line, a command's result. Outputs are collected per window and delivered to the run's client
 * in {@code (time, source, seq)} order.
 */
public interface SimOutput extends WireMessage {

  /**
   * Whether the run should pause after the window that produced this output, so the client can
   * act on it (a shell waiting for its command's result does).
   */
  default boolean pausesRun() {
    return false;
  }
}
