package io.smpsim.sim;

import java.util.List;

/**
 * Everything the engine needs to know about what it simulates: how many entities there are,
 * how to create each one, how they group for placement and how to name them. Every node builds
 * the same world from the same {@link WorldSpec}, so worlds must be deterministic functions of
 * their spec.
 */
public interface SimWorld {

  /** Number of entities; ids are {@code 0 .. entityCount()-1}. */
  int entityCount();

  /** Creates entity {@code id} in its initial state. */
  Entity<?> create(int id);

  /**
   * The placement group of an entity: a group (a whole machine, or one socket of a very large
   * machine) always lives on one node. Groups are numbered {@code 0 .. groupCount()-1}.
   */
  int groupOf(int id);

  int groupCount();

  /** A human-readable name, e.g. {@code m0/cpu3}, for diagnostics and placement listings. */
  String nameOf(int id);

  /**
   * The latency domain of a placement group. Entities in one domain (one machine) may message
   * each other at the engine's lookahead; messages between domains travel only on the links of
   * {@link #domainLinks()}, never faster than a link's latency. From these the engine derives
   * which cluster nodes must agree on time at all, and how far each may run ahead of the others;
   * it rejects a send that breaks them. The default puts every group in one domain.
   */
  default int domainOf(int group) {
    return 0;
  }

  /** The links between domains; each is one-way. */
  default List<DomainLink> domainLinks() {
    return List.of();
  }

  /** Events from outside the simulation known before it starts (timeline commands). */
  default List<Event> initialEvents() {
    return List.of();
  }
}
