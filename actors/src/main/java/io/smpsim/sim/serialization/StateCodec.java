package io.smpsim.sim.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import com.esotericsoftware.kryo.util.Pool;
import com.typesafe.config.Config;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Kryo for simulation state: entity models, their pending events and the run's outputs, as
 * checkpoints hold them. Registered classes keep their wire ids; other classes are written by
 * name if {@link StateClassResolver} allows them. References are tracked, because a model may
 * share or cycle through its own objects, which a message never does. Thread-safe.
 */
public final class StateCodec {

  /** Config list of package prefixes whose classes may appear in checkpoints. */
  public static final String ALLOWED_PACKAGES_KEY = "smpsim.checkpoint.allowed-packages";

  /** Config list of further class names (JDK collections) allowed in checkpoints. */
  public static final String ALLOWED_CLASSES_KEY = "smpsim.checkpoint.allowed-classes";

  /** Writes one object graph to a stream. */
  public interface Writer {
    void write(Kryo kryo, Output out);
  }

  /** Reads one object graph from a stream. */
  public interface Reader<T> {
    T read(Kryo kryo, Input in);
  }

  private final Pool<Kryo> kryos;

  public StateCodec(List<Class<?>> registered, List<String> packages, Set<String> classes) {
    Set<String> allowed = new HashSet<>(classes);
    for (Class<?> c : registered) {
      allowed.add(c.getName());
    }
    this.kryos = new Pool<>(true, false, 16) {
      @Override
      protected Kryo create() {
        Kryo kryo = new Kryo(new StateClassResolver(packages, allowed),
            new MapReferenceResolver());
        kryo.setRegistrationRequired(false);
        kryo.setReferences(true);
        kryo.setInstantiatorStrategy(
            new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        int id = KryoSerializer.FIRST_ID;
        for (Class<?> c : registered) {
          kryo.register(c, id++);
        }
        return kryo;
      }
    };
  }

  /** The codec for the registrars and allow-lists in {@code config}. */
  public static StateCodec fromConfig(Config config) {
    return new StateCodec(KryoRegistry.fromConfig(config).classes(),
        config.getStringList(ALLOWED_PACKAGES_KEY),
        new HashSet<>(config.getStringList(ALLOWED_CLASSES_KEY)));
  }

  /** Serializes what {@code writer} writes into a new byte array. */
  public byte[] encode(Writer writer) {
    Kryo kryo = kryos.obtain();
    try (Output out = new Output(1024, -1)) {
      writer.write(kryo, out);
      return out.toBytes();
    } finally {
      kryo.reset();
      kryos.free(kryo);
    }
  }

  /** Reads back what {@link #encode} wrote. */
  public <T> T decode(byte[] bytes, Reader<T> reader) {
    Kryo kryo = kryos.obtain();
    try {
      return reader.read(kryo, new Input(bytes));
    } finally {
      kryo.reset();
      kryos.free(kryo);
    }
  }
}
