package io.smpsim.kernel.net.cls;

import io.smpsim.kernel.net.core.Packet;
import java.util.ArrayList;
import java.util.List;

/**
 * tcf_block (chain 0): the classifier instances attached to a qdisc or class, kept in priority
 * order. {@link #classify} runs them as tcf_classify() does: the first filter whose protocol
 * and keys match decides.
 */
public final class TcfBlock {

  private final List<TcfProto> protos = new ArrayList<>();
  private int classid;

  /**
   * block->classid: the parent that the last {@code tc filter add} naming this block asked
   * for (cls_api.c tc_new_tfilter sets it before the classifier is even looked up). A dump
   * reports it as the parent of every filter in the block.
   */
  public int classid() {
    return classid;
  }

  public void setClassid(int classid) {
    this.classid = classid;
  }

  /** The instances, lowest pref first. */
  public List<TcfProto> protos() {
    return protos;
  }

  /** The instance with {@code prio}, or {@code null}. */
  public TcfProto find(int prio) {
    for (TcfProto tp : protos) {
      if (tp.prio() == prio) {
        return tp;
      }
    }
    return null;
  }

  /** Insert keeping ascending pref order. */
  public void insert(TcfProto tp) {
    int i = 0;
    while (i < protos.size() && protos.get(i).prio() <= tp.prio()) {
      i++;
    }
    protos.add(i, tp);
  }

  public void remove(TcfProto tp) {
    protos.remove(tp);
  }

  public boolean isEmpty() {
    return protos.isEmpty();
  }

  /** tcf_classify(): the first match, or {@code null} when no filter matches. */
  public ClassifyResult classify(Packet p) {
    for (TcfProto tp : protos) {
      if (tp.protocol() != TcfProto.ETH_P_ALL && tp.protocol() != p.protocol()) {
        continue;
      }
      for (TcFilter f : tp.filters()) {
        if (f.matches(p)) {
          int act = f.action() == TcAction.UNSPEC ? TcAction.OK : f.action();
          return new ClassifyResult(f.classid(), act);
        }
      }
    }
    return null;
  }
}
