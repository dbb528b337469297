package io.smpsim.sim.engine;

/**
 * This process could not become a member of the cluster: the cluster refused it (another smpsim
 * version, wire format or pinned scenario), or no seed node answered in time.
 */
public final class ClusterRefusedException extends RuntimeException {

  private final boolean incompatible;

  public ClusterRefusedException(String message, boolean incompatible) {
    super(message);
    this.incompatible = incompatible;
  }

  /** Whether the cluster refused this node as incompatible (rather than not answering). */
  public boolean incompatible() {
    return incompatible;
  }
}
