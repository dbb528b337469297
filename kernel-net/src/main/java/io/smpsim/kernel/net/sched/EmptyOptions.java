package io.smpsim.kernel.net.sched;

/** An empty TCA_OPTIONS nest (ingress and clsact dump one; tc then prints their options). */
public enum EmptyOptions {
  INSTANCE
}
