package io.smpsim.hw.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.hw.testing.HwActorTest;
import io.smpsim.hw.testing.HwProbe;
import io.smpsim.hw.testing.HwTestWorld;
import io.smpsim.hw.testing.Script;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CPU's hardware rules, through its actor: masking, NMI latching, halt, PMU signalling. */
class CpuActorTest extends HwActorTest {

  private final HwTestWorld world = new HwTestWorld(2);

  private HwProbe bootCpu() {
    HwProbe cpu = new HwProbe(kit, world, world.cpuId(0));
    cpu.runTo(10);
    assertEquals(List.of("0 power-on bsp"), cpu.takeLines());
    return cpu;
  }

  private static Cpu.KernelMail script(Script.Action a) {
    return new Cpu.KernelMail(Script.of(a));
  }

  @Test
  void maskedInterruptsStayPendingCollapseAndArriveHighestVectorFirst() {
    HwProbe cpu = bootCpu();
    // After reset the interrupt flag is clear: nothing is taken, repeats of a vector collapse.
    cpu.atAll(100, List.of(new Cpu.Interrupt(0x30), new Cpu.Interrupt(0xec),
        new Cpu.Interrupt(0xec)), 200);
    assertEquals(List.of(), cpu.takeLines());
    cpu.at(300, script(Script.Action.STI), 400);
    assertEquals(List.of("300 irq 0xec", "300 irq 0x30"), cpu.takeLines());
  }

  @Test
  void anNmiIsTakenWithInterruptsOffAndOneMoreIsLatchedWhileItRuns() {
    HwProbe cpu = bootCpu();
    cpu.at(100, new Cpu.KernelMail(new Script(Script.Action.HOLD_NEXT_NMI, 10_000)), 200);
    cpu.at(1_000, new Cpu.Nmi(NmiSource.PERF_COUNTER), 1_100);
    assertEquals(List.of("1000 nmi PERF_COUNTER reason=0"), cpu.takeLines());
    // Two more arrive while the first is handled: one is latched, the other is lost.
    cpu.at(2_000, new Cpu.Nmi(NmiSource.IPI), 2_100);
    cpu.at(3_000, new Cpu.Nmi(NmiSource.LINT1), 3_100);
    assertEquals(List.of(), cpu.takeLines());
    cpu.runTo(20_000);
    assertEquals(List.of("11000 nmi IPI reason=0"), cpu.takeLines());
  }

  @Test
  void anIretInsideTheNmiHandlerUnblocksNmisAndTheNextOneNestsOnTopOfIt() {
    HwProbe cpu = bootCpu();
    cpu.at(100, new Cpu.KernelMail(new Script(Script.Action.HOLD_NEXT_NMI, 10_000)), 200);
    cpu.at(1_000, new Cpu.Nmi(NmiSource.PERF_COUNTER), 1_100);
    cpu.at(2_000, new Cpu.Nmi(NmiSource.IPI), 2_100);
    cpu.at(3_000, new Cpu.Nmi(NmiSource.LINT1), 3_100);
    assertEquals(List.of("1000 nmi PERF_COUNTER reason=0"), cpu.takeLines());
    // The handler returns from an exception (int3) with IRET: the latched NMI is taken at once,
    // while the first handler still runs, and so is the next one.
    cpu.at(4_000, script(Script.Action.IRET), 4_100);
    assertEquals(List.of("4000 nmi IPI reason=0"), cpu.takeLines());
    cpu.at(5_000, new Cpu.Nmi(NmiSource.LINT1), 5_100);
    assertEquals(List.of("5000 nmi LINT1 reason=0"), cpu.takeLines());
    // Taking an NMI blocks them again until its IRET: one held nested NMI latches the next.
    cpu.at(6_000, new Cpu.KernelMail(new Script(Script.Action.HOLD_NEXT_NMI, 2_000)), 6_100);
    cpu.at(7_000, new Cpu.Nmi(NmiSource.IPI), 7_100);
    cpu.at(8_000, new Cpu.Nmi(NmiSource.LINT1), 8_100);
    assertEquals(List.of("7000 nmi IPI reason=0"), cpu.takeLines());
    cpu.runTo(20_000);
    assertEquals(List.of("9000 nmi LINT1 reason=0"), cpu.takeLines());
  }

  @Test
  void aHandlerRunningBlocksMaskableInterruptsUntilItReturns() {
    HwProbe cpu = bootCpu();
    cpu.at(100, script(Script.Action.STI), 200);
    cpu.at(200, new Cpu.KernelMail(new Script(Script.Action.HOLD_NEXT_IRQ, 5_000)), 300);
    cpu.at(1_000, new Cpu.Interrupt(0xfd), 1_100);
    cpu.at(2_000, new Cpu.Interrupt(0xec), 2_100);
    cpu.at(3_000, new Cpu.Nmi(NmiSource.IPI), 3_100);
    assertEquals(List.of("1000 irq 0xfd", "3000 nmi IPI reason=0"), cpu.takeLines());
    cpu.runTo(10_000);
    assertEquals(List.of("6000 irq 0xec"), cpu.takeLines());
  }

  @Test
  void theChipsetNmiStatusPortIsReadableByTheKernel() {
    HwProbe cpu = bootCpu();
    cpu.at(100, new Cpu.NmiStatus(0x80), 200);
    cpu.at(300, new Cpu.Nmi(NmiSource.LINT1), 400);
    assertEquals(List.of("300 nmi LINT1 reason=128"), cpu.takeLines());
  }

  @Test
  void theCoreTellsItsPmuWhenItHaltsWakesAndBlips() {
    HwProbe cpu = bootCpu();
    cpu.at(100, new Cpu.WatchHalt(true), 200);
    assertEquals(List.of("200 " + world.pmuId(0) + " Running[running=true]"),
        describeSent(cpu));
    cpu.at(300, script(Script.Action.STI), 400);
    cpu.at(400, script(Script.Action.HALT), 500);
    assertEquals(List.of("500 " + world.pmuId(0) + " Running[running=false]"),
        describeSent(cpu));
    // An interrupt wakes the halted core; it halts again when the handler returns.
    cpu.at(1_000, new Cpu.Interrupt(0xec), 1_100);
    assertEquals(List.of("1000 irq 0xec"), cpu.takeLines());
    assertEquals(List.of("1100 " + world.pmuId(0) + " Blip[wakeups=1]"), describeSent(cpu));
    cpu.at(2_000, new Cpu.WatchHalt(false), 2_100);
    cpu.at(3_000, new Cpu.Interrupt(0xec), 3_100);
    assertEquals(List.of(), describeSent(cpu), "nothing is reported once the PMU stops listening");
  }

  @Test
  void initResetsTheCoreWhichThenIgnoresInterruptsUntilStartup() {
    HwProbe cpu = bootCpu();
    cpu.at(100, new Cpu.InitIpi(), 200);
    assertEquals(List.of("100 init"), cpu.takeLines());
    cpu.at(300, new Cpu.Nmi(NmiSource.IPI), 400);
    cpu.at(400, new Cpu.Interrupt(0xec), 500);
    assertEquals(List.of(), cpu.takeLines());
    cpu.at(600, new Cpu.StartupIpi(0x9a), 700);
    assertEquals(List.of("600 power-on ap"), cpu.takeLines());
  }

  private static List<String> describeSent(HwProbe p) {
    return describe(p.takeSent());
  }
}
