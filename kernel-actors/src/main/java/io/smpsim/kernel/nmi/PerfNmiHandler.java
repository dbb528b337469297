package io.smpsim.kernel.nmi;

/** perf_event_nmi_handler, registered on NMI_LOCAL as "PMI": a counter's overflow. */
public record PerfNmiHandler() implements NmiHandler {

  @Override
  public String name() {
    return "PMI";
  }

  @Override
  public int handle(NmiContext nmi) {
    return nmi.perfOverflow();
  }
}
