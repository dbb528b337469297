package io.smpsim.kernel.printk;

import io.smpsim.sim.SimOutput;
import java.util.List;

/**
 * Lines that reached a machine's kernel log, as one output: the lines of one printk call, or of
 * one block printed under the printk lock (a backtrace), stay together.
 *
 * @param machine the machine's name
 * @param lines the lines, in order
 */
public record KernelLog(String machine, List<LogLine> lines) implements SimOutput {}
