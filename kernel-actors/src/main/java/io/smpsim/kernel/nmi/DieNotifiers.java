package io.smpsim.kernel.nmi;

import io.smpsim.sim.serialization.WireMessage;
import java.util.ArrayList;
import java.util.List;

/** The die-notifier chain (kernel/notifier.c {@code notify_die()}), as one CPU sees it. */
public final class DieNotifiers implements WireMessage {

  private final ArrayList<DieNotifier> chain = new ArrayList<>();

  public void register(DieNotifier n) {
    chain.add(n);
  }

  public void unregister(String name) {
    chain.removeIf(n -> n.name().equals(name));
  }

  public boolean registered(String name) {
    for (DieNotifier n : chain) {
      if (n.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** notify_die(): calls each notifier until one returns NOTIFY_STOP; returns the last answer. */
  public int notify(DieEvent event, NmiContext nmi) {
    int ret = DieNotifier.NOTIFY_DONE;
    for (DieNotifier n : List.copyOf(chain)) {
      ret = n.notify(event, nmi);
      if (ret == DieNotifier.NOTIFY_STOP) {
        break;
      }
    }
    return ret;
  }
}
