package io.smpsim.kernel.printk;

import io.smpsim.sim.serialization.WireMessage;

/**
 * One line of the kernel log.
 *
 * @param timeNs the printk timestamp: the printing CPU's clock, in simulated ns
 * @param level the log level
 * @param text the message without its timestamp
 */
public record LogLine(long timeNs, LogLevel level, String text) implements WireMessage {

  /** The line as dmesg prints it: {@code [    5.000000] text}. */
  public String formatted() {
    return Printk.timestamp(timeNs) + text;
  }
}
