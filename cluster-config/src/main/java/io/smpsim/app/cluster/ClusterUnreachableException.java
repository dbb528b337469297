package io.smpsim.app.cluster;

/**
 * None of a run's seed nodes ({@code --cluster}) can be reached: the run cannot start (exit 3).
 * The message says what was tried and how each attempt failed.
 */
public final class ClusterUnreachableException extends RuntimeException {

  public ClusterUnreachableException(String message) {
    super(message);
  }
}
