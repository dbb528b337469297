package io.smpsim.kernel.panic;

import io.smpsim.sim.SimOutput;

/**
 * A machine's kernel panicked: the machine stops, the run goes on and reports it.
 *
 * @param machine the machine's name
 * @param cpu the CPU that panicked
 * @param message the panic message ({@code Hard LOCKUP}, ...)
 */
public record PanicReport(String machine, int cpu, String message) implements SimOutput {}
