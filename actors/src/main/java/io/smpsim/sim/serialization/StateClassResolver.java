package io.smpsim.sim.serialization;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import java.util.List;
import java.util.Set;

/**
 * The class resolver of checkpoints. Entity models are plain objects of many classes that never
 * travel as messages, so they are not registered; a checkpoint names them. Only smpsim's own
 * packages and a short list of JDK value and collection classes may be named, on writing (so a
 * model that holds something else fails when the checkpoint is taken, naming the class) and on
 * reading (so a tampered checkpoint cannot make this JVM load anything else).
 */
final class StateClassResolver extends DefaultClassResolver {

  private final List<String> packages;
  private final Set<String> classes;

  /**
   * @param packages allowed package prefixes, e.g. {@code io.smpsim.}
   * @param classes allowed class names outside those packages
   */
  StateClassResolver(List<String> packages, Set<String> classes) {
    this.packages = List.copyOf(packages);
    this.classes = Set.copyOf(classes);
  }

  // Kryo's resolver API uses the raw Class type; an override must too.
  @Override
  @SuppressWarnings("rawtypes")
  public Registration registerImplicit(Class type) {
    check(type.getName());
    return super.registerImplicit(type);
  }

  @Override
  @SuppressWarnings("rawtypes")
  protected Class getTypeByName(String className) {
    Class known = super.getTypeByName(className);
    if (known == null) {
      check(className);
    }
    return known;
  }

  private void check(String name) {
    String element = name;
    while (element.startsWith("[")) {
      element = element.substring(1);
    }
    if (element.length() == 1) {
      return;
    }
    if (element.startsWith("L") && element.endsWith(";")) {
      element = element.substring(1, element.length() - 1);
    }
    if (classes.contains(element)) {
      return;
    }
    for (String p : packages) {
      if (element.startsWith(p) && !element.contains("$$Lambda")) {
        return;
      }
    }
    throw new KryoException("class " + name + " may not appear in a checkpoint (allowed: "
        + "the packages " + packages + " and " + classes.size() + " JDK classes listed in "
        + StateCodec.ALLOWED_CLASSES_KEY + ")");
  }
}
