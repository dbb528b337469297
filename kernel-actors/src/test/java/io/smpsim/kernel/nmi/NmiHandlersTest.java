package io.smpsim.kernel.nmi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.hw.cpu.NmiSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** nmi_handle(): every handler of a type runs, in order, and their counts add up. */
class NmiHandlersTest {

  /** A handler that claims a fixed number of events. */
  record Fixed(String name, int handles) implements NmiHandler {
    @Override
    public int handle(NmiContext nmi) {
      return handles;
    }
  }

  private static final NmiContext NMI = new NmiContext() {
    @Override
    public NmiSource source() {
      return NmiSource.IPI;
    }

    @Override
    public int reason() {
      return 0;
    }

    @Override
    public int perfOverflow() {
      return 0;
    }

    @Override
    public int debugger() {
      return 1;
    }

    @Override
    public int backtrace() {
      return 0;
    }
  };

  @Test
  void everyHandlerRunsAndFirstGoesToTheHead() {
    NmiHandlers h = new NmiHandlers();
    h.register(NmiType.LOCAL, new Fixed("PMI", 1), false);
    h.register(NmiType.LOCAL, new Fixed("arch_bt", 0), false);
    h.register(NmiType.LOCAL, new Fixed("crash", 1), true);
    assertEquals(List.of("crash", "PMI", "arch_bt"), h.names(NmiType.LOCAL));
    assertEquals(2, h.handle(NmiType.LOCAL, NMI));
    assertEquals(0, h.handle(NmiType.UNKNOWN, NMI));
    h.unregister(NmiType.LOCAL, "crash");
    assertEquals(1, h.handle(NmiType.LOCAL, NMI));
  }

  @Test
  void aNotifierReturningStopEndsTheDieChain() {
    DieNotifiers chain = new DieNotifiers();
    assertEquals(DieNotifier.NOTIFY_DONE, chain.notify(DieEvent.DIE_NMI_IPI, NMI));
    chain.register(new DebuggerDieNotifier());
    assertEquals(DieNotifier.NOTIFY_STOP, chain.notify(DieEvent.DIE_NMI_IPI, NMI));
    chain.unregister("debugger");
    assertEquals(DieNotifier.NOTIFY_DONE, chain.notify(DieEvent.DIE_NMI_IPI, NMI));
  }
}
