package io.smpsim.sim.testing;

import io.smpsim.sim.Address;
import io.smpsim.sim.DomainLink;
import io.smpsim.sim.Entity;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.SimWorld;
import io.smpsim.sim.WorldFactory;
import io.smpsim.sim.WorldSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A world of {@code domains} latency domains (think machines), one placement group each, with
 * {@code perDomain} entities each. Without links ({@code linkNs} 0) every entity starts a token
 * that hops inside its domain until it made {@code hops} hops. With a {@code linkNs} above 0,
 * neighbouring domains are cabled both ways (the last to the first too), only domain 0's
 * entities start tokens — the others start idle, with nothing pending — and every 10th hop
 * crosses a cable, forth and then back. Every 25th hop is reported. Its spec source is
 * {@code "domains perDomain hops linkNs"}.
 */
public final class DomainWorld implements SimWorld {

  /** Builds domain worlds. */
  public static final class Factory implements WorldFactory {
    @Override
    public String name() {
      return "domains";
    }

    @Override
    public SimWorld build(WorldSpec spec) {
      String[] p = spec.source().trim().split("\\s+");
      return new DomainWorld(Integer.parseInt(p[0]), Integer.parseInt(p[1]),
          Integer.parseInt(p[2]), Long.parseLong(p[3]));
    }
  }

  private final int domains;
  private final int perDomain;
  private final int hops;
  private final long linkNs;

  public DomainWorld(int domains, int perDomain, int hops, long linkNs) {
    this.domains = domains;
    this.perDomain = perDomain;
    this.hops = hops;
    this.linkNs = linkNs;
  }

  @Override
  public int entityCount() {
    return domains * perDomain;
  }

  @Override
  public Entity<?> create(int id) {
    return new Passer(domains, perDomain, hops, linkNs);
  }

  @Override
  public int groupOf(int id) {
    return id / perDomain;
  }

  @Override
  public int groupCount() {
    return domains;
  }

  @Override
  public int domainOf(int group) {
    return group;
  }

  @Override
  public List<DomainLink> domainLinks() {
    List<DomainLink> links = new ArrayList<>();
    if (linkNs > 0) {
      for (int d = 0; d < domains; d++) {
        links.add(new DomainLink(d, (d + 1) % domains, linkNs));
        links.add(new DomainLink((d + 1) % domains, d, linkNs));
      }
    }
    return links;
  }

  @Override
  public String nameOf(int id) {
    return "d" + id / perDomain + "/" + id % perDomain;
  }

  /** Passes tokens on. */
  static final class Passer extends Entity<TestPayloads.Token> {
    private final int domains;
    private final int perDomain;
    private final int hops;
    private final long linkNs;

    Passer(int domains, int perDomain, int hops, long linkNs) {
      this.domains = domains;
      this.perDomain = perDomain;
      this.hops = hops;
      this.linkNs = linkNs;
    }

    @Override
    public void onStart(EntityContext ctx) {
      if (linkNs == 0 || ctx.self() < perDomain) {
        forward(ctx, new TestPayloads.Token(0, "t" + ctx.self()));
      }
    }

    @Override
    public void onEvent(EntityContext ctx, int src, TestPayloads.Token t) {
      if (t.hops() % 25 == 0) {
        ctx.output(new TestPayloads.Line(ctx.self() + " got " + t.label() + " hop " + t.hops()));
      }
      if (t.hops() < hops) {
        forward(ctx, new TestPayloads.Token(t.hops() + 1, t.label()));
      }
    }

    private void forward(EntityContext ctx, TestPayloads.Token t) {
      int domain = ctx.self() / perDomain;
      long latency = ctx.lookahead() + ctx.random().nextInt(5 * (int) ctx.lookahead());
      if (linkNs > 0 && t.hops() % 10 == 9) {
        domain = (domain + (t.hops() % 20 == 9 ? 1 : domains - 1)) % domains;
        latency += linkNs;
      }
      int to = domain * perDomain + ctx.random().nextInt(perDomain);
      ctx.send(Address.<TestPayloads.Token>of(to), latency, t);
    }
  }
}
