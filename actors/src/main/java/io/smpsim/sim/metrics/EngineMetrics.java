package io.smpsim.sim.metrics;

import kamon.Kamon;
import kamon.metric.Counter;
import kamon.metric.Gauge;
import kamon.tag.TagSet;

/**
 * The engine's Kamon instruments for one node: events processed, windows, entities hosted, and
 * events exchanged with each peer node. Updated once per window, never per event, so they cost
 * nothing on the hot path.
 */
public final class EngineMetrics {

  private final TagSet tags;
  private final Counter events;
  private final Counter windows;
  private final Gauge entities;
  private final Gauge simulatedNs;
  private final Gauge eventsPerSec;

  public EngineMetrics(String node) {
    this.tags = TagSet.of("node", node);
    this.events = Kamon.counter("smpsim.events.processed").withTags(tags);
    this.windows = Kamon.counter("smpsim.windows").withTags(tags);
    this.entities = Kamon.gauge("smpsim.entities.hosted").withTags(tags);
    this.simulatedNs = Kamon.gauge("smpsim.simulated.ns").withTags(tags);
    this.eventsPerSec = Kamon.gauge("smpsim.events.per.second").withTags(tags);
  }

  public void window(long processed) {
    windows.increment();
    events.increment(processed);
  }

  public void entitiesHosted(int count) {
    entities.update(count);
  }

  public void batchSent(int peer, int events) {
    Kamon.counter("smpsim.batch.events.sent")
        .withTags(tags.withTag("peer", String.valueOf(peer))).increment(events);
  }

  public void batchReceived(int peer, int events) {
    Kamon.counter("smpsim.batch.events.received")
        .withTags(tags.withTag("peer", String.valueOf(peer))).increment(events);
  }

  /** Run-level figures, reported by the coordinator's client. */
  public void progress(long simNs, double perSec) {
    simulatedNs.update(simNs);
    eventsPerSec.update(perSec);
  }
}
