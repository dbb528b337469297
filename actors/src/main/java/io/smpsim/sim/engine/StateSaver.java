package io.smpsim.sim.engine;

import io.smpsim.sim.checkpoint.StateRecords;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A node's side of taking a checkpoint: asks its entities for their states a few at a time and
 * streams the records to the run's client in chunks, never more than a few unacknowledged, so a
 * node with a million entities never holds more than a few megabytes of saved state at once.
 */
final class StateSaver {

  /** Bytes per chunk: well under Artery's maximum frame size (cluster.conf). */
  static final int CHUNK_BYTES = 1 << 20;

  /** Chunks sent but not yet acknowledged by the client. */
  private static final int MAX_UNACKED = 4;

  /** Entities asked for their state but not yet answered. */
  private static final int MAX_ASKED = 256;

  private final long runId;
  private final int node;
  private final int[] localIds;
  private final ActorRef<EntityActor.Command>[] refs;
  private final Mailroom mailroom;
  private final ActorRef<RunReply> client;
  private final ActorRef<NodeScheduler.Command> self;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private int nextToAsk;
  private int asked;
  private int answered;
  private int nextChunk;
  private int unacked;
  private boolean finished;

  StateSaver(long runId, int node, int[] localIds, ActorRef<EntityActor.Command>[] refs,
      Mailroom mailroom, ActorRef<RunReply> client, ActorRef<NodeScheduler.Command> self) {
    this.runId = runId;
    this.node = node;
    this.localIds = localIds;
    this.refs = refs;
    this.mailroom = mailroom;
    this.client = client;
    this.self = self;
  }

  /** Starts asking; with no local entities the (empty) stream ends at once. */
  void start() {
    pump();
  }

  /** An entity answered with its state. */
  void onState(int id, byte[] state) {
    StateRecords.write(buffer, id, state);
    asked--;
    answered++;
    pump();
  }

  /** The client wrote a chunk. */
  void onAck() {
    unacked--;
    pump();
  }

  /** Whether the last chunk has been sent. */
  boolean finished() {
    return finished;
  }

  private void pump() {
    while (unacked < MAX_UNACKED && buffer.size() >= CHUNK_BYTES) {
      byte[] all = buffer.toByteArray();
      buffer.reset();
      send(Arrays.copyOf(all, CHUNK_BYTES), false);
      buffer.write(all, CHUNK_BYTES, all.length - CHUNK_BYTES);
    }
    while (unacked < MAX_UNACKED && buffer.size() < CHUNK_BYTES && asked < MAX_ASKED
        && nextToAsk < localIds.length) {
      int e = nextToAsk++;
      asked++;
      refs[e].tell(new EntityActor.Snapshot(runId, mailroom.mailOf(e, localIds[e])));
    }
    if (!finished && answered == localIds.length && unacked < MAX_UNACKED
        && buffer.size() <= CHUNK_BYTES) {
      send(buffer.toByteArray(), true);
      buffer.reset();
      finished = true;
    }
  }

  private void send(byte[] bytes, boolean last) {
    unacked++;
    client.tell(new RunReply.StateChunk(runId, node, nextChunk++, bytes, last, self));
  }
}
