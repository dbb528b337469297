package io.smpsim.hw.testing;

import io.smpsim.sim.Event;
import io.smpsim.sim.OutputRecord;
import io.smpsim.sim.SimMessage;
import io.smpsim.sim.engine.EntityProbe;
import io.smpsim.sim.engine.NodeScheduler;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;

/**
 * One hardware entity of a {@link HwTestWorld} in its actor, driven window by window: events
 * are injected from outside ({@code src = -1}), and what the entity sends and reports is kept.
 */
public final class HwProbe {

  private final EntityProbe probe;
  private final List<Event> sent = new ArrayList<>();
  private final List<HwLine> lines = new ArrayList<>();
  private long now;
  private long seq;

  public HwProbe(ActorTestKit kit, HwTestWorld world, int id) {
    this.probe = new EntityProbe(kit, world, id, HwTestWorld.L, 7);
    collect(probe.init());
  }

  /** Delivers {@code msg} at {@code time} and runs the entity up to (excluding) {@code until}. */
  public HwProbe at(long time, SimMessage msg, long until) {
    NodeScheduler.EntityDone d = probe.step(now, until,
        List.of(new Event(time, Event.ENVIRONMENT, seq++, -1, msg)));
    now = until;
    collect(d);
    return this;
  }

  /** Delivers several messages at {@code time}, in order, and runs to {@code until}. */
  public HwProbe atAll(long time, List<? extends SimMessage> msgs, long until) {
    List<Event> evs = new ArrayList<>();
    for (SimMessage m : msgs) {
      evs.add(new Event(time, Event.ENVIRONMENT, seq++, -1, m));
    }
    NodeScheduler.EntityDone d = probe.step(now, until, evs);
    now = until;
    collect(d);
    return this;
  }

  /** Runs the entity's own timers up to (excluding) {@code until}. */
  public HwProbe runTo(long until) {
    collect(probe.step(now, until, List.of()));
    now = until;
    return this;
  }

  private void collect(NodeScheduler.EntityDone d) {
    sent.addAll(d.outgoing().toList());
    for (OutputRecord o : d.outputs()) {
      if (o.output() instanceof HwLine l) {
        lines.add(l);
      }
    }
  }

  /** Everything sent so far, and forgets it. */
  public List<Event> takeSent() {
    List<Event> out = new ArrayList<>(sent);
    sent.clear();
    return out;
  }

  /** Every kernel line so far as {@code "time text"}, and forgets them. */
  public List<String> takeLines() {
    List<String> out = new ArrayList<>();
    for (HwLine l : lines) {
      out.add(l.toString());
    }
    lines.clear();
    return out;
  }
}
