package io.smpsim.kernel.net.cls;

/**
 * tcf_result plus the verdict: the class a filter chose (0 when it only acted) and the action
 * ({@link TcAction}).
 */
public record ClassifyResult(int classid, int action) {}
