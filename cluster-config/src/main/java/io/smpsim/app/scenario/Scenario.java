package io.smpsim.app.scenario;

import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.TimelineCommand;
import io.smpsim.sim.WorldSpec;
import java.util.List;

/**
 * A loaded, validated scenario.
 *
 * @param origin the file it came from
 * @param source the resolved scenario, self-contained, as sent to every node
 * @param model the world model
 * @param seed the seed (after command-line overrides)
 * @param durationNs how long to simulate
 * @param lookaheadNs the engine's lookahead L
 * @param machines the machines (Linux model), else empty
 * @param timeline the timeline (Linux model), else empty
 * @param expected what each timeline command is expected to exit with, in timeline order
 */
public record Scenario(String origin, String source, String model, long seed, long durationNs,
    long lookaheadNs, List<MachineConfig> machines, List<TimelineCommand> timeline,
    List<Expectation> expected) {

  /**
   * What the timeline command with request id {@code requestId} is expected to exit with, or
   * null if it is not one of the timeline's (a shell's own command).
   */
  public Expectation expectation(long requestId) {
    return requestId >= 0 && requestId < expected.size() ? expected.get((int) requestId) : null;
  }

  public WorldSpec worldSpec() {
    return new WorldSpec(model, source, origin, seed);
  }

  /** The index of the machine called {@code name}, or -1. */
  public int machineIndex(String name) {
    for (MachineConfig m : machines) {
      if (m.name().equals(name)) {
        return m.index();
      }
    }
    return -1;
  }
}
