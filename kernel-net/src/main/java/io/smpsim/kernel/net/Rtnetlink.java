package io.smpsim.kernel.net;

import io.smpsim.hw.nic.NicConfig;
import io.smpsim.kernel.net.dev.NetDevice;
import io.smpsim.kernel.net.dev.NetStack;
import io.smpsim.kernel.net.sched.EndlessLoop;
import io.smpsim.kernel.net.sched.Qdisc;
import io.smpsim.kernel.net.sched.SchedQuirk;
import io.smpsim.kernel.net.tc.NetShell;
import io.smpsim.kernel.net.tc.ShellResult;
import io.smpsim.sim.Address;
import io.smpsim.sim.EntityContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * rtnetlink in a namespace whose NIC TX queues are entities of their own: each {@code ip}/{@code
 * tc} command runs on the namespace's stack and goes to every {@link NetdevTxQueue}, which runs
 * it on its copy; the answer waits for all of them. Part of {@link Netns}'s state.
 *
 * <p>A queue whose entity runs no root of its NIC, before the change or after it (the queues
 * other than 0 under a root they all share), holds no packet in its copy, so the change has no
 * effect there but on the copy's trees: it is told it may keep the change for later
 * ({@link NetdevTxQueue.Rtnl#runsRoot()}), and applies what it kept, in order, only once it
 * needs its trees. Ten thousand classes under one htb root of a 16-queue NIC are then built
 * once in the queue that runs them, not sixteen times.
 */
final class Rtnetlink {

  private final NetnsConfig config;
  private final NetStack stack;
  private final NetShell shell;
  private final NetDataPath dataPath;
  /** qdisc_tree_lock and the RCU callbacks that take it (the quirk qdisc-destroy-in-rcu). */
  private final QdiscTreeLock treeLock;
  /** The commands sent to the TX queue entities and not yet answered by all of them. */
  private final TreeMap<Long, RtnlRequest> pending = new TreeMap<>();
  private long nextSeq;

  Rtnetlink(NetnsConfig config, NetStack stack, NetShell shell, NetDataPath dataPath) {
    this.config = config;
    this.stack = stack;
    this.shell = shell;
    this.dataPath = dataPath;
    this.treeLock = new QdiscTreeLock(config.tickNs());
  }

  /**
   * An {@code ip}/{@code tc} command. A change runs here at once and goes to every TX queue
   * entity, which runs it on its trees; the answer waits for all of them (a command that loops
   * for ever in a queue's tree, over packets only that queue holds, never returns). A
   * {@code tc ... show} asks the queues for the dumps of the qdiscs and classes they run, and
   * prints once all answered. Either way the NICs' transmit counters are the queues'.
   */
  void request(EntityContext ctx, Netns.Exec e, List<String> argv) {
    boolean dump = isDump(argv);
    NetCommandResult own = null;
    boolean[] ran = null;
    if (!dump) {
      // Only a machine with the quirk looks for the qdiscs a command destroys.
      boolean rcu = e.cpu() >= 0 && stack.namespace().quirk(SchedQuirk.QDISC_DESTROY_IN_RCU);
      Set<Qdisc> before = rcu ? QdiscTreeLock.qdiscs(stack.namespace()) : null;
      ran = rootRunners();
      try {
        ShellResult r = shell.exec(e.line(), ctx.now());
        if (rcu) {
          treeLock.commandRan(e.cpu(), ctx.now(), before,
              QdiscTreeLock.qdiscs(stack.namespace()));
        }
        own = new NetCommandResult(r.exit(), r.stdout(), r.stderr());
        if (r.exit() == 0) {
          dataPath.treesChanged();
        }
      } catch (EndlessLoop loop) {
        dataPath.treesChanged();
        own = NetCommandResult.spinning(loop.rip());
      }
    }
    List<Address<NetdevTxQueue.Command>> queues = config.txQueueAddresses();
    RtnlRequest req = new RtnlRequest(e, own, dump, queues.size());
    if (queues.isEmpty()) {
      finish(ctx, req);
      return;
    }
    long seq = nextSeq++;
    pending.put(seq, req);
    boolean[] runs = rootRunners();
    for (int i = 0; i < queues.size(); i++) {
      boolean runsRoot = runs[i] || (ran != null && ran[i]);
      ctx.send(queues.get(i), config.mmioNs(),
          new NetdevTxQueue.Rtnl(seq, e.line(), dump, e.cpu(), runsRoot));
    }
  }

  /**
   * For each TX queue entity, in {@link NetnsConfig#txQueueAddresses()}'s order, whether it runs
   * a root of its NIC on the namespace's trees as they are now (see
   * {@link NetdevTxQueue#lockDomain}). A NIC device no longer found is taken as run by all.
   */
  private boolean[] rootRunners() {
    boolean[] runs = new boolean[config.txQueueAddresses().size()];
    int i = 0;
    for (NicConfig nic : config.nics()) {
      NetDevice d = stack.namespace().device(nic.name());
      for (int q = 0; q < nic.txQueues(); q++, i++) {
        runs[i] = d == null || q >= d.numTxQueues() || NetdevTxQueue.lockDomain(d, q) == q;
      }
    }
    return runs;
  }

  /**
   * Whether {@code argv} is a dump whose counters are the queues': a {@code tc} dump
   * ({@code show}, {@code list}, {@code get}, or no command at all, which iproute2 takes as
   * {@code show}), or an {@code ip -s} that changes nothing (the link's TX counters).
   */
  static boolean isDump(List<String> argv) {
    if (!argv.isEmpty() && argv.get(0).equals("ip")) {
      boolean stats = false;
      for (String a : argv) {
        if (List.of("add", "del", "delete", "set", "change", "replace", "flush").contains(a)) {
          return false;
        }
        stats |= a.startsWith("-s");
      }
      return stats;
    }
    if (argv.isEmpty() || !argv.get(0).equals("tc")) {
      return false;
    }
    int i = 1;
    while (i < argv.size() && argv.get(i).startsWith("-")) {
      i++;
    }
    if (i + 1 >= argv.size()) {
      return true;
    }
    String cmd = argv.get(i + 1);
    for (String word : new String[] {"show", "list", "lst", "get"}) {
      if (word.startsWith(cmd)) {
        return true;
      }
    }
    return false;
  }

  /** A TX queue entity's answer to command {@code d.seq()}. */
  void done(EntityContext ctx, Netns.RtnlDone d) {
    RtnlRequest req = pending.get(d.seq());
    if (req == null) {
      return;
    }
    int queue = d.queue();
    int nic = 0;
    while (queue >= config.nics().get(nic).txQueues()) {
      queue -= config.nics().get(nic).txQueues();
      nic++;
    }
    NetDevice dev = stack.namespace().device(config.nics().get(nic).name());
    if (req.answered(d, dev.ifindex())) {
      pending.remove(d.seq());
      finish(ctx, req);
    }
  }

  /** Every queue answered: the command's answer goes to its asker. */
  private void finish(EntityContext ctx, RtnlRequest req) {
    for (Map.Entry<Integer, long[]> t : req.tx().entrySet()) {
      NetDevice dev = stack.namespace().device(t.getKey());
      if (dev != null) {
        dev.stats().setTx(t.getValue()[0], t.getValue()[1], t.getValue()[2]);
      }
    }
    Netns.Exec e = req.exec;
    NetCommandResult r = req.own;
    long latency = config.mmioNs();
    if (req.dump) {
      stack.qdiscApi().setOwners(req);
      try {
        ShellResult s = shell.exec(e.line(), ctx.now());
        r = new NetCommandResult(s.exit(), s.stdout(), s.stderr());
      } finally {
        stack.qdiscApi().setOwners(null);
      }
      long stuck = e.cpu() >= 0 && stack.namespace().quirk(SchedQuirk.QDISC_DESTROY_IN_RCU)
          ? treeLock.readLocked(e.cpu(), ctx.now(), qdiscsDumped(r)) : -1;
      if (stuck >= 0) {
        // The tick's RCU softirq interrupts the dump under the read lock and spins for the
        // write side: the dump's task is stuck from then on, and never answers.
        r = NetCommandResult.spinning(QdiscTreeLock.WRITE_LOCK_RIP);
        latency = Math.max(latency, stuck - ctx.now());
      }
    } else if (req.spin() != null && r.exit() == 0) {
      r = NetCommandResult.spinning(req.spin());
    }
    ctx.send(e.replyTo(), latency, new NetAsker.Answer(e.job(), r));
  }

  /**
   * How many qdiscs a dump's tc_dump_qdisc() filled under qdisc_tree_lock: the qdiscs it
   * printed (none for a class or filter dump, whose walks the model does not lock).
   */
  private static int qdiscsDumped(NetCommandResult r) {
    if (r.exit() != 0) {
      return 0;
    }
    return (int) r.stdout().lines().filter(l -> l.startsWith("qdisc ")).count();
  }

}
