package io.smpsim.hw.nic;

import io.smpsim.sim.Address;
import io.smpsim.sim.Entity;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.SimMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A network interface card: a TX descriptor ring per queue that the host fills, one wire that
 * the queues share round-robin at line rate, and an RX side that hands every arriving frame to
 * the host. Each frame that leaves the port is reported back to the host as a TX completion,
 * which is what frees ring space and lets the kernel wake a stopped queue.
 */
public final class Nic extends Entity<Nic.Command> {

  /** What a NIC accepts. */
  public sealed interface Command extends SimMessage permits Xmit, FromWire, TxDone {}

  /** The host posted one TX descriptor on {@code queue} and rang the doorbell. */
  public record Xmit(int queue, Frame frame) implements Command {
    @Override
    public long traceId() {
      return frame.id() * 31 + queue;
    }
  }

  /** A frame arrived from the cable. */
  public record FromWire(Frame frame) implements Command {
    @Override
    public long traceId() {
      return frame.id();
    }
  }

  /** The frame on the wire has been fully sent (the NIC's own timer). */
  public record TxDone() implements Command {}

  /**
   * A TX descriptor of {@code queue} was completed: its frame has left the port. {@code poster}
   * is the entity that posted the descriptor (the driver context that rang the doorbell: the
   * host's cookie in the descriptor), to which the host hands the completion back.
   */
  public record TxCompleted(int nic, int queue, int poster) implements NicHost {
    @Override
    public long traceId() {
      return nic * 131L + queue;
    }
  }

  /** A frame was received on RX queue {@code queue}. */
  public record Received(int nic, int queue, Frame frame) implements NicHost {
    @Override
    public long traceId() {
      return frame.id() * 131 + nic;
    }
  }

  private static final long NS_PER_S = 1_000_000_000L;

  private final NicConfig config;
  private final int index;
  private final Address<NicHost> host;
  private final long hostLatencyNs;
  private final Address<Command> peer;
  private final List<ArrayDeque<Frame>> rings = new ArrayList<>();
  /** Per ring, the entity that posted each descriptor, in the ring's order. */
  private final List<ArrayDeque<Integer>> posters = new ArrayList<>();
  private int sendingPoster;
  private int nextQueue;
  private int sendingQueue = -1;
  private Frame sending;
  /** Bit-time remainder carried from frame to frame, so the long-run rate is exact. */
  private long carry;
  private long txFrames;
  private long txBytes;
  private long rxFrames;
  private long rxBytes;
  private long overruns;

  /**
   * A NIC.
   *
   * @param config as the scenario declared it
   * @param index the NIC's index among its machine's NICs (how the host tells NICs apart)
   * @param host the machine's network stack
   * @param hostLatencyNs interrupt delivery to the host
   * @param peer the NIC at the other end of the cable, or {@code null}
   */
  public Nic(NicConfig config, int index, Address<NicHost> host, long hostLatencyNs,
      Address<Command> peer) {
    this.config = config;
    this.index = index;
    this.host = host;
    this.hostLatencyNs = hostLatencyNs;
    this.peer = peer;
    for (int i = 0; i < config.txQueues(); i++) {
      rings.add(new ArrayDeque<>());
      posters.add(new ArrayDeque<>());
    }
  }

  @Override
  public void onEvent(EntityContext ctx, int src, Command msg) {
    if (msg instanceof Xmit x) {
      ArrayDeque<Frame> ring = rings.get(x.queue());
      if (ring.size() >= config.ring()) {
        // The host keeps count of free descriptors; a post to a full ring is a driver bug.
        overruns++;
        return;
      }
      ring.add(x.frame());
      posters.get(x.queue()).add(src);
      if (sending == null) {
        startNext(ctx);
      }
    } else if (msg instanceof TxDone) {
      finishSending(ctx);
      startNext(ctx);
    } else if (msg instanceof FromWire w) {
      rxFrames++;
      rxBytes += w.frame().len();
      int queue = Integer.remainderUnsigned(w.frame().rssHash(), config.rxQueues());
      ctx.send(host, hostLatencyNs, new Received(index, queue, w.frame()));
    }
  }

  /** Picks the next queue with a posted descriptor, round-robin, and puts its frame on the wire. */
  private void startNext(EntityContext ctx) {
    int queues = rings.size();
    for (int i = 0; i < queues; i++) {
      int q = (nextQueue + i) % queues;
      Frame f = rings.get(q).poll();
      if (f != null) {
        sending = f;
        sendingQueue = q;
        sendingPoster = posters.get(q).poll();
        nextQueue = (q + 1) % queues;
        ctx.schedule(serializationNs(f.len()), new TxDone());
        return;
      }
    }
  }

  private void finishSending(EntityContext ctx) {
    Frame f = sending;
    sending = null;
    txFrames++;
    txBytes += f.len();
    if (peer != null) {
      ctx.send(peer, config.link().latencyNs(), new FromWire(f));
    }
    ctx.send(host, hostLatencyNs, new TxCompleted(index, sendingQueue, sendingPoster));
  }

  /** bytes * 8 / rate, in ns, with the remainder carried to the next frame. */
  private long serializationNs(int len) {
    long rate = config.wireRateBps();
    long bitNs = len * 8L * NS_PER_S + carry;
    carry = bitNs % rate;
    return bitNs / rate;
  }

  public NicConfig config() {
    return config;
  }

  public long txFrames() {
    return txFrames;
  }

  public long txBytes() {
    return txBytes;
  }

  public long rxFrames() {
    return rxFrames;
  }

  public long rxBytes() {
    return rxBytes;
  }

  /** Descriptors posted to a full ring (always 0 with a correct host). */
  public long overruns() {
    return overruns;
  }
}
