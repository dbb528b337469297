package io.smpsim.sim.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import com.esotericsoftware.kryo.util.Pool;
import io.smpsim.sim.metrics.EngineMetrics;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.JSerializer;
import org.objenesis.strategy.StdInstantiatorStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pekko serializer over pooled Kryo instances. Registration is required: a class no registrar
 * listed is refused when written and when read, so nothing unknown is ever instantiated from
 * the wire; a refused message is logged and counted ({@code smpsim.serialization.refused}), and
 * Pekko drops it. The class itself is written as its registration id, which is why every node
 * must list the same registrars in the same order (nodes compare the list when one joins).
 */
public final class KryoSerializer extends JSerializer {

  /** Serializer id used in the Pekko config; any unique number above 40 would do. */
  public static final int IDENTIFIER = 7411;

  /** The first registration id handed to project classes; lower ids are Kryo's own. */
  static final int FIRST_ID = 100;

  private static final Logger LOG = LoggerFactory.getLogger(KryoSerializer.class);

  private final List<Class<?>> registered;
  private final ActorRefResolver resolver;
  private final Pool<Kryo> kryos;
  private final Pool<Output> outputs;

  public KryoSerializer(ExtendedActorSystem system) {
    this.resolver = ActorRefResolver.get(Adapter.toTyped(system));
    this.registered = KryoRegistry.fromConfig(system.settings().config()).classes();
    this.kryos = new Pool<>(true, false, 64) {
      @Override
      protected Kryo create() {
        return newKryo();
      }
    };
    this.outputs = new Pool<>(true, false, 64) {
      @Override
      protected Output create() {
        return new Output(4096, -1);
      }
    };
  }

  private Kryo newKryo() {
    Kryo kryo = new Kryo(new RegisteredOnlyResolver(), new MapReferenceResolver());
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    // The ActorRef serializer must be in place before the adapter class is registered.
    kryo.addDefaultSerializer(
        org.apache.pekko.actor.typed.ActorRef.class, new ActorRefSerializer(resolver));
    int id = FIRST_ID;
    for (Class<?> c : registered) {
      kryo.register(c, id++);
    }
    return kryo;
  }

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public boolean includeManifest() {
    return false;
  }

  @Override
  public byte[] toBinary(Object o) {
    Kryo kryo = kryos.obtain();
    Output out = outputs.obtain();
    byte[] bytes;
    try {
      out.reset();
      kryo.writeClassAndObject(out, o);
      bytes = out.toBytes();
    } catch (KryoException | IllegalArgumentException e) {
      // Kryo says "Class is not registered" with an IllegalArgumentException.
      EngineMetrics.serializationRefused();
      String reason = "cannot serialize " + o.getClass().getName() + ": " + e.getMessage();
      LOG.error("smpsim: refused to send a message: {}", reason);
      throw new IllegalArgumentException(reason, e);
    } finally {
      outputs.free(out);
      kryos.free(kryo);
    }
    if (o instanceof WireSized sized) {
      sized.wireBytes(bytes.length);
    }
    return bytes;
  }

  @Override
  public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
    Kryo kryo = kryos.obtain();
    Object o;
    try {
      o = kryo.readClassAndObject(new Input(bytes));
    } catch (KryoException | IllegalArgumentException e) {
      EngineMetrics.serializationRefused();
      String reason = "refused a message from the wire (unregistered or corrupt class): "
          + e.getMessage();
      LOG.error("smpsim: {}", reason);
      throw new IllegalArgumentException(reason, e);
    } finally {
      kryos.free(kryo);
    }
    if (o instanceof WireSized sized) {
      sized.wireBytes(bytes.length);
    }
    return o;
  }

  /** The ordered class list, for tests and diagnostics. */
  public List<Class<?>> registeredClasses() {
    return new ArrayList<>(registered);
  }
}
