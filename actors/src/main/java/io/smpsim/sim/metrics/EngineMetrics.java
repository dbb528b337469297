package io.smpsim.sim.metrics;

import java.util.List;
import java.util.function.IntConsumer;
import kamon.Kamon;
import kamon.metric.Counter;
import kamon.metric.Gauge;
import kamon.metric.MeasurementUnit;
import kamon.metric.Timer;
import kamon.tag.TagSet;

/**
 * The engine's Kamon instruments for one node: events processed, windows, entities hosted, how
 * long the node waited for its peers in each epoch, and the bytes of the batches it exchanged
 * with each peer. Updated once per window (or per batch), never per event, so they cost nothing
 * on the hot path.
 *
 * <p>Kamon's registry is process-wide, and merely touching it costs a couple of seconds of
 * start-up; so the instruments exist only in a process whose Prometheus endpoint was started
 * ({@link #enable()}, before any node starts). Elsewhere every method does nothing.
 */
public final class EngineMetrics {

  /** Whether this process serves its metrics; mirrors Kamon's own process-wide state. */
  private static volatile boolean enabled;

  /** The process serves metrics: nodes started from now on record them. */
  public static void enable() {
    enabled = true;
  }

  /** The serializer refused a message (an unregistered class, say). */
  public static void serializationRefused() {
    if (enabled) {
      Kamon.counter("smpsim.serialization.refused").withoutTags().increment();
    }
  }

  private final boolean on;
  private final TagSet tags;
  private final Counter events;
  private final Counter windows;
  private final Gauge entities;
  private final Gauge simulatedNs;
  private final Gauge eventsPerSec;
  private final Timer epochWait;
  private Counter[] bytesSent = new Counter[0];
  private Counter[] bytesReceived = new Counter[0];

  /** @param node the node's cluster address, the {@code node} tag of every instrument */
  public EngineMetrics(String node) {
    this.on = enabled;
    if (!on) {
      tags = null;
      events = null;
      windows = null;
      entities = null;
      simulatedNs = null;
      eventsPerSec = null;
      epochWait = null;
      return;
    }
    this.tags = TagSet.of("node", node);
    this.events = Kamon.counter("smpsim.events.processed").withTags(tags);
    this.windows = Kamon.counter("smpsim.windows").withTags(tags);
    this.entities = Kamon.gauge("smpsim.entities.hosted").withTags(tags);
    this.simulatedNs = Kamon.gauge("smpsim.simulated.ns").withTags(tags);
    this.eventsPerSec = Kamon.gauge("smpsim.events.per.second").withTags(tags);
    this.epochWait = Kamon.timer("smpsim.epoch.wait",
        "Time a node spent waiting for its peers' batches after finishing its own part of an"
            + " epoch").withTags(tags);
  }

  /** How often the events-per-second gauge is recomputed, in wall-clock ns. */
  private static final long RATE_PERIOD_NS = 1_000_000_000L;

  private long rateSince = System.nanoTime();
  private long rateEvents;

  /**
   * One window done on this node: {@code processed} events, the window ending at simulated
   * time {@code simNs}. The events-per-second gauge is this node's rate over the last second
   * or so of wall-clock time (metrics only: nothing in the simulation reads it).
   */
  public void window(long processed, long simNs) {
    if (!on) {
      return;
    }
    windows.increment();
    events.increment(processed);
    simulatedNs.update(simNs);
    rateEvents += processed;
    long now = System.nanoTime();
    if (now - rateSince >= RATE_PERIOD_NS) {
      eventsPerSec.update(rateEvents * 1e9 / (now - rateSince));
      rateSince = now;
      rateEvents = 0;
    }
  }

  public void entitiesHosted(int count) {
    if (!on) {
      return;
    }
    entities.update(count);
  }

  /**
   * The run's nodes, in node order: the {@code peer} tags of the batch instruments.
   *
   * @param self this node's index, which is no peer of its own
   */
  public void peers(List<String> addresses, int self) {
    bytesSent = new Counter[addresses.size()];
    bytesReceived = new Counter[addresses.size()];
    if (!on) {
      return;
    }
    for (int i = 0; i < addresses.size(); i++) {
      if (i == self) {
        continue;
      }
      TagSet peer = tags.withTag("peer", addresses.get(i));
      bytesSent[i] = Kamon.counter("smpsim.batch.sent", MeasurementUnit.information().bytes())
          .withTags(peer);
      bytesReceived[i] = Kamon.counter("smpsim.batch.received",
          MeasurementUnit.information().bytes()).withTags(peer);
    }
  }

  /**
   * Counts the bytes of batches sent to peer {@code peer}, or null for this node itself (or
   * when metrics are off); called on the serializer's thread.
   */
  public IntConsumer bytesSentTo(int peer) {
    Counter c = bytesSent[peer];
    return c == null ? null : c::increment;
  }

  public void bytesReceived(int peer, int bytes) {
    if (!on) {
      return;
    }
    bytesReceived[peer].increment(bytes);
  }

  /** How long the node waited, after sending its epoch's batches, for the last peer's. */
  public void epochWait(long nanos) {
    if (!on) {
      return;
    }
    epochWait.record(nanos);
  }
}
