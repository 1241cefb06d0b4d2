"use client";

import { FlaskConical } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { PolicyCatalog } from "@/components/admin/policies/catalog";
import { checkDraft, draftOf, type Draft } from "@/components/admin/policies/draft";
import { hitsFor } from "@/components/admin/policies/hit-count";
import { detectorNamesOf } from "@/components/admin/policies/labels";
import { RuleSections } from "@/components/admin/policies/rule-sections";
import { SandboxPanel } from "@/components/admin/policies/sandbox-panel";
import { SaveBar, type SaveStatus } from "@/components/admin/policies/save-bar";
import type { PolicyRules } from "@/lib/guardrails/policy";
import { policyDiff } from "@/lib/guardrails/policy-diff";
import type { CheckHits } from "@/lib/guardrails/policy-stats";

type Props = {
  active: { version: number | null; rules: PolicyRules };
  latestVersion: number;
  catalog: PolicyCatalog;
  hits: CheckHits[];
};

/**
 * The policy editor: the rules as forms, a sandbox that tries the unsaved draft, and a save bar that
 * turns the draft into a new active version. The draft starts from the active policy and starts over
 * whenever another version becomes active (a save or a rollback).
 */
export function PolicyEditor({ active, latestVersion, catalog, hits }: Props) {
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>(() => draftOf(active.rules));
  const [shownVersion, setShownVersion] = useState(active.version);
  const [reason, setReason] = useState("");
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });
  const [refreshing, startRefresh] = useTransition();
  if (shownVersion !== active.version) {
    setShownVersion(active.version);
    setDraft(draftOf(active.rules));
    // "Saved as version n" is only true while n is the active version; a rollback makes it stale.
    if (status.kind === "saved" && status.version !== active.version) setStatus({ kind: "idle" });
  }

  const checked = checkDraft(draft);
  const changes = checked.ok ? policyDiff(active.rules, checked.rules) : null;
  const detectorNames = detectorNamesOf(catalog.pii);
  async function save() {
    if (!checked.ok) return;
    if (!reason.trim()) {
      setStatus({ kind: "error", message: "Say why the policy changes: the reason is kept with the version." });
      return;
    }
    setStatus({ kind: "busy" });
    const response = await fetch("/api/policies", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ rules: checked.rules, reason }),
    }).catch(() => null);
    const body = (await response?.json().catch(() => null)) as { version?: number; message?: string } | null;
    if (!response?.ok || typeof body?.version !== "number") {
      setStatus({ kind: "error", message: body?.message ?? "The policy could not be saved. Please try again." });
      return;
    }
    setStatus({ kind: "saved", version: body.version });
    setReason("");
    startRefresh(() => router.refresh());
  }

  function edit(next: Draft) {
    setDraft(next);
    if (status.kind !== "busy") setStatus({ kind: "idle" });
  }

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_26rem]">
      <div className="space-y-6">
        <div className="flex gap-3 rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <FlaskConical className="mt-0.5 size-4 shrink-0" aria-hidden />
          <p>
            <span className="font-semibold">Trial (shadow) mode</span> records what would have happened, changes nothing for users. A rule on trial leaves its
            verdict in the audit log and in the counts below, so you can see how often it would fire before you enforce it.
          </p>
        </div>
        <RuleSections
          draft={draft}
          onChange={edit}
          errors={checked.ok ? {} : checked.errors}
          catalog={catalog}
          hitsOf={(stage, check) => hitsFor(hits, stage, check)}
        />
        <SaveBar
          changes={changes}
          problems={checked.ok ? 0 : Object.keys(checked.errors).length}
          nextVersion={latestVersion + 1}
          reason={reason}
          onReason={setReason}
          onSave={() => void save()}
          onDiscard={() => edit(draftOf(active.rules))}
          status={refreshing ? { kind: "busy" } : status}
          detectorNames={detectorNames}
        />
      </div>
      <SandboxPanel rules={checked.ok ? checked.rules : null} detectorNames={detectorNames} findingLabels={catalog.findingLabels} />
    </div>
  );
}
