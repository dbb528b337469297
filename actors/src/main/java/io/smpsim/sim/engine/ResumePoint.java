package io.smpsim.sim.engine;

import io.smpsim.sim.serialization.WireMessage;

/**
 * Where a resumed run starts: the clock coordinator's state at the window boundary a checkpoint
 * was taken at. With it, the resumed run folds its trace hash and counts its events and windows
 * exactly as the uninterrupted run would have.
 *
 * @param now the simulated time reached (the end of the last window)
 * @param windows windows processed
 * @param events events processed
 * @param traceHash the trace hash so far
 */
public record ResumePoint(long now, long windows, long events, long traceHash)
    implements WireMessage {}
