package io.smpsim.kernel.printk;

import io.smpsim.sim.SimOutput;
import java.util.List;

/**
 * Lines that reached a machine's kernel log, as one output: the lines of one printk call, or of
 * one block printed under the printk lock (a backtrace), stay together.
 *
 * @param machine the machine's name
 * @param lines the lines, in order
 * @param consoleLevel console_loglevel when they were printed ({@link ConsoleLoglevel#ALL}
 *     with ignore_loglevel): the lines below it also went to the console
 */
public record KernelLog(String machine, List<LogLine> lines, int consoleLevel)
    implements SimOutput {

  /** Lines that all went to the console too. */
  public KernelLog(String machine, List<LogLine> lines) {
    this(machine, lines, ConsoleLoglevel.ALL);
  }

  /** Whether {@code line} was printed on the console, not only into the buffer. */
  public boolean onConsole(LogLine line) {
    return ConsoleLoglevel.onConsole(line.level(), consoleLevel);
  }

  /** The lines that went to the console. */
  public List<LogLine> consoleLines() {
    return lines.stream().filter(this::onConsole).toList();
  }
}
