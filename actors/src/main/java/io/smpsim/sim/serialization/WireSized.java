package io.smpsim.sim.serialization;

/**
 * A message that wants to know its size on the wire: {@link KryoSerializer} tells it how many
 * bytes it took after writing it and after reading it. The node schedulers' batches use it to
 * count the bytes exchanged with each peer without serializing anything twice.
 */
public interface WireSized {

  /** The message was written to, or read from, {@code bytes} bytes. */
  void wireBytes(int bytes);
}
