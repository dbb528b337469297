package io.smpsim.kernel.net.cls;

import io.smpsim.kernel.net.core.Packet;

/**
 * One filter inside a classifier instance: its handle, the class it selects ({@code classid} /
 * {@code flowid}, 0 when none) and the action run on a match.
 */
public abstract class TcFilter {

  private final int handle;
  private final int classid;
  private final int action;

  protected TcFilter(int handle, int classid, int action) {
    this.handle = handle;
    this.classid = classid;
    this.action = action;
  }

  public int handle() {
    return handle;
  }

  public int classid() {
    return classid;
  }

  /** The action on match; {@link TcAction#UNSPEC} when none was given (classify only). */
  public int action() {
    return action;
  }

  /** Whether the packet matches this filter's keys. */
  public abstract boolean matches(Packet p);

  /** The classifier-specific part of {@code tc filter show}, after the handle. */
  public abstract String describe();
}
