package io.smpsim.kernel.net;

import io.smpsim.hw.cpu.Cpu;
import io.smpsim.hw.nic.NicConfig;
import io.smpsim.kernel.net.core.Packet;
import io.smpsim.kernel.net.dev.NetDevice;
import io.smpsim.kernel.net.dev.NetNamespace;
import io.smpsim.kernel.net.dev.NetStack;
import io.smpsim.kernel.net.tc.Fib;
import io.smpsim.kernel.net.traffic.Traffic;
import io.smpsim.sim.EntityContext;
import java.util.function.BiConsumer;

/**
 * The namespace as its traffic senders see it, for the event being handled: its clock, seeded
 * generator and timers, the CPUs their tasks wake on ({@link SenderTasks}), the transmit entry
 * ({@code __dev_queue_xmit()} from the socket layer), and the addresses packets go from and to.
 */
final class SendersHost implements Traffic.Host {

  private final NetnsConfig config;
  private final NetStack stack;
  private final NetDirectory directory;
  private final NetDataPath dataPath;
  private final SenderTasks senders;
  private final BiConsumer<NetDevice, Packet> transmit;
  private EntityContext ctx;

  SendersHost(NetnsConfig config, NetStack stack, NetDirectory directory, NetDataPath dataPath,
      SenderTasks senders, BiConsumer<NetDevice, Packet> transmit) {
    this.config = config;
    this.stack = stack;
    this.directory = directory;
    this.dataPath = dataPath;
    this.senders = senders;
    this.transmit = transmit;
  }

  /** The event being handled. */
  void bind(EntityContext c) {
    this.ctx = c;
  }

  @Override
  public long now() {
    return ctx.now();
  }

  @Override
  public long draw() {
    return ctx.random().nextLong();
  }

  @Override
  public long arm(long delayNs, int flow) {
    return ctx.schedule(delayNs, new Netns.Arrival(flow));
  }

  @Override
  public void cancel(long timer) {
    ctx.cancel(timer);
  }

  @Override
  public int cpus() {
    return config.cpus();
  }

  @Override
  public void runOn(int cpu, int flow) {
    if (!senders.wake(cpu, flow)) {
      return;
    }
    ctx.send(config.cpuAddresses().get(cpu), config.mmioNs(),
        new Cpu.KernelMail(new NetCpuMail.SenderWake(flow)));
  }

  @Override
  public NetNamespace namespace() {
    return stack.namespace();
  }

  @Override
  public void transmit(NetDevice d, Packet p) {
    transmit.accept(d, p);
  }

  @Override
  public int source(NetDevice d) {
    int a = Fib.sourceAddress(d);
    NicDriver drv = dataPath.driverOf(d);
    return a != 0 || drv == null ? a : drv.address();
  }

  @Override
  public Integer destination(NetDevice d, String dst) {
    // Not a ?: expression: with an int on one side it unboxes resolve()'s null for an unknown
    // MACHINE:IF, and the NullPointerException would abort the whole run.
    if (dst == null) {
      return defaultDestination(d);
    }
    return directory.resolve(dst);
  }

  /** Where traffic goes when no {@code dst} is given: the other end of the device's link. */
  private int defaultDestination(NetDevice d) {
    NicDriver drv = dataPath.driverOf(d);
    if (drv != null) {
      NicConfig n = config.nics().get(drv.index());
      return n.link() == null ? 0 : NetDirectory.address(n.link().machine(), n.link().nic());
    }
    NetDevice peer = d.peer() == null ? null : stack.namespace().device(d.peer());
    return peer == null ? 0 : Fib.sourceAddress(peer);
  }
}
