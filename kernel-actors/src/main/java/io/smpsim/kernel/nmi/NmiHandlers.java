package io.smpsim.kernel.nmi;

import io.smpsim.sim.serialization.WireMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * One CPU's view of the NMI handler chains (arch/x86/kernel/nmi.c {@code nmi_desc}): per type,
 * the handlers in registration order ({@code NMI_FLAG_FIRST} puts one at the head), and
 * {@code nmi_handle()}, which calls every handler of a type and sums what they handled (NMIs are
 * edge-triggered and may have merged, so none is skipped).
 */
public final class NmiHandlers implements WireMessage {

  /** Per type (by ordinal), the handlers in calling order. */
  private final ArrayList<ArrayList<NmiHandler>> chains = new ArrayList<>();

  /** NMI types; values() would copy its array for every CPU made. */
  private static final int TYPES = NmiType.values().length;

  public NmiHandlers() {
    for (int i = 0; i < TYPES; i++) {
      chains.add(new ArrayList<>());
    }
  }

  private ArrayList<NmiHandler> chain(NmiType type) {
    return chains.get(type.ordinal());
  }

  /** register_nmi_handler(); a second handler of the same name replaces nothing and is added. */
  public void register(NmiType type, NmiHandler h, boolean first) {
    if (first) {
      chain(type).add(0, h);
    } else {
      chain(type).add(h);
    }
  }

  /** unregister_nmi_handler(): removes the handler called {@code name}. */
  public void unregister(NmiType type, String name) {
    chain(type).removeIf(h -> h.name().equals(name));
  }

  public boolean registered(NmiType type, String name) {
    for (NmiHandler h : chain(type)) {
      if (h.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** The names registered for {@code type}, in calling order. */
  public List<String> names(NmiType type) {
    List<String> out = new ArrayList<>();
    for (NmiHandler h : chain(type)) {
      out.add(h.name());
    }
    return out;
  }

  /** nmi_handle(): calls every handler of {@code type}; the sum of what they handled. */
  public int handle(NmiType type, NmiContext nmi) {
    int handled = 0;
    for (NmiHandler h : List.copyOf(chain(type))) {
      handled += h.handle(nmi);
    }
    return handled;
  }
}
