package io.smpsim.kernel.stat;

import io.smpsim.kernel.core.IrqLine;
import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.Subsystem;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's statistics files (fs/proc/stat.c, fs/proc/softirqs.c, fs/proc/interrupts.c,
 * fs/proc/uptime.c, fs/proc/loadavg.c): /proc/interrupts, /proc/softirqs, /proc/stat,
 * /proc/uptime and /proc/loadavg, rendered from the per-CPU counters each CPU keeps (irq_stat,
 * kstat_cpu, cpustat) and answers for itself, and the machine's load average; and busybox's
 * {@code uptime}, which shows it too.
 */
public final class StatSubsystem implements Subsystem {

  @Override
  public void register(Registry r) {
    r.file("/proc/interrupts", c -> new InterruptsFile());
    r.file("/proc/softirqs", c -> new SoftirqsFile());
    r.file("/proc/stat", c -> new StatFile());
    r.file("/proc/uptime", c -> new UptimeFile());
    r.file("/proc/loadavg", c -> new LoadavgFile());
    r.command("uptime", (args, line, c) -> UptimeCommand.parse(args));
    // The IO-APIC's legacy lines every machine has: the PIT/HPET timer on pin 2 (the
    // IRQ0 override of the MADT), the i8042's keyboard and AUX ports (both named after the
    // platform device), the RTC and the ACPI SCI (level, fasteoi); the first serial port's
    // once init opened it as /dev/console.
    r.irqLines(c -> {
      List<IrqLine> lines = new ArrayList<>(List.of(new IrqLine(0, "IO-APIC", "2-edge", "timer"),
          new IrqLine(1, "IO-APIC", "1-edge", "i8042"),
          new IrqLine(8, "IO-APIC", "8-edge", "rtc0"),
          new IrqLine(9, "IO-APIC", "9-fasteoi", "acpi"),
          new IrqLine(12, "IO-APIC", "12-edge", "i8042")));
      if (c.kernelCmdline().consoleOn("ttyS0")) {
        lines.add(new IrqLine(4, "IO-APIC", "4-edge", "ttyS0"));
      }
      return lines;
    });
  }
}
