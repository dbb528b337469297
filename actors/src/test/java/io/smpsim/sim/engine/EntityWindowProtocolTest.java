package io.smpsim.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.sim.DomainLink;
import io.smpsim.sim.Entity;
import io.smpsim.sim.Event;
import io.smpsim.sim.OutputRecord;
import io.smpsim.sim.SimWorld;
import io.smpsim.sim.testing.ActorKitTest;
import io.smpsim.sim.testing.RecorderEntity;
import io.smpsim.sim.testing.TestPayloads;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;

/** The window protocol between a node scheduler and one entity actor, with a probe as scheduler. */
class EntityWindowProtocolTest extends ActorKitTest {

  private static final long L = 100;

  /**
   * A world of recorders: rec0 and rec1 in domain 0, rec2 in domain 1 (linked from domain 0 at
   * 1 µs), rec3 in domain 2 (linked to nothing).
   */
  private static final class Recorders implements SimWorld {
    @Override
    public int entityCount() {
      return 4;
    }

    @Override
    public Entity<?> create(int id) {
      return new RecorderEntity();
    }

    @Override
    public int groupOf(int id) {
      return id < 2 ? 0 : id - 1;
    }

    @Override
    public int groupCount() {
      return 3;
    }

    @Override
    public int domainOf(int group) {
      return group;
    }

    @Override
    public List<DomainLink> domainLinks() {
      return List.of(new DomainLink(0, 1, 1_000));
    }

    @Override
    public String nameOf(int id) {
      return "rec" + id;
    }
  }

  private NodeContext planned() {
    return EntityProbe.plannedNode(kit, new Recorders(), 7, L, 1);
  }

  /** Entity rec0, started, and its start's answer consumed. */
  private ActorRef<EntityActor.Command> started(TestProbe<NodeScheduler.Command> scheduler) {
    ActorRef<EntityActor.Command> entity =
        kit.spawn(EntityActor.create(planned(), 7, 0, 0, scheduler.getRef(), null));
    NodeScheduler.EntityDone start = scheduler.expectMessageClass(NodeScheduler.EntityDone.class);
    assertEquals(0, start.local(), "the answer names the entity's index on its node");
    assertEquals(entity, start.ref(), "and introduces the entity's actor to its scheduler");
    return entity;
  }

  private static Event token(long time, int src, long seq, String label) {
    return new Event(time, src, seq, 0, new TestPayloads.Token(0, label));
  }

  @Test
  void handlesAWindowBatchInTimeSourceSeqOrderWhateverTheArrivalOrder() {
    TestProbe<NodeScheduler.Command> scheduler = kit.createTestProbe();
    ActorRef<EntityActor.Command> entity = started(scheduler);

    List<Event> events = new ArrayList<>();
    events.add(token(150, 2, 0, "a"));
    events.add(token(120, 3, 5, "b"));
    events.add(token(150, 1, 9, "c"));
    events.add(token(150, 2, 1, "d"));
    events.add(token(120, 3, 4, "e"));
    events.add(token(199, 0, 0, "f"));
    events.add(token(200, 0, 0, "next-window"));
    Collections.shuffle(events, new java.util.Random(3));
    entity.tell(new EntityActor.Step(7, 100, 200, events));

    NodeScheduler.EntityDone done = scheduler.expectMessageClass(NodeScheduler.EntityDone.class);
    List<String> lines = new ArrayList<>();
    for (OutputRecord o : done.outputs()) {
      lines.add(((TestPayloads.Line) o.output()).text());
    }
    assertEquals(List.of("120 3 e", "120 3 b", "150 1 c", "150 2 a", "150 2 d", "199 0 f"),
        lines);
    assertEquals(6, done.processed());
    assertEquals(200, done.nextTime(), "the event at the window's end waits for the next window");
  }

  @Test
  void aLatencyBelowTheLookaheadIsRejectedWithAClearMessage() {
    TestProbe<NodeScheduler.Command> scheduler = kit.createTestProbe();
    ActorRef<EntityActor.Command> entity = started(scheduler);

    Event tooFast = new Event(100, -1, 0, 0, new TestPayloads.SendTo(1, L - 1));
    entity.tell(new EntityActor.Step(7, 100, 200, List.of(tooFast)));
    NodeScheduler.EntityFailed failed =
        scheduler.expectMessageClass(NodeScheduler.EntityFailed.class);
    assertTrue(failed.trace().contains("latency 99 ns from rec0 to rec1 is below the lookahead"
        + " L = 100 ns"), failed.trace());
  }

