package io.smpsim.load.phold;

import io.smpsim.sim.SimMessage;

/** The one PHOLD event: handling it schedules the next. */
public record PholdEvent() implements SimMessage {

  /** Shared instance: the event carries nothing. */
  public static final PholdEvent INSTANCE = new PholdEvent();

  @Override
  public long traceId() {
    return 0x9401dL;
  }
}
