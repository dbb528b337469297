package io.smpsim.sim.serialization;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.util.DefaultClassResolver;

/**
 * Kryo's class resolver, minus class names: bytes that name a class instead of giving its
 * registration id are refused before the class is even looked up, so a message from the wire can
 * never make this JVM load, instantiate or run anything that was not registered.
 */
final class RegisteredOnlyResolver extends DefaultClassResolver {

  @Override
  protected Registration readName(Input input) {
    input.readVarInt(true);
    String name = input.readString();
    throw new KryoException("unregistered class " + name + " refused");
  }
}
