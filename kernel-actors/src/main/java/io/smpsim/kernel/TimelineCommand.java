package io.smpsim.kernel;

import io.smpsim.sim.serialization.WireMessage;

/**
 * A command of a scenario's timeline.
 *
 * @param atNs when it runs, in simulated ns
 * @param machine the index of the machine whose shell runs it
 * @param line the command line
 * @param origin where it was declared (file:line), for messages about it
 */
public record TimelineCommand(long atNs, int machine, String line, String origin)
    implements WireMessage {}
