package io.smpsim.sim.engine;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.smpsim.sim.Event;
import io.smpsim.sim.serialization.WireMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The events an entity sent during one step, with each event's destination and time copied into
 * primitive arrays beside it. The node scheduler routes a window's events by reading those
 * arrays in sequence, without touching the events themselves, which were written by other
 * threads and would each cost a cache miss.
 */
public final class Outbox implements WireMessage, KryoSerializable {

  /** An outbox with nothing in it. */
  public static final Outbox EMPTY = new Outbox(0);

  private Event[] events;
  private int[] dsts;
  private long[] times;
  private int size;

  public Outbox(int capacity) {
    events = new Event[capacity];
    dsts = new int[capacity];
    times = new long[capacity];
  }

  public void add(Event e) {
    if (size == events.length) {
      int c = Math.max(8, size * 2);
      events = Arrays.copyOf(events, c);
      dsts = Arrays.copyOf(dsts, c);
      times = Arrays.copyOf(times, c);
    }
    events[size] = e;
    dsts[size] = e.dst();
    times[size] = e.time();
    size++;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public Event event(int i) {
    return events[i];
  }

  public int dst(int i) {
    return dsts[i];
  }

  public long time(int i) {
    return times[i];
  }

  /** The events, as a list (for tests and diagnostics; the engine reads the arrays). */
  public List<Event> toList() {
    return new ArrayList<>(Arrays.asList(events).subList(0, size));
  }

  @Override
  public void write(Kryo kryo, Output out) {
    out.writeInt(size, true);
    for (int i = 0; i < size; i++) {
      kryo.writeObject(out, events[i]);
    }
  }

  @Override
  public void read(Kryo kryo, Input in) {
    int n = in.readInt(true);
    events = new Event[n];
    dsts = new int[n];
    times = new long[n];
    for (int i = 0; i < n; i++) {
      Event e = kryo.readObject(in, Event.class);
      events[i] = e;
      dsts[i] = e.dst();
      times[i] = e.time();
    }
    size = n;
  }
}
