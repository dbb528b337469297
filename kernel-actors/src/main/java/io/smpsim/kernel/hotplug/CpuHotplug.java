package io.smpsim.kernel.hotplug;

import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.shell.Shell;
import io.smpsim.sim.Entity;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.SimMessage;
import java.util.BitSet;

/**
 * The machine's CPU masks (cpu_online_mask, cpu_present_mask, cpu_possible_mask) as
 * kernel/cpu.c keeps them; CPUs set their online bit as they come up.
 */
public final class CpuHotplug extends Entity<CpuHotplug.Command> {

  /** What the hotplug controller accepts. */
  public sealed interface Command extends SimMessage permits SetOnline, QueryMasks {}

  /** set_cpu_online(cpu, online). */
  public record SetOnline(int cpu, boolean online) implements Command {}

  /** Send the masks to the shell job {@code job}. */
  public record QueryMasks(long job) implements Command {}

  /** The masks, as answered to {@link QueryMasks}. */
  public record Masks(BitSet online, BitSet present, BitSet possible) implements SimMessage {}

  private final MachineConfig config;
  private final MachineLayout layout;
  private final BitSet online = new BitSet();
  private final BitSet present;
  private final BitSet possible;

  public CpuHotplug(MachineConfig config, MachineLayout layout) {
    this.config = config;
    this.layout = layout;
    this.present = CpuList.range(config.cpus());
    this.possible = CpuList.range(config.cpus());
  }

  @Override
  public void onEvent(EntityContext ctx, int src, Command msg) {
    if (msg instanceof SetOnline s) {
      online.set(s.cpu(), s.online());
    } else if (msg instanceof QueryMasks q) {
      ctx.send(layout.shell(), config.timings().mmio(), new Shell.Reply(q.job(),
          new Masks((BitSet) online.clone(), (BitSet) present.clone(),
              (BitSet) possible.clone())));
    }
  }
}
