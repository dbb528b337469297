package io.smpsim.kernel.net;

import io.smpsim.sim.serialization.KryoRegistrar;
import java.util.List;

/**
 * Networking's wire classes: the network namespace's mail and its answers. Listed in this
 * module's reference.conf, so a machine with networking registers them without the rest of
 * the kernel naming them.
 */
public final class NetRegistrar implements KryoRegistrar {

  @Override
  public List<Class<?>> classes() {
    return List.of(
        NetDirectory.class, Netns.Exec.class, Netns.WatchdogFired.class, Netns.Arrival.class,
        Netns.SleepOver.class, Netns.DeviceSuspend.class, Netns.TasksFrozen.class,
        NetCommandResult.class, NetAsker.Answer.class, Netns.SenderRan.class,
        Netns.SenderParked.class, Netns.CpuOnline.class, Netns.IrqAffinity.class,
        NetCpuMail.SenderWake.class, Netns.NapiPoll.class, NetCpuMail.RaiseNetTx.class,
        NetCpuMail.SpinOnQdiscLock.class, NetCpuMail.QdiscLockGranted.class,
        Netns.HoldQdiscLock.class, Netns.QdiscLockReleased.class, NetCpuMail.XmitCost.class);
  }
}
