package io.smpsim.kernel.linux;

import io.smpsim.hw.apic.IoApic;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.chipset.Chipset;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.hw.nic.Nic;
import io.smpsim.hw.nic.NicConfig;
import io.smpsim.hw.pmu.Pmu;
import io.smpsim.hw.timer.Hpet;
import io.smpsim.hw.timer.Pit;
import io.smpsim.kernel.JobAsker;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.Quirk;
import io.smpsim.kernel.TimelineCommand;
import io.smpsim.kernel.cpu.LinuxCpu;
import io.smpsim.kernel.hotplug.CpuHotplug;
import io.smpsim.kernel.net.NetDirectory;
import io.smpsim.kernel.net.NetdevTxQueue;
import io.smpsim.kernel.net.NicVectors;
import io.smpsim.kernel.net.Netns;
import io.smpsim.kernel.net.NetnsConfig;
import io.smpsim.kernel.net.sched.SchedQuirk;
import io.smpsim.kernel.netlink.NetlinkSubsystem;
import io.smpsim.kernel.power.SuspendResume;
import io.smpsim.kernel.printk.Klog;
import io.smpsim.kernel.shell.Shell;
import io.smpsim.kernel.sysctl.Sysctl;
import io.smpsim.sim.Address;
import io.smpsim.sim.DomainLink;
import io.smpsim.sim.Entity;
import io.smpsim.sim.Event;
import io.smpsim.sim.SimWorld;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * A world of Linux machines: each machine is a block of entities (its kernel services, its
 * platform devices, then a CPU, a local APIC and a PMU per CPU), placed as one group, or one
 * group per socket or CPU. Each machine is a latency domain of its own: machines reach each
 * other only through their NICs' cables, so cluster nodes hosting unlinked machines never wait
 * for each other.
 */
public final class LinuxWorld implements SimWorld {

  /** HPET counter frequency: 12 times the PIT's input clock. */
  public static final long HPET_HZ = 14_318_180L;

  private final List<MachineConfig> machines;
  private final List<TimelineCommand> timeline;
  private final MachineLayout[] layouts;
  private final int[] groupBase;
  private final int entities;
  private final int groups;
  private final NetDirectory directory;

  public LinuxWorld(List<MachineConfig> machines, List<TimelineCommand> timeline) {
    this.machines = List.copyOf(machines);
    this.timeline = List.copyOf(timeline);
    this.layouts = new MachineLayout[machines.size()];
    this.groupBase = new int[machines.size()];
    int base = 0;
    int g = 0;
    for (int m = 0; m < machines.size(); m++) {
      MachineConfig c = machines.get(m);
      layouts[m] = new MachineLayout(base, c.cpus(), c.nics().size(),
          NetnsConfig.txQueueCount(c.nics()));
      base += layouts[m].size();
      groupBase[m] = g;
      g += groupsOf(c);
    }
    this.entities = base;
    this.groups = g;
    this.directory = NetDirectory.of(this.machines.stream().map(MachineConfig::name).toList(),
        this.machines.stream().map(MachineConfig::nics).toList());
  }

  private static int groupsOf(MachineConfig c) {
    return switch (c.placement()) {
      case MACHINE -> 1;
      case SOCKET -> Math.max(1, c.sockets());
      case CPU -> 1 + c.cpus();
    };
  }

  public List<MachineConfig> machines() {
    return machines;
  }

  public MachineLayout layout(int machine) {
    return layouts[machine];
  }

  /** The machine an entity belongs to. */
  public int machineOf(int id) {
    return lastAtOrBelow(layouts.length, m -> layouts[m].base(), id);
  }

