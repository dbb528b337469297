package io.smpsim.kernel.net.cls;

import io.smpsim.kernel.net.core.Packet;

/** cls_fw: matches when skb->mark (masked) equals the filter handle. */
public final class Fw extends TcFilter {

  private final long mask;

  public Fw(int handle, long mask, int classid, int action) {
    super(handle, classid, action);
    this.mask = mask;
  }

  @Override
  public boolean matches(Packet p) {
    return (p.mark() & mask) == (handle() & 0xFFFFFFFFL);
  }

  @Override
  public String describe() {
    return mask == 0xFFFFFFFFL ? "" : "/0x" + Long.toHexString(mask);
  }
}
