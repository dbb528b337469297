package io.smpsim.app.nmi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.app.run.ScenarioRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kernel.panic_on_rcu_stall (kernel/rcu/tree_stall.h panic_on_rcu_stall()): the CPU that
 * reported an RCU CPU stall panics from its scheduler tick once the report and its stack dumps
 * are out: the stalled CPU itself when it still takes ticks (preemption off), the reporting
 * CPU after the stalled one's NMI backtrace when it has interrupts off.
 */
class RcuStallPanicTest {

  private static List<String> run(Path dir, String inject) throws Exception {
    ScenarioRun r = ScenarioRun.alone(dir, "rcu-stall-panic.conf", """
        seed = 1
        duration = 40s
        machines = [ { name = m0, cpus = 4, hz = 250, kernel = "6.1", cmdline = "console=ttyS0" } ]
        timeline = [
          { at = 1s, run = "echo 1 > /proc/sys/kernel/panic_on_rcu_stall" }
          { at = 2s, run = "%s" }
        ]
        """.formatted(inject));
    return r.texts("m0");
  }

  @Test
  void aSelfDetectedStallPanicsTheStalledCpuAfterItsRegisters(@TempDir Path dir)
      throws Exception {
    List<String> log = run(dir, "inject softlockup cpu 1 for 60s");
    int stall = log.indexOf("rcu: INFO: rcu_preempt self-detected stall on CPU");
    int panic = log.indexOf("Kernel panic - not syncing: RCU Stall");
    assertTrue(stall >= 0 && panic > stall, "the panic follows the report");
    assertEquals(" </TASK>", log.get(panic - 1), "after the stalled CPU's registers and stack");
    assertTrue(log.get(panic + 1).startsWith("CPU: 1 PID: "));
    assertEquals(List.of(" <IRQ>", " dump_stack_lvl+0x44/0x5c"),
        log.subList(panic + 4, panic + 6));
    assertTrue(log.stream().noneMatch(l -> l.startsWith("watchdog: BUG: soft lockup")),
        "the machine is gone before the soft lockup is due");
  }

  @Test
  void aStallOfACpuWithInterruptsOffPanicsTheReporterAfterTheBacktrace(@TempDir Path dir)
      throws Exception {
    List<String> log = run(dir, "inject hardlockup cpu 2 for 60s");
    int backtrace = log.indexOf("NMI backtrace for cpu 2");
    int panic = log.indexOf("Kernel panic - not syncing: RCU Stall");
    assertTrue(backtrace >= 0 && panic > backtrace, "the panic waits for the NMI backtrace");
    String reporter = log.stream().filter(l -> l.startsWith("\t(detected by ")).findFirst()
        .orElseThrow();
    String cpu = reporter.substring("\t(detected by ".length(), reporter.indexOf(','));
    assertTrue(log.get(panic + 1).startsWith("CPU: " + cpu + " PID: 0 Comm: swapper/" + cpu));
  }
}
