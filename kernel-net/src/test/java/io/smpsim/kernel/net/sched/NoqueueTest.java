package io.smpsim.kernel.net.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.kernel.net.dev.TxResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * noqueue (net/sched/sch_generic.c), a virtual device's default: no queue at all, the caller
 * transmits the packet itself at once.
 */
class NoqueueTest {

  @Test
  void aVethSendsDirectlyAndQueuesNothing() {
    QdiscBench b = new QdiscBench();
    assertTrue(b.root() instanceof Noqueue, String.valueOf(b.root()));
    TxResult r = b.offer(100, 1, 0);
    assertEquals(TxResult.Outcome.DIRECT, r.outcome());
    assertEquals(List.of(), b.drain(0));
    assertEquals(0, b.root().qlen());
  }
}
