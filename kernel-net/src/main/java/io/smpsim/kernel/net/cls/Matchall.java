package io.smpsim.kernel.net.cls;

import io.smpsim.kernel.net.core.Packet;

/** cls_matchall: every packet matches. */
public final class Matchall extends TcFilter {

  public Matchall(int handle, int classid, int action) {
    super(handle, classid, action);
  }

  @Override
  public boolean matches(Packet p) {
    return true;
  }

  @Override
  public String describe() {
    return "";
  }
}
