package io.smpsim.kernel.netlink;

import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.Quirk;
import io.smpsim.kernel.core.IrqLine;
import io.smpsim.kernel.core.PmPhase;
import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.StaticFile;
import io.smpsim.kernel.core.Subsystem;
import io.smpsim.kernel.net.NetCpuMail;
import io.smpsim.kernel.net.Netns;
import io.smpsim.kernel.net.NicVectors;
import io.smpsim.kernel.net.sched.PschedShow;
import java.util.ArrayList;
import java.util.List;

/**
 * The network namespace's ties to the rest of the kernel (kernel-net knows no other kernel
 * package): the commands that talk to it over netlink ({@code ip}, {@code tc}, smpsim's
 * {@code traffic} and the tc oracle's pseudo-commands), its system-sleep callbacks (the
 * traffic senders are user-space tasks the freezer stops; the NIC drivers suspend with the
 * devices), its work on the CPUs ({@link NetCpu}: the sending tasks, the NIC queue vectors with
 * NET_RX and NET_TX, cpuhp), the vectors' /proc/interrupts rows and their
 * /proc/irq/N/smp_affinity_list.
 */
public final class NetlinkSubsystem implements Subsystem {

  /** The irq_chip of a PCI MSI vector without interrupt remapping (no IOMMU is modelled). */
  static final String MSI_CHIP = "PCI-MSI";

  @Override
  public void register(Registry r) {
    for (String net : new String[] {"ip", "tc", "traffic", "@send", "@sleep", "@nl-qdisc-add",
        "@autohandle"}) {
      r.command(net, (args, line, c) -> new NetJob(line));
    }
    r.pmCallback(PmPhase.TASKS, MachineLayout.Slot.NETNS, new Netns.TasksFrozen(true),
        new Netns.TasksFrozen(false));
    r.pmCallback(PmPhase.DEVICES, MachineLayout.Slot.NETNS, new Netns.DeviceSuspend(true),
        new Netns.DeviceSuspend(false));
    r.cpuWork(NetCpuMail.SenderWake.class, NetCpu::senderWake);
    r.vectors(NicVectors.FIRST_VECTOR, NicVectors.LAST_VECTOR, NetCpu::nicVector);
    r.cpuMail(NetCpuMail.RaiseNetTx.class, NetCpu::raiseNetTx);
    r.cpuMail(NetCpuMail.SpinOnQdiscLock.class, NetCpu::spinOnQdiscLock);
    r.cpuMail(NetCpuMail.QdiscLockGranted.class, NetCpu::qdiscLockGranted);
    r.cpuMail(NetCpuMail.XmitCost.class, NetCpu::xmitCost);
    r.perCpu(XmitBusy.KEY, c -> new XmitBusy());
    r.cpuMail(NetCpuMail.WatchdogSpin.class, NetCpu::watchdogSpin);
    r.contextSwitch(NetCpu::switched);
    r.command("inject qdisc-lock", (args, line, c) -> QdiscLockJob.parse(args, c));
    r.cpuOnline(NetCpu::onlineChanged);
    r.irqLines(c -> {
      List<IrqLine> rows = new ArrayList<>();
      for (NicVectors.Row v : NicVectors.rows(c.nics())) {
        rows.add(new IrqLine(v.irq(), MSI_CHIP, v.hwirq() + "-edge", v.name()));
      }
      return rows;
    });
    r.files("/proc/irq/(\\d{1,9})/smp_affinity_list", (m, c) -> {
      int irq = Integer.parseInt(m.group(1));
      int v = irq - NicVectors.FIRST_IRQ;
      return v >= 0 && v < NicVectors.rows(c.nics()).size() ? new IrqAffinityFile(irq) : null;
    });
    r.file("/proc/net/psched", c -> new StaticFile(
        PschedShow.text(hrtimerResolutionNs(c), c.has(Quirk.PSCHED_CLOCK_RES))));
    r.wire(NetJob.class, IrqAffinityFile.Job.class, QdiscLockJob.class);
  }

  /**
   * hrtimer_resolution (kernel/time/hrtimer.c): 1 ns in high-resolution mode; with
   * {@code highres=off} the hrtimers expire from the tick, LOW_RES_NSEC (a jiffy) apart.
   */
  public static long hrtimerResolutionNs(MachineConfig c) {
    return "off".equals(c.kernelCmdline().value("highres")) ? c.tickNs() : 1;
  }
}
