import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, type PolicyRules } from "@/lib/guardrails/policy";
import { readableChange } from "@/components/admin/policies/labels";
import { policyDiff } from "@/lib/guardrails/policy-diff";

const edited = (change: (rules: PolicyRules) => void): PolicyRules => {
  const rules = structuredClone(DEFAULT_POLICY);
  change(rules);
  return rules;
};

describe("policyDiff", () => {
  it("finds nothing between a policy and an equal copy", () => {
    expect(policyDiff(DEFAULT_POLICY, structuredClone(DEFAULT_POLICY))).toEqual([]);
  });

  it("names each changed leaf by its path, with the value before and after", () => {
    const after = edited((r) => {
      r.input.pii.email.action = "mask";
      r.output.groundedness.shadow = true;
    });
    expect(policyDiff(DEFAULT_POLICY, after)).toEqual([
      { path: "input.pii.email.action", before: "redact", after: "mask" },
      { path: "output.groundedness.shadow", before: false, after: true },
    ]);
  });

  it("compares term lists whole, so a reordered or extended list is one change", () => {
    const before = edited((r) => (r.topics.deny = ["인수합병", "layoffs"]));
    const after = edited((r) => (r.topics.deny = ["layoffs", "인수합병", "구조조정"]));
    expect(policyDiff(before, after)).toEqual([{ path: "topics.deny", before: ["인수합병", "layoffs"], after: ["layoffs", "인수합병", "구조조정"] }]);
  });

  it("tells a removed limit (null) from a changed one", () => {
    const after = edited((r) => {
      r.limits.userRequestsPerMinute = null;
      r.limits.tenantTokensPerDay = 1_000_000;
    });
    expect(policyDiff(DEFAULT_POLICY, after)).toEqual([
      { path: "limits.tenantTokensPerDay", before: 5_000_000, after: 1_000_000 },
      { path: "limits.userRequestsPerMinute", before: 20, after: null },
    ]);
  });

  it("reports paths present on one side only, with undefined on the other", () => {
    expect(policyDiff({ a: { b: 1 } }, { a: { c: 2 } })).toEqual([
      { path: "a.b", before: 1, after: undefined },
      { path: "a.c", before: undefined, after: 2 },
    ]);
  });

  it("lists changes sorted by path, whatever the order of the keys", () => {
    const after = edited((r) => {
      r.outOfScope.enabled = false;
      r.documents.injection.action = "allow";
      r.input.toxicity.shadow = true;
    });
    expect(policyDiff(DEFAULT_POLICY, after).map((c) => c.path)).toEqual(["documents.injection.action", "input.toxicity.shadow", "outOfScope.enabled"]);
  });
});

describe("the diff as an administrator reads it", () => {
  const names = { email: "E-mail address" };

  it("names the rule and field, and the values in words", () => {
    const [change] = policyDiff(
      DEFAULT_POLICY,
      edited((r) => (r.input.pii.email.action = "mask")),
    );
    expect(readableChange(change!, names)).toMatchObject({
      where: "Personal data in questions › E-mail address",
      field: "action",
      before: "Redact",
      after: "Mask",
    });
    const [shadow] = policyDiff(
      DEFAULT_POLICY,
      edited((r) => (r.output.toxicity.shadow = true)),
    );
    expect(readableChange(shadow!, names)).toMatchObject({ where: "Answers › Abusive language", field: "trial (shadow)", before: "no", after: "yes" });
  });

  it("shows a term list as the terms added and removed", () => {
    const before = edited((r) => (r.topics.deny = ["layoffs"]));
    const [change] = policyDiff(
      before,
      edited((r) => (r.topics.deny = ["인수합병"])),
    );
    expect(readableChange(change!, names)).toMatchObject({ where: "Blocked topics", field: "blocked terms", added: ["인수합병"], removed: ["layoffs"] });
  });

  it("reads a removed limit as no limit", () => {
    const [change] = policyDiff(
      DEFAULT_POLICY,
      edited((r) => (r.limits.userTokensPerDay = null)),
    );
    expect(readableChange(change!, names)).toMatchObject({
      where: "Limits › Model tokens per day, per person",
      field: null,
      before: "200,000",
      after: "no limit",
    });
  });
});
