package io.smpsim.kernel.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.kernel.core.IrqStats;
import org.junit.jupiter.api.Test;

/** Kernel work charged to an idle CPU shows as system time in place of idle time. */
class CpuTimeTest {

  private static final long MS = 1_000_000;

  @Test
  void chargedWorkTurnsIdleTimeIntoSystemTimeAsItRuns() {
    CpuTime t = new CpuTime();
    IrqStats s = new IrqStats();
    t.online(0);
    t.switchTo(true, 0, s);
    t.charge(30 * MS, 10 * MS, s);
    t.flush(20 * MS, s);
    assertEquals(10 * MS, s.busyNs, "10 ms of the charge ran by 20 ms");
    assertEquals(10 * MS, s.idleNs);
    t.flush(100 * MS, s);
    assertEquals(30 * MS, s.busyNs);
    assertEquals(70 * MS, s.idleNs);
  }

  @Test
  void anOfflineCpuIsChargedNothing() {
    CpuTime t = new CpuTime();
    IrqStats s = new IrqStats();
    t.charge(30 * MS, 0, s);
    t.online(10 * MS);
    t.switchTo(true, 10 * MS, s);
    t.flush(50 * MS, s);
    assertEquals(0, s.busyNs);
    assertEquals(40 * MS, s.idleNs);
  }
}
