package io.smpsim.kernel.net;

import io.smpsim.kernel.net.dev.NetStack;
import io.smpsim.kernel.net.tc.NetShell;
import io.smpsim.sim.Entity;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.SimMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * An entity of a machine's network namespace: the namespace itself ({@link Netns}) or one of its
 * NICs' TX queues ({@link NetdevTxQueue}). Each keeps its own copy of the namespace's kernel
 * state, built the same way and kept in step by rtnetlink: the stack with its {@code ip}/{@code
 * tc} shell, the NIC drivers probed at start, the NIC vectors, the qdisc watchdogs' timers and
 * the data path over them. Draws come from the entity's own generator.
 *
 * @param <M> the protocol the entity accepts
 */
public abstract class NetnsEntity<M extends SimMessage> extends Entity<M> {

  protected final NetnsConfig config;
  protected final EntityRandom random = new EntityRandom();
  protected final NetStack stack;
  /** The ip/tc control plane, working on the stack. */
  protected final NetShell shell;
  protected final List<NicDriver> drivers = new ArrayList<>();
  /** The NICs' MSI-X vectors and the CPUs they fire on. */
  protected final NicVectors vectors;
  protected final QdiscWatchdogTimers watchdogs;
  /**
   * The data path over this copy: in the namespace, the TX path of the virtual devices and the
   * RX path of all; in a TX queue entity, that queue's TX path.
   */
  protected final NetDataPath dataPath;
  protected transient EntityContext ctx;

  protected NetnsEntity(NetnsConfig config) {
    this.config = config;
    this.stack = new NetStack(random, config.cpus(), config.schedQuirks(),
        config.hrtimerResNs());
    this.shell = new NetShell(stack);
    this.vectors = new NicVectors(config.nics(), config.cpus());
    this.watchdogs = new QdiscWatchdogTimers(config.hrtimerResNs());
    this.dataPath = new NetDataPath(config, stack, drivers, watchdogs);
  }

  @Override
  public final void onStart(EntityContext c) {
    bind(c);
    drivers.addAll(NicDriver.probeAll(config, stack, shell));
  }

  /** Takes {@code c} and its generator for the event being handled. */
  protected final void bind(EntityContext c) {
    this.ctx = c;
    random.bind(c.random());
    bindHere(c);
  }

  /** Binds this entity's own transient parts (its sockets, its data path) to {@code c}. */
  protected abstract void bindHere(EntityContext c);
}