  /** The last of {@code n} rising bases {@code base(0) ... base(n - 1)} at or below {@code key}. */
  private static int lastAtOrBelow(int n, IntUnaryOperator base, int key) {
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (base.applyAsInt(mid) <= key) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  @Override
  public int entityCount() {
    return entities;
  }

  @Override
  public int groupCount() {
    return groups;
  }

  @Override
  public int groupOf(int id) {
    int m = machineOf(id);
    MachineConfig c = machines.get(m);
    MachineLayout l = layouts[m];
    if (c.placement() == MachineConfig.Placement.MACHINE || l.slotOf(id) != null
        || l.nicOf(id) >= 0) {
      return groupBase[m];
    }
    // A TX queue sits with the CPU its vector starts on, where its softirqs and watchdog run.
    int cpu = l.txQueueOf(id) >= 0 ? txQueueCpu(c, l.txQueueOf(id)) : l.cpuOf(id);
    if (c.placement() == MachineConfig.Placement.CPU) {
      return groupBase[m] + 1 + cpu;
    }
    int perSocket = (c.cpus() + c.sockets() - 1) / c.sockets();
    return groupBase[m] + cpu / perSocket;
  }

  /** The CPU the driver first gives the vector of the machine's TX queue {@code index}. */
  private static int txQueueCpu(MachineConfig c, int index) {
    int[] nq = nicQueue(c, index);
    NicVectors v = new NicVectors(c.nics(), c.cpus());
    return v.cpuOf(v.vectorOf(nq[0], nq[1]));
  }

  /** The NIC and queue of the machine's TX queue {@code index}. */
  private static int[] nicQueue(MachineConfig c, int index) {
    int nic = 0;
    int q = index;
    while (q >= c.nics().get(nic).txQueues()) {
      q -= c.nics().get(nic).txQueues();
      nic++;
    }
    return new int[] {nic, q};
  }

  /** A machine is a latency domain: its groups talk at the lookahead, machines only by cable. */
  @Override
  public int domainOf(int group) {
    return lastAtOrBelow(groupBase.length, g -> groupBase[g], group);
  }

  /** Every NIC cable, both ways, at its wire latency. */
  @Override
  public List<DomainLink> domainLinks() {
    List<DomainLink> links = new ArrayList<>();
    for (int m = 0; m < machines.size(); m++) {
      for (NicConfig nc : machines.get(m).nics()) {
        if (nc.link() != null) {
          links.add(new DomainLink(m, nc.link().machine(), nc.link().latencyNs()));
        }
      }
    }
    return links;
  }

  @Override
  public String nameOf(int id) {
    int m = machineOf(id);
    MachineLayout l = layouts[m];
    MachineLayout.Slot slot = l.slotOf(id);
    String name = machines.get(m).name() + "/";
    if (slot != null) {
      return name + slot.name().toLowerCase();
    }
    if (l.nicOf(id) >= 0) {
      return name + "nic-" + machines.get(m).nics().get(l.nicOf(id)).name();
    }
    if (l.txQueueOf(id) >= 0) {
      int[] nq = nicQueue(machines.get(m), l.txQueueOf(id));
      return name + machines.get(m).nics().get(nq[0]).name() + "-tx-" + nq[1];
    }
    String[] kinds = {"cpu", "apic", "pmu"};
    return name + kinds[l.perCpuKind(id)] + l.cpuOf(id);
  }

  @Override
  public Entity<?> create(int id) {
    int m = machineOf(id);
    MachineConfig c = machines.get(m);
    MachineLayout l = layouts[m];
    MachineLayout.Slot slot = l.slotOf(id);
    if (slot != null) {
      return switch (slot) {
        case KLOG -> new Klog(c.name(), l.<JobAsker>shell(), c.timings().mmio(), c.cmdline());
        case SHELL -> new Shell(c, l, Linux.KERNEL);
        case HOTPLUG -> new CpuHotplug(c, l);
        case IOAPIC -> new IoApic(l, c.timings());
        case PIT -> new Pit(l, c.timings().ioApic());
        case HPET -> new Hpet(l, c.timings().ioApic(), 3, HPET_HZ);
        case SYSCTL -> new Sysctl(c, l);
        case CHIPSET -> new Chipset(l, c.timings());
        case NETNS -> new Netns(netnsConfig(c, l), directory);
        case POWER -> new SuspendResume(c, l, Linux.KERNEL);
      };
    }
    if (l.nicOf(id) >= 0) {
      return nic(c, l, l.nicOf(id));
    }
    if (l.txQueueOf(id) >= 0) {
      int[] nq = nicQueue(c, l.txQueueOf(id));
      return new NetdevTxQueue(netnsConfig(c, l), nq[0], nq[1]);
    }
    int cpu = l.cpuOf(id);
    return switch (l.perCpuKind(id)) {
      case 0 -> new Cpu(cpu, l, c.timings(), new LinuxCpu(c, l, cpu, Linux.KERNEL));
      case 1 -> new LocalApic(cpu, l, c.timings(), true);
      default -> new Pmu(cpu, l, c.timings(), c.cpuKhz());
    };
  }

  /** What the machine's network namespace knows of its machine. */
  private static NetnsConfig netnsConfig(MachineConfig c, MachineLayout l) {
    List<Address<Nic.Command>> nics = new ArrayList<>();
    for (int n = 0; n < c.nics().size(); n++) {
      nics.add(l.nic(n));
    }
    List<Address<Cpu.Command>> cpus = new ArrayList<>();
    List<Address<LocalApic.Command>> apics = new ArrayList<>();
    for (int cpu = 0; cpu < c.cpus(); cpu++) {
      cpus.add(l.cpu(cpu));
      apics.add(l.apic(cpu));
    }
    Set<SchedQuirk> sched = EnumSet.noneOf(SchedQuirk.class);
    for (Quirk q : c.quirks()) {
      if (q.sched() != null) {
        sched.add(q.sched());
      }
    }
    List<Address<NetdevTxQueue.Command>> queues = new ArrayList<>();
    for (int q = 0; q < l.txQueues(); q++) {
      queues.add(l.txQueue(q));
    }
    return new NetnsConfig(c.index(), c.cpus(), c.nics(), List.copyOf(nics),
        c.timings().mmio(), List.copyOf(cpus), List.copyOf(apics), sched,
        NetlinkSubsystem.hrtimerResolutionNs(c), l.netns(), List.copyOf(queues),
        c.tickNs());
  }

  /** NIC {@code n} of a machine, cabled to its peer's NIC when the scenario links it. */
  private Nic nic(MachineConfig c, MachineLayout l, int n) {
    NicConfig nc = c.nics().get(n);
    Address<Nic.Command> peer = nc.link() == null ? null
        : layouts[nc.link().machine()].nic(nc.link().nic());
    return new Nic(nc, n, Address.of(l.id(MachineLayout.Slot.NETNS)),
        c.timings().interruptDelivery(), peer);
  }

  @Override
  public List<Event> initialEvents() {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < timeline.size(); i++) {
      TimelineCommand t = timeline.get(i);
      events.add(new Event(t.atNs(), Event.ENVIRONMENT, i, layouts[t.machine()].id(
          MachineLayout.Slot.SHELL), new Shell.Run(i, t.line(), false)));
    }
    return events;
  }

  public List<TimelineCommand> timeline() {
    return timeline;
  }
}
