package io.smpsim.hw.testing;

import io.smpsim.sim.SimOutput;

/**
 * What a {@link RecordingKernel} saw.
 *
 * @param time when
 * @param text what
 */
public record HwLine(long time, String text) implements SimOutput {

  @Override
  public String toString() {
    return time + " " + text;
  }
}
