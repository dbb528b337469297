package io.smpsim.kernel.testing;

import io.smpsim.hw.cpu.Cpu;
import io.smpsim.kernel.linux.LinuxWorld;
import io.smpsim.kernel.printk.Klog;
import io.smpsim.kernel.printk.LogLine;
import io.smpsim.sim.Address;
import io.smpsim.sim.Entity;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.Event;
import io.smpsim.sim.SimMessage;
import io.smpsim.sim.SimOutput;
import io.smpsim.sim.SimRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Some entities of a {@link LinuxWorld} run by a plain sequential event loop in
 * {@code (time, source, seq)} order, without a cluster: fast enough for unit tests of the
 * network namespace and its NICs. Events to entities it does not host (the shell, the CPUs)
 * are recorded instead of delivered. Its whole state is plain data, so a Kryo copy of it is a
 * checkpoint.
 */
public final class MiniWorld {

  /** An event that reached an entity this world does not host. */
  public record Delivery(long time, int dst, SimMessage payload) {}

  private final long lookahead;
  private final Map<Integer, Entity<SimMessage>> entities = new TreeMap<>();
  private final Map<Integer, SimRandom> randoms = new TreeMap<>();
  private final Map<Integer, long[]> seqs = new TreeMap<>();
  private final PriorityQueue<Event> queue = new PriorityQueue<>();
  private final Set<String> cancelled = new HashSet<>();
  private final List<Delivery> elsewhere = new ArrayList<>();
  /** How many of {@link #elsewhere} {@link #sentSinceLastLook} has returned. */
  private int looked;
  private final List<String> trace = new ArrayList<>();
  private long now;
  private long envSeq;
  /** Stands in for the entities this world does not host (may inject answers), or null. */
  private transient Consumer<Delivery> standIn;

  /** Hosts the entities {@code ids} of {@code world}, started at time 0. */
  @SuppressWarnings("unchecked")
  public MiniWorld(LinuxWorld world, long seed, long lookahead, int... ids) {
    this.lookahead = lookahead;
    for (int id : ids) {
      entities.put(id, (Entity<SimMessage>) world.create(id));
      randoms.put(id, SimRandom.forEntity(seed, world.nameOf(id)));
      seqs.put(id, new long[1]);
    }
    for (int id : ids) {
      entities.get(id).onStart(new Ctx(id));
    }
  }

  /** Injects {@code msg} to {@code dst} at {@code time}, from outside. */
  public void inject(long time, int dst, SimMessage msg) {
    queue.add(new Event(time, Event.ENVIRONMENT, envSeq++, dst, msg));
  }

  /** Handles every event before {@code end}. */
  public void runUntil(long end) {
    while (!queue.isEmpty() && queue.peek().time() < end) {
      Event e = queue.poll();
      if (cancelled.remove(e.src() + ":" + e.seq())) {
        continue;
      }
      now = e.time();
      Entity<SimMessage> target = entities.get(e.dst());
      if (target == null) {
        Delivery d = new Delivery(e.time(), e.dst(), e.payload());
        elsewhere.add(d);
        if (standIn != null) {
          standIn.accept(d);
        }
        continue;
      }
      trace.add(e.time() + " " + e.src() + ">" + e.dst() + " " + e.payload());
      target.onEvent(new Ctx(e.dst()), e.src(), e.payload());
    }
    now = Math.max(now, end);
  }

  /**
   * What stands in for the entities this world does not host: it sees each event sent to
   * them and may {@link #inject} their answers (not saved with the world).
   */
  public void standIn(Consumer<Delivery> s) {
    this.standIn = s;
  }

  /** Events that left the hosted entities, in time order. */
  public List<Delivery> elsewhere() {
    return elsewhere;
  }

  /**
   * What left the hosted entities since the last call, oldest first, with the kernel's mail
   * to a CPU unwrapped (the tests look at what the kernel asked of it).
   */
  public List<SimMessage> sentSinceLastLook() {
    List<SimMessage> out = new ArrayList<>();
    for (Delivery d : elsewhere.subList(looked, elsewhere.size())) {
      out.add(d.payload() instanceof Cpu.KernelMail k ? k.body() : d.payload());
    }
    looked = elsewhere.size();
    return out;
  }

  /** The kernel log lines among {@code sent}, as text. */
  public static List<String> logText(List<SimMessage> sent) {
    List<String> l = new ArrayList<>();
    for (SimMessage m : sent) {
      if (m instanceof Klog.Write kw) {
        for (LogLine line : kw.lines()) {
          l.add(line.text());
        }
      }
    }
    return l;
  }

  /** Every event handled, as text: time, source, destination, payload. */
  public List<String> trace() {
    return trace;
  }

  public Entity<SimMessage> entity(int id) {
    return entities.get(id);
  }

  /** An entity's context for one event. */
  private final class Ctx implements EntityContext {
    private final int id;

    Ctx(int id) {
      this.id = id;
    }

    @Override
    public long now() {
      return now;
    }

    @Override
    public int self() {
      return id;
    }

    @Override
    public long lookahead() {
      return lookahead;
    }

    @Override
    public <M extends SimMessage> void send(Address<M> to, long latencyNs, M msg) {
      if (latencyNs < lookahead) {
        throw new IllegalArgumentException("latency " + latencyNs + " below the lookahead");
      }
      queue.add(new Event(now + latencyNs, id, seqs.get(id)[0]++, to.id(), msg));
    }

    @Override
    public long schedule(long delayNs, SimMessage msg) {
      long s = seqs.get(id)[0]++;
      queue.add(new Event(now + delayNs, id, s, id, msg));
      return s;
    }

    @Override
    public void cancel(long timer) {
      cancelled.add(id + ":" + timer);
    }

    @Override
    public SimRandom random() {
      return randoms.get(id);
    }

    @Override
    public void output(SimOutput out) {
      elsewhere.add(new Delivery(now, id, null));
    }
  }
}
