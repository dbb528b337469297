package io.smpsim.sim.testing;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.smpsim.sim.serialization.KryoRegistry;
import io.smpsim.sim.serialization.KryoSerializer;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.JSerializer;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * An attacker's serializer: it speaks smpsim's wire format (same serializer id, same
 * registrations) but writes a class it does not know the registration of by name, as a lenient
 * Kryo would. Only for sending in tests; it cannot read.
 */
public final class ClassNamingSerializer extends JSerializer {

  private final Kryo kryo = new Kryo();

  public ClassNamingSerializer(ExtendedActorSystem system) {
    kryo.setRegistrationRequired(false);
    kryo.setReferences(false);
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    int id = 100;
    for (Class<?> c : KryoRegistry.fromConfig(system.settings().config()).classes()) {
      kryo.register(c, id++);
    }
  }

  @Override
  public int identifier() {
    return KryoSerializer.IDENTIFIER;
  }

  @Override
  public boolean includeManifest() {
    return false;
  }

  @Override
  public synchronized byte[] toBinary(Object o) {
    Output out = new Output(256, -1);
    kryo.writeClassAndObject(out, o);
    return out.toBytes();
  }

  @Override
  public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
    throw new UnsupportedOperationException("an attacker's serializer only sends");
  }
}
