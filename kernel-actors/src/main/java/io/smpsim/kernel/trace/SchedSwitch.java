package io.smpsim.kernel.trace;

import io.smpsim.sim.SimOutput;

/**
 * A context switch on one CPU, as the sched_switch tracepoint records it
 * (include/trace/events/sched.h, emitted by __schedule() in kernel/sched/core.c), with the
 * CPU's interrupt counters at that moment so a reader can tell interrupt rates between two
 * switches. It is an output of the run only: nothing in the machine reads it, so the kernel's
 * log and the events of a run are what they would be without it (only the trace hash differs:
 * an entity's outputs are numbered from the same sequence as its messages).
 *
 * @param machine the machine's name
 * @param cpu the CPU
 * @param next the task that runs now ({@code next_comm}), or null for the idle task
 * @param nextPid its pid ({@code next_pid}; 0 for the idle task)
 * @param irqsOff whether it runs with interrupts disabled
 * @param irqs the hardware interrupts this CPU took since boot (the /proc/interrupts columns
 *     but NMI: local timer, IPIs, device lines)
 * @param nmis the NMIs this CPU took since boot
 */
public record SchedSwitch(String machine, int cpu, String next, int nextPid, boolean irqsOff,
    long irqs, long nmis) implements SimOutput {}
