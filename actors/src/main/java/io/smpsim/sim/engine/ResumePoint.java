package io.smpsim.sim.engine;

import io.smpsim.sim.serialization.WireMessage;

/**
 * Where a resumed run starts: the run's counts at the simulated time a checkpoint was taken at.
 * With it, the resumed run adds up its trace hash and counts its events exactly as the
 * uninterrupted run would have.
 *
 * @param now the simulated time reached: every event before it was processed
 * @param windows windows processed
 * @param events events processed
 * @param traceHash the trace hash so far
 */
public record ResumePoint(long now, long windows, long events, long traceHash)
    implements WireMessage {}
