package io.smpsim.kernel.netlink;

import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.core.PmPhase;
import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.Subsystem;
import io.smpsim.kernel.net.Netns;

/**
 * The network namespace's ties to the rest of the kernel (kernel-net knows no other kernel
 * package): the commands that talk to it over netlink ({@code ip}, {@code tc}, smpsim's
 * {@code traffic} and the tc oracle's pseudo-commands), and its system-sleep callbacks (the
 * traffic senders are user-space tasks the freezer stops; the NIC drivers suspend with the
 * devices).
 */
public final class NetlinkSubsystem implements Subsystem {

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
    r.wire(NetJob.class);
  }
}
