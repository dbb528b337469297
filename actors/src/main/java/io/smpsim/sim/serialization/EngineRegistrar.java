package io.smpsim.sim.serialization;

import io.smpsim.sim.Address;
import io.smpsim.sim.DomainLink;
import io.smpsim.sim.Event;
import io.smpsim.sim.OutputRecord;
import io.smpsim.sim.WorldSpec;
import io.smpsim.sim.engine.RunCoordinator;
import io.smpsim.sim.engine.EntityActor;
import io.smpsim.sim.engine.EntityShelf;
import io.smpsim.sim.engine.NodeScheduler;
import io.smpsim.sim.engine.Placement;
import io.smpsim.sim.engine.ResumePoint;
import io.smpsim.sim.engine.RunReply;
import java.util.List;

/** The engine's own wire classes. */
public final class EngineRegistrar implements KryoRegistrar {

  @Override
  public List<Class<?>> classes() {
    return List.of(
        Address.class, Event.class, OutputRecord.class, WorldSpec.class, Placement.class,
        DomainLink.class,
        EntityActor.Stop.class, io.smpsim.sim.engine.Outbox.class,
        EntityShelf.Spawn.class, byte[][].class,
        NodeScheduler.Plan.class, NodeScheduler.StartEntities.class, NodeScheduler.RunTo.class,
        NodeScheduler.Inject.class, NodeScheduler.EntityDone.class, NodeScheduler.WindowDone.class,
        NodeScheduler.EntityFailed.class, NodeScheduler.EpochBatch.class,
        NodeScheduler.Finish.class,
        RunCoordinator.RunUntil.class, RunCoordinator.InjectEvents.class,
        RunCoordinator.FinishRun.class, RunCoordinator.Planned.class,
        RunCoordinator.Prepared.class, RunCoordinator.NodeProgress.class,
        RunCoordinator.Reached.class, RunCoordinator.NodeFailed.class,
        RunCoordinator.NodeFinished.class, RunCoordinator.NodeLost.class,
        RunReply.Started.class, RunReply.Outputs.class, RunReply.Progress.class,
        RunReply.Paused.class, RunReply.Finished.class, RunReply.Aborted.class,
        // Checkpoints: saving and loading entity states, resuming.
        ResumePoint.class, EntityActor.Snapshot.class,
        NodeScheduler.SaveState.class, NodeScheduler.EntityState.class,
        NodeScheduler.StateAck.class, NodeScheduler.LoadState.class,
        NodeScheduler.CoordinatorLost.class, RunCoordinator.SaveCheckpoint.class,
        RunReply.AwaitingState.class, RunReply.StateChunk.class, RunReply.StateLoaded.class);
  }
}