  @Test
  void aLatencyOfExactlyTheLookaheadIsAccepted() {
    TestProbe<NodeScheduler.Command> scheduler = kit.createTestProbe();
    ActorRef<EntityActor.Command> entity = started(scheduler);

    entity.tell(new EntityActor.Step(7, 100, 200,
        List.of(new Event(100, -1, 0, 0, new TestPayloads.SendTo(1, L)))));
    NodeScheduler.EntityDone done = scheduler.expectMessageClass(NodeScheduler.EntityDone.class);
    assertEquals(1, done.outgoing().size());
    assertEquals(200, done.outgoing().event(0).time());
    assertEquals(1, done.outgoing().event(0).dst());
  }

  /**
   * A busy sender keeps its outbox from step to step: each step's answer still carries exactly
   * that step's sends, never the previous step's.
   */
  @Test
  void eachStepAnswersWithOnlyItsOwnSendsWhenTheEntityKeepsSending() {
    TestProbe<NodeScheduler.Command> scheduler = kit.createTestProbe();
    ActorRef<EntityActor.Command> entity = started(scheduler);

    List<Event> many = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      many.add(new Event(100 + i, -1, i, 0, new TestPayloads.SendTo(1, L)));
    }
    entity.tell(new EntityActor.Step(7, 100, 200, many));
    NodeScheduler.EntityDone first =
        scheduler.expectMessageClass(NodeScheduler.EntityDone.class);
    List<Long> firstTimes = new ArrayList<>();
    for (Event e : first.outgoing().toList()) {
      firstTimes.add(e.time());
    }
    assertEquals(List.of(200L, 201L, 202L, 203L, 204L, 205L), firstTimes);

    entity.tell(new EntityActor.Step(7, 200, 300, List.of(
        new Event(250, -1, 6, 0, new TestPayloads.SendTo(1, L)),
        new Event(260, -1, 7, 0, new TestPayloads.SendTo(1, L)))));
    NodeScheduler.EntityDone second =
        scheduler.expectMessageClass(NodeScheduler.EntityDone.class);
    List<Long> secondTimes = new ArrayList<>();
    for (Event e : second.outgoing().toList()) {
      secondTimes.add(e.time());
    }
    assertEquals(List.of(350L, 360L), secondTimes);

    entity.tell(new EntityActor.Step(7, 300, 400, List.of()));
    assertEquals(0, scheduler.expectMessageClass(NodeScheduler.EntityDone.class)
        .outgoing().size(), "a step that sends nothing answers with an empty outbox");
  }

  @Test
  void aSendToAnotherDomainMustTakeAtLeastItsLinksLatency() {
    TestProbe<NodeScheduler.Command> scheduler = kit.createTestProbe();
    ActorRef<EntityActor.Command> entity = started(scheduler);

    entity.tell(new EntityActor.Step(7, 100, 200,
        List.of(new Event(100, -1, 0, 0, new TestPayloads.SendTo(2, 1_000)))));
    assertEquals(1, scheduler.expectMessageClass(NodeScheduler.EntityDone.class)
        .outgoing().size(), "the link's own latency is allowed");

    entity.tell(new EntityActor.Step(7, 200, 300,
        List.of(new Event(200, -1, 1, 0, new TestPayloads.SendTo(2, 999)))));
    NodeScheduler.EntityFailed failed =
        scheduler.expectMessageClass(NodeScheduler.EntityFailed.class);
    assertTrue(failed.trace().contains("rec0 sent to rec2 in another latency domain with latency"
        + " 999 ns, below the link's 1000 ns"), failed.trace());
  }

  @Test
  void aSendToADomainWithoutALinkIsRejected() {
    TestProbe<NodeScheduler.Command> scheduler = kit.createTestProbe();
    ActorRef<EntityActor.Command> entity = started(scheduler);

    entity.tell(new EntityActor.Step(7, 100, 200,
        List.of(new Event(100, -1, 0, 0, new TestPayloads.SendTo(3, 1_000_000)))));
    NodeScheduler.EntityFailed failed =
        scheduler.expectMessageClass(NodeScheduler.EntityFailed.class);
    assertTrue(failed.trace().contains("rec0 sent to rec3 in another latency domain that the"
        + " world links to nothing of its own"), failed.trace());
  }
}
