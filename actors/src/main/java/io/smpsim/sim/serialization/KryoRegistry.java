package io.smpsim.sim.serialization;

import com.typesafe.config.Config;
import io.smpsim.sim.TraceHash;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The ordered list of classes every node registers with Kryo, read from the registrars in config. */
public final class KryoRegistry {

  /**
   * Config object mapping an ordering key to a {@link KryoRegistrar} class name. Each module adds
   * its own entry in its reference.conf; entries are taken in key order, so the registration ids
   * do not depend on the classpath order.
   */
  public static final String REGISTRARS_KEY = "smpsim.kryo.registrars";

  private final List<Class<?>> classes;

  private KryoRegistry(List<Class<?>> classes) {
    this.classes = classes;
  }

  /** Instantiates the configured registrars and concatenates their classes, dropping repeats. */
  public static KryoRegistry fromConfig(Config config) {
    Set<Class<?>> all = new LinkedHashSet<>(JdkClasses.LIST);
    Config registrars = config.getConfig(REGISTRARS_KEY);
    for (String key : new java.util.TreeSet<>(registrars.root().keySet())) {
      all.addAll(instantiate(registrars.getString(key)).classes());
    }
    return new KryoRegistry(new ArrayList<>(all));
  }

  private static KryoRegistrar instantiate(String className) {
    try {
      Class<?> c = Class.forName(className);
      return (KryoRegistrar) c.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException(
          "smpsim.kryo.registrars lists " + className + ", which is not a KryoRegistrar", e);
    }
  }

  public List<Class<?>> classes() {
    return classes;
  }

  /**
   * A digest of the ordered class list: two nodes can talk only if theirs are equal, because a
   * class travels as its position in the list. Nodes compare it when one joins the cluster.
   */
  public String fingerprint() {
    StringBuilder names = new StringBuilder();
    for (Class<?> c : classes) {
      names.append(c.getName()).append('\n');
    }
    return TraceHash.hex(TraceHash.fnv1a(names.toString()));
  }
}
