import { IPv4 } from "ipaddr.js";

/** An IPv4 CIDR block as people write it: four decimal parts (no octal, hex or short forms), a prefix of 0 to 32. */
function isIpv4Cidr(text: string): boolean {
  const parts = /^([\d.]+)\/(3[0-2]|[12]?\d)$/.exec(text);
  return parts !== null && IPv4.isValidFourPartDecimal(parts[1]);
}

/**
 * The string formats the project's schemas use beyond JSON Schema's own, by name: added to ajv by
 * compileSchema, and read by the precompiled validators (`require("./formats").FORMATS`).
 */
export const FORMATS: Readonly<Record<string, (text: string) => boolean>> = { "ipv4-cidr": isIpv4Cidr };
