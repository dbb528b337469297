package io.smpsim.sim;

/** Builds a {@link SimWorld} from its spec; registered with every node under a name. */
public interface WorldFactory {

  /** The name a {@link WorldSpec} refers to. */
  String name();

  SimWorld build(WorldSpec spec);
}
