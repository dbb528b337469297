package io.smpsim.sim.checkpoint;

/**
 * A checkpoint directory cannot be used: missing, incomplete, written by an incompatible build,
 * or not meant for this run. The message names the directory or file and the reason.
 */
public final class CheckpointException extends RuntimeException {

  public CheckpointException(String message) {
    super(message);
  }

  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
