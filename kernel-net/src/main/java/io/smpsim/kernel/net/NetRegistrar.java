package io.smpsim.kernel.net;

import io.smpsim.kernel.net.core.Packet;
import io.smpsim.kernel.net.sched.ClassDump;
import io.smpsim.kernel.net.sched.EmptyOptions;
import io.smpsim.kernel.net.sched.FifoQopt;
import io.smpsim.kernel.net.sched.FqCodelOpts;
import io.smpsim.kernel.net.sched.FqCodelXstats;
import io.smpsim.kernel.net.sched.HtbGlob;
import io.smpsim.kernel.net.sched.HtbOpt;
import io.smpsim.kernel.net.sched.HtbXstats;
import io.smpsim.kernel.net.sched.MultiqQopt;
import io.smpsim.kernel.net.sched.NetemQopt;
import io.smpsim.kernel.net.sched.PrioQopt;
import io.smpsim.kernel.net.sched.QStats;
import io.smpsim.kernel.net.sched.QdiscDump;
import io.smpsim.kernel.net.sched.SfqQopt;
import io.smpsim.kernel.net.sched.SizeSpec;
import io.smpsim.kernel.net.sched.TbfQopt;
import io.smpsim.kernel.net.sched.TcRateSpec;
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
        NetDirectory.class, Netns.Exec.class, WatchdogFired.class, Netns.Arrival.class,
        Netns.SleepOver.class, Netns.DeviceSuspend.class, Netns.TasksFrozen.class,
        NetCommandResult.class, NetAsker.Answer.class, Netns.SenderRan.class,
        Netns.SenderParked.class, Netns.CpuOnline.class, Netns.IrqAffinity.class,
        NetCpuMail.SenderWake.class, Netns.NapiPoll.class, NetCpuMail.RaiseNetTx.class,
        NetCpuMail.SpinOnQdiscLock.class, NetCpuMail.QdiscLockGranted.class,
        Netns.HoldQdiscLock.class, QdiscLockReleased.class,
        // The TX queue entities' mail, and what crosses between them and the namespace: packets,
        // socket changes, and the netlink dumps of their qdiscs and classes.
        NetdevTxQueue.Xmit.class, NetdevTxQueue.Clean.class, QdiscRestart.class,
        NetdevTxQueue.Rtnl.class, NetdevTxQueue.HoldLock.class,
        NetdevTxQueue.Detach.class, NetdevTxQueue.VectorTargets.class, Netns.Sock.class,
        Netns.QueueEmptied.class, Netns.RtnlDone.class, Netns.VirtualXmit.class, Packet.class,
        QdiscDump.class, ClassDump.class, QStats.class, SizeSpec.class, TcRateSpec.class,
        FifoQopt.class, PrioQopt.class, TbfQopt.class, HtbGlob.class, HtbOpt.class, HtbXstats.class,
        NetemQopt.class, SfqQopt.class, FqCodelOpts.class, FqCodelXstats.class,
        MultiqQopt.class, EmptyOptions.class, NetCpuMail.WatchdogSpin.class,
        NetdevTxQueue.WatchdogDeadlock.class, NetCpuMail.XmitCost.class);
  }
}
