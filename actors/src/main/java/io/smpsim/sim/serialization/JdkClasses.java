package io.smpsim.sim.serialization;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;

/** JDK and library classes that project messages and state are allowed to contain. */
final class JdkClasses {

  static final List<Class<?>> LIST = List.of(
      byte[].class, int[].class, long[].class, boolean[].class, double[].class, String[].class,
      Object[].class,
      ArrayList.class, HashMap.class, LinkedHashMap.class, HashSet.class, TreeMap.class,
      BitSet.class,
      // List.of / Map.of implementations: Kryo writes them like any collection.
      List.of().getClass(), List.of(1).getClass(), List.of(1, 2, 3).getClass(),
      java.util.Map.of().getClass(), java.util.Map.of(1, 1).getClass(),
      java.util.Map.of(1, 1, 2, 2).getClass(),
      org.apache.pekko.actor.typed.ActorRef.class,
      org.apache.pekko.actor.typed.internal.adapter.ActorRefAdapter.class);

  private JdkClasses() {}
}
