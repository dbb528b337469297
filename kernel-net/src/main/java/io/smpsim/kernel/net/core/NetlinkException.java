package io.smpsim.kernel.net.core;

/**
 * A request the kernel refused: the negative errno of the netlink ack and the optional extack
 * message. Thrown before any state is changed, so a refused request leaves nothing behind.
 */
public final class NetlinkException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int errno;
  private final String extack;

  /** A refusal with {@code errno} and an extack message ({@code null} when the kernel sets none). */
  public NetlinkException(int errno, String extack) {
    super(extack == null ? Errno.strerror(errno) : extack, null, false, false);
    this.errno = errno;
    this.extack = extack;
  }

  /** A refusal without an extack message. */
  public NetlinkException(int errno) {
    this(errno, null);
  }

  public int errno() {
    return errno;
  }

  /** The extack message, or {@code null}. */
  public String extack() {
    return extack;
  }
}
