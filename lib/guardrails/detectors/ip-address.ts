import { hasContext } from "@/lib/guardrails/detectors/context";
import { finding, type Detector, type Finding } from "@/lib/guardrails/findings";

const OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const IPV4_CORE = `${OCTET}(?:\\.${OCTET}){3}`;
// A dotted quad not glued to letters or to more dotted digits, with an optional CIDR prefix length.
const IPV4_EXACT = new RegExp(`^${IPV4_CORE}$`);
const IPV4 = new RegExp(`(?<![\\w.])${IPV4_CORE}(?:/(?:3[0-2]|[12]?\\d)(?!\\d))?(?![\\w]|\\.\\d)`, "g");
// IPv6 candidates: groups of up to four hex digits joined by colons, possibly ending in an embedded
// IPv4, a zone (%eth0) and a prefix length. The shape is checked by `validIpv6`, which keeps the
// pattern simple; every repetition is bounded so a run of colons or hex digits is read once.
const IPV6 = new RegExp(`(?<![\\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:${IPV4_CORE}|[0-9A-Fa-f]{1,4})?(?:%[A-Za-z0-9]{1,16})?(?:/\\d{1,3})?(?![\\w:]|\\.\\d)`, "g");

// Addresses in network configuration (gateways, DNS servers, DHCP ranges, port forwarding) describe
// infrastructure, not a person, and IT questions are full of them.
const INFRASTRUCTURE_WORDS = /gateway|\bdns\b|dhcp|subnet|netmask|router|nameserver|게이트웨이|서브넷|공유기|라우터|포트\s*포워딩/i;
const IP_WORDS = /\bip|address|\bsrc|\bdst|unspecified|loopback|bind|listen|주소/i;

/** IPv4 and IPv6 addresses (including ::, ::1, IPv4-mapped addresses and CIDR prefixes). */
export const ipAddressDetector: Detector = {
  name: "ip_address",
  scan(text: string): Finding[] {
    const findings: Finding[] = [];
    const taken: Array<[number, number]> = [];
    for (const match of text.matchAll(IPV6)) {
      const address = match[0].replace(/\/\d{1,3}$/, "");
      if (!validIpv6(address.replace(/%[A-Za-z0-9]+$/, ""))) continue;
      // A bare "::" is also reStructuredText and C++ punctuation; only report it where an address is meant.
      if (address === "::" && !hasContext(text, match.index, match.index + 2, IP_WORDS, 24, 8)) continue;
      const prefix = match[0].slice(address.length);
      const keepPrefix = prefix === "" || Number(prefix.slice(1)) <= 128;
      const end = match.index + (keepPrefix ? match[0].length : address.length);
      if (hasContext(text, match.index, end, INFRASTRUCTURE_WORDS, 30, 0)) continue;
      taken.push([match.index, end]);
      findings.push(finding("ip_address", "IP_ADDRESS", text, match.index, end, 0.9));
    }
    // Both scans run left to right, so one cursor over the IPv6 spans finds any that covers an IPv4 match.
    let cursor = 0;
    for (const match of text.matchAll(IPV4)) {
      const start = match.index;
      while (cursor < taken.length && taken[cursor]![1] <= start) cursor++;
      if (cursor < taken.length && taken[cursor]![0] <= start) continue;
      if (hasContext(text, start, start + match[0].length, INFRASTRUCTURE_WORDS, 30, 0)) continue;
      findings.push(finding("ip_address", "IP_ADDRESS", text, start, start + match[0].length, 0.9));
    }
    return findings;
  },
};

/** RFC 4291 text forms: eight groups, or fewer around exactly one "::"; the last 32 bits may be dotted IPv4. */
function validIpv6(address: string): boolean {
  let hex = address;
  let needed = 8;
  const lastColon = address.lastIndexOf(":");
  const tail = address.slice(lastColon + 1);
  if (tail.includes(".")) {
    if (!IPV4_EXACT.test(tail)) return false;
    hex = address.slice(0, lastColon + 1);
    if (!hex.endsWith("::")) hex = hex.slice(0, -1);
    needed = 6;
  }
  const halves = hex.split("::");
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === "" ? [] : half.split(":")));
  if (!groups.every((group) => /^[0-9A-Fa-f]{1,4}$/.test(group))) return false;
  return halves.length === 2 ? groups.length < needed : groups.length === needed;
}
