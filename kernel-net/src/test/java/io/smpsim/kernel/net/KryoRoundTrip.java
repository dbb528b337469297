package io.smpsim.kernel.net;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import java.io.ByteArrayOutputStream;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * A deep copy of simulation state through Kryo, written and read back as a checkpoint holds it
 * (references tracked, classes by name, no constructor run): transient state is not carried
 * over. For the checkpoint tests of the network stack and of the machines it runs on.
 */
public final class KryoRoundTrip {

  private KryoRoundTrip() {}

  /** {@code original} written with one Kryo and read back with a fresh one. */
  @SuppressWarnings("unchecked")
  public static <T> T copy(T original) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Output out = new Output(bytes)) {
      kryo().writeClassAndObject(out, original);
    }
    try (Input in = new Input(bytes.toByteArray())) {
      return (T) kryo().readClassAndObject(in);
    }
  }

  private static Kryo kryo() {
    Kryo k = new Kryo();
    k.setRegistrationRequired(false);
    k.setReferences(true);
    k.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    return k;
  }
}
