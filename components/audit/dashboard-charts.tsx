"use client";

import type { ReactElement } from "react";
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CONSOLE_MESSAGES, percent } from "@/components/audit/console-messages";
import { AUDIT_MESSAGES, type AuditLocale } from "@/components/audit/messages";
import type { DashboardFigures } from "@/lib/audit/dashboard";
import { Outcome } from "@/lib/generated/prisma/enums";

const OUTCOME_COLOURS: Record<Outcome, string> = {
  answered: "#10b981",
  no_answer: "#94a3b8",
  blocked: "#f59e0b",
  error: "#ef4444",
  aborted: "#64748b",
  incomplete: "#f97316",
};

/** The dashboard's charts (recharts, drawn in the browser); the same figures are in the tables around them. */
export function DashboardCharts({ figures, locale }: { figures: DashboardFigures; locale: AuditLocale }) {
  const t = CONSOLE_MESSAGES[locale].dashboard;
  const outcomes = AUDIT_MESSAGES[locale].outcome;
  const days = figures.days.map((d) => ({
    day: d.day.slice(5),
    ...d.byOutcome,
    tokensIn: d.tokensIn,
    tokensOut: d.tokensOut,
    cost: d.cost,
    withheldRate: d.turns ? d.withheldTurns / d.turns : 0,
    negativeRate: d.turns ? d.negativeTurns / d.turns : 0,
  }));
  const priced = figures.totals.cost !== null;
  return (
    <div className="grid gap-5 lg:grid-cols-2">
      <Chart title={t.turnsPerDay} name="turns">
        <BarChart data={days}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Legend />
          {Object.values(Outcome).map((outcome) => (
            <Bar key={outcome} dataKey={outcome} name={outcomes[outcome]} stackId="turns" fill={OUTCOME_COLOURS[outcome]} isAnimationActive={false} />
          ))}
        </BarChart>
      </Chart>
      <Chart title={t.ratesPerDay} name="rates">
        <LineChart data={days}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" fontSize={11} />
          <YAxis tickFormatter={percent} fontSize={11} />
          <Tooltip formatter={(value) => percent(Number(value))} />
          <Legend />
          <Line dataKey="withheldRate" name={t.withheldRate} stroke="#6366f1" dot={false} isAnimationActive={false} />
          <Line dataKey="negativeRate" name={t.negativeRate} stroke="#ef4444" dot={false} isAnimationActive={false} />
        </LineChart>
      </Chart>
      <Chart title={t.tokensPerDay} name="tokens">
        <ComposedChart data={days}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" fontSize={11} />
          <YAxis yAxisId="tokens" fontSize={11} />
          {priced && <YAxis yAxisId="cost" orientation="right" fontSize={11} />}
          <Tooltip />
          <Legend />
          <Bar yAxisId="tokens" dataKey="tokensIn" name={t.tokensIn} stackId="tokens" fill="#818cf8" isAnimationActive={false} />
          <Bar yAxisId="tokens" dataKey="tokensOut" name={t.tokensOut} stackId="tokens" fill="#c7d2fe" isAnimationActive={false} />
          {priced && <Line yAxisId="cost" dataKey="cost" name={t.costPerDay} stroke="#0f766e" dot={false} isAnimationActive={false} />}
        </ComposedChart>
      </Chart>
      <Chart title={t.rulesChart} name="rules">
        <BarChart data={figures.rules.slice(0, 12)} layout="vertical" margin={{ left: 40 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={percent} fontSize={11} />
          <YAxis type="category" dataKey="rule" width={150} fontSize={11} />
          <Tooltip formatter={(value) => percent(Number(value))} />
          <Legend />
          <Bar dataKey="blockRate" name={t.blockedShare} fill="#f59e0b" isAnimationActive={false} />
          <Bar dataKey="trialRate" name={t.trialShare} fill="#a855f7" isAnimationActive={false} />
        </BarChart>
      </Chart>
    </div>
  );
}

function Chart({ title, name, children }: { title: string; name: string; children: ReactElement }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`chart-${name}`}>
      <h2 className="mb-2 text-sm font-semibold text-slate-700">{title}</h2>
      <div className="h-64">
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </section>
  );
}
