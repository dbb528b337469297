package io.smpsim.sim.engine;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.smpsim.sim.Event;
import io.smpsim.sim.SimMessage;
import io.smpsim.sim.serialization.WireMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The events one entity sent during one step, as keys and payloads in primitive arrays: the node
 * scheduler routes a window's events by reading those arrays in sequence, and no {@link Event}
 * object is made for an event that stays on its node.
 *
 * <p>An entity that sends many events step after step keeps its outbox and fills it again: the
 * scheduler has read it before it sends the entity its next step.
 */
public final class Outbox implements WireMessage, KryoSerializable {

  /** An outbox with nothing in it. */
  public static final Outbox EMPTY = new Outbox(Event.ENVIRONMENT, 0);

  private int src;
  /** Event i's time is {@code keys[2i]}, its sequence number {@code keys[2i + 1]}. */
  private long[] keys;
  private int[] dsts;
  private SimMessage[] payloads;
  private int size;

  /**
   * @param src the sending entity
   */
  public Outbox(int src, int capacity) {
    this.src = src;
    keys = new long[2 * capacity];
    dsts = new int[capacity];
    payloads = new SimMessage[capacity];
  }

  /** Adds the event {@code (time, src, seq)} for {@code dst}. */
  public void add(long time, long seq, int dst, SimMessage payload) {
    if (size == dsts.length) {
      int c = Math.max(8, size * 2);
      keys = Arrays.copyOf(keys, 2 * c);
      dsts = Arrays.copyOf(dsts, c);
      payloads = Arrays.copyOf(payloads, c);
    }
    keys[2 * size] = time;
    keys[2 * size + 1] = seq;
    dsts[size] = dst;
    payloads[size] = payload;
    size++;
  }

  /**
   * Empties the outbox for the next step. The payload references stay until overwritten:
   * clearing them would write back lines the scheduler has just read, and an entity that stops
   * sending drops its outbox anyway.
   */
  void clear() {
    size = 0;
  }

  int capacity() {
    return dsts.length;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** The sending entity. */
  public int src() {
    return src;
  }

  public long time(int i) {
    return keys[2 * i];
  }

  public long seq(int i) {
    return keys[2 * i + 1];
  }

  public int dst(int i) {
    return dsts[i];
  }

  public SimMessage payload(int i) {
    return payloads[i];
  }

  /** The {@code i}-th event as an {@link Event} (for events that leave the node). */
  public Event event(int i) {
    return new Event(time(i), src, seq(i), dsts[i], payloads[i]);
  }

  /** The events, as a list (for tests and diagnostics; the engine reads the arrays). */
  public List<Event> toList() {
    List<Event> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(event(i));
    }
    return list;
  }

  @Override
  public void write(Kryo kryo, Output out) {
    out.writeInt(src, true);
    out.writeInt(size, true);
    for (int i = 0; i < size; i++) {
      out.writeLong(time(i));
      out.writeVarLong(seq(i), true);
      out.writeInt(dsts[i], true);
      kryo.writeClassAndObject(out, payloads[i]);
    }
  }

  @Override
  public void read(Kryo kryo, Input in) {
    src = in.readInt(true);
    int n = in.readInt(true);
    keys = new long[2 * n];
    dsts = new int[n];
    payloads = new SimMessage[n];
    for (int i = 0; i < n; i++) {
      keys[2 * i] = in.readLong();
      keys[2 * i + 1] = in.readVarLong(true);
      dsts[i] = in.readInt(true);
      payloads[i] = (SimMessage) kryo.readClassAndObject(in);
    }
    size = n;
  }
}
