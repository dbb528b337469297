package io.smpsim.sim.testing;

import io.smpsim.sim.OutputRecord;
import io.smpsim.sim.SimMessage;
import io.smpsim.sim.SimOutput;

/** Payloads and outputs of the engine's test worlds. */
public final class TestPayloads {

  private TestPayloads() {}

  /** A token passed between entities. */
  public record Token(int hops, String label) implements SimMessage {
    @Override
    public long traceId() {
      return hops * 31L + label.hashCode();
    }
  }

  /** Ask the receiver to send a token to {@code to} after {@code latency} ns. */
  public record SendTo(int to, long latency) implements SimMessage {}

  /** A line of test output. */
  public record Line(String text) implements SimOutput {}

  /** A test world's {@link Line} as {@code "time text"}: what runs compare, in output order. */
  public static String line(OutputRecord o) {
    return o.time() + " " + ((Line) o.output()).text();
  }
}
