import type { EventConfig } from "../../config/types";
import { Block, Synthesized, asList, isExpression, strings, walkStrings } from "../model";
import { Rule, at } from "../rule";

/** One network allowed to connect to something we run (an ingest port, a flow output, a security group). */
interface Allowed {
  readonly block: Block;
  /** The attribute it was found in, e.g. `source.whitelist_cidr`. */
  readonly attribute: string;
  readonly cidr: string;
}

/** Where each resource type lists who may connect to it. Egress rules are not listed: they do not admit anyone. */
function allowedNetworks(app: Synthesized): Allowed[] {
  const out: Allowed[] = [];
  const add = (block: Block, attribute: string, values: unknown) => strings(values).forEach((cidr) => out.push({ block, attribute, cidr }));
  for (const block of app.resources()) {
    const b = block.body;
    switch (block.type) {
      case "awscc_mediaconnect_flow":
        asList(b.source).forEach((s) => add(block, "source.whitelist_cidr", s.whitelist_cidr));
        break;
      case "awscc_mediaconnect_flow_source":
        add(block, "whitelist_cidr", b.whitelist_cidr);
        break;
      case "awscc_mediaconnect_flow_output":
        add(block, "cidr_allow_list", b.cidr_allow_list);
        break;
      case "aws_medialive_input_security_group":
        asList(b.whitelist_rules).forEach((r) => add(block, "whitelist_rules.cidr", r.cidr));
        break;
      case "aws_security_group":
        asList(b.ingress).forEach((r) => {
          add(block, "ingress.cidr_blocks", r.cidr_blocks);
          add(block, "ingress.ipv6_cidr_blocks", r.ipv6_cidr_blocks);
        });
        break;
      case "aws_security_group_rule":
        if (b.type === "ingress") {
          add(block, "cidr_blocks", b.cidr_blocks);
          add(block, "ipv6_cidr_blocks", b.ipv6_cidr_blocks);
        }
        break;
      case "aws_vpc_security_group_ingress_rule":
        add(block, "cidr_ipv4", b.cidr_ipv4);
        add(block, "cidr_ipv6", b.cidr_ipv6);
        break;
    }
  }
  // A value Terraform computes (another flow's egress address, a remote output) is not a literal
  // network: it can be neither open nor foreign as far as this checker can tell.
  return out.filter((a) => !isExpression(a.cidr));
}

/** Every CIDR the configuration itself wrote, wherever it wrote it. */
function configuredCidrs(config: EventConfig): Set<string> {
  const found = new Set<string>();
  walkStrings(config, [], (_path, value) => {
    if (/^[0-9.]+\/\d{1,2}$/.test(value) || /^[0-9a-fA-F:]+\/\d{1,3}$/.test(value)) found.add(value);
  });
  return found;
}

function isOpen(cidr: string): boolean {
  return /\/0$/.test(cidr.trim());
}

export const networkRules: Rule[] = [
  {
    id: "ingest-no-open-cidr",
    rationale: "An ingest open to 0.0.0.0/0 lets anyone inject a feed into the broadcast; only an allowlist the config writes explicitly may be open.",
    check: (app, config) => {
      const written = configuredCidrs(config);
      return allowedNetworks(app)
        .filter((a) => isOpen(a.cidr) && !written.has(a.cidr))
        .map((a) => at(a.block, `${a.attribute} admits ${a.cidr} (anyone), which the configuration does not allow; allow only the networks in contribution.allowlistCidrs`));
    },
  },
  {
    id: "ingest-cidr-from-config",
    rationale: "Who may send us a feed is decided in the event configuration, never by code: every allowlisted network must be one the config wrote.",
    check: (app, config) => {
      const written = configuredCidrs(config);
      return allowedNetworks(app)
        .filter((a) => !isOpen(a.cidr) && !written.has(a.cidr))
        .map((a) => at(a.block, `${a.attribute} admits ${a.cidr}, which is not in the configuration; allowlists come from contribution.allowlistCidrs (or secondSource.allowlistCidr)`));
    },
  },
];
