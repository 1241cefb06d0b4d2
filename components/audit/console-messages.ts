import type { AuditLocale } from "@/components/audit/messages";

/**
 * The words of the audit console around the records (filters, pages, who read the log, integrity), in
 * English and Korean, kept apart from the record's own words (messages.ts) and as easy to move into
 * the app's i18n layer.
 */
const en = {
  tabs: { records: "Records", dashboard: "Dashboard", access: "Who read the log", integrity: "Integrity" },
  filters: {
    legend: "Filter the records",
    from: "From",
    to: "To",
    user: "Person (e-mail)",
    group: "Group",
    outcome: "Outcome",
    rule: "Rule",
    detector: "Detector",
    action: "Action",
    trial: "Trial",
    trialYes: "a rule on trial found something",
    trialNo: "no rule on trial found anything",
    policy: "Policy version",
    policyHint: "a number, or “default”",
    model: "Model",
    feedback: "Feedback",
    feedbackValue: { up: "helpful", down: "not helpful", any: "any feedback", none: "no feedback" },
    q: "Words in the question or answer",
    qHint: "every word must appear, or begin a word",
    any: "any",
    apply: "Apply",
    clear: "Clear",
  },
  actions: { allow: "let through", redact: "redact", mask: "mask", block: "refuse", withhold: "withhold", flag: "flag" } as Record<string, string>,
  columns: { seq: "#", when: "When (UTC)", who: "Who", question: "Question", outcome: "Outcome", used: "Used", withheld: "Withheld", feedback: "Feedback" },
  none: "No records match.",
  noneYet: "No decisions recorded yet.",
  newest: "← Newest",
  older: "Older →",
  showing: (n: number, filtered: boolean) => `${n} record${n === 1 ? "" : "s"} on this page${filtered ? ", filtered" : ""}, newest first.`,
  badFilter: "This filter cannot be used:",
  export: "Export the records this filter matches:",
  exportHint: "(with the signed checkpoint that covers them; the export is logged)",
  chain: {
    recentOk: (count: number, since: { seq: number; at: string } | null) =>
      since
        ? `✓ Hash chain verified since the signed checkpoint of ${since.at} (record #${since.seq}): ${count} newer record${count === 1 ? "" : "s"}, none altered or missing.`
        : `✓ Hash chain verified: ${count} record${count === 1 ? "" : "s"}, none altered or missing (no signed checkpoint yet).`,
    fullOk: (count: number, checkpoints: number) =>
      `✓ Hash chain verified: ${count} record${count === 1 ? "" : "s"}, none altered or missing${checkpoints > 0 ? `, ${checkpoints} signed checkpoint${checkpoints === 1 ? "" : "s"} hold` : ""}.`,
    purged: (seq: number) => `Records up to #${seq} were purged under the retention policy, behind a signed checkpoint.`,
    broken: "✗ The decision log does not verify:",
    verifyAll: "Verify the whole log",
  },
  dashboard: {
    title: "Decision log dashboard",
    range: (from: string, to: string, defaulted: boolean) => `${from} to ${to} (UTC)${defaulted ? ", the last 30 days: set “From” and “To” for another range" : ""}.`,
    turns: "Turns",
    blockRate: "Blocked",
    withheldRate: "With a passage withheld",
    negativeRate: "Negative feedback",
    tokens: "Tokens (in / out)",
    cost: "Estimated cost",
    notPriced: "not priced (set AUDIT_COST_PER_MILLION_*_TOKENS)",
    turnsPerDay: "Turns per day, by outcome",
    ratesPerDay: "Share of each day's turns with a passage withheld or negative feedback",
    tokensPerDay: "Tokens and estimated cost per day",
    tokensIn: "tokens in",
    tokensOut: "tokens out",
    costPerDay: "estimated cost",
    rulesChart: "Block and trial-hit rate per rule (share of all turns)",
    rulesTable: "Rules",
    rule: "Rule",
    found: "Found something",
    applied: "Changed something",
    blocked: "Refused",
    trial: "Found on trial",
    blockedShare: "block rate",
    trialShare: "trial-hit rate",
    noRules: "No rule found anything in these records.",
    none: "No records match.",
  },
  integrity: {
    title: "Integrity of the decision log",
    intro: "Every record is read again, its hash recomputed and its link to the record before it checked; every signed checkpoint must hold. This reads the whole log.",
    checkpoints: "Signed checkpoints",
    noCheckpoints: "No checkpoint has been signed yet.",
    checkpoint: (seq: number, reason: string, at: string) => `Record #${seq} · ${reason} · ${at}`,
    reasons: { scheduled: "on schedule", on_demand: "on request", export: "with an export", purge: "at a purge" } as Record<string, string>,
  },
  access: {
    title: "Who read the log",
    intro: "Every record viewed and every export, by whom, when and with which filter. Entries cannot be changed or removed.",
    when: "When (UTC)",
    who: "Who",
    what: "What",
    filter: "Filter",
    none: "Nobody has read a record yet.",
    noFilter: "none",
    action: {
      "record.viewed": (seq: string) => `viewed record ${seq}`,
      export: (details: string) => `exported ${details}`,
    } as Record<string, (detail: string) => string>,
    exportDetails: (format: string, through: number) => `the records through #${through} as ${format.toUpperCase()}`,
    older: "Older →",
  },
};

const ko: typeof en = {
  tabs: { records: "기록", dashboard: "대시보드", access: "열람 기록", integrity: "무결성" },
  filters: {
    legend: "기록 필터",
    from: "시작일",
    to: "종료일",
    user: "사용자 (이메일)",
    group: "그룹",
    outcome: "결과",
    rule: "규칙",
    detector: "탐지기",
    action: "조치",
    trial: "시험 운영",
    trialYes: "시험 운영 중인 규칙이 무언가를 발견함",
    trialNo: "시험 운영 중인 규칙이 아무것도 발견하지 않음",
    policy: "정책 버전",
    policyHint: "번호 또는 “default”",
    model: "모델",
    feedback: "피드백",
    feedbackValue: { up: "도움이 됨", down: "도움이 안 됨", any: "피드백 있음", none: "피드백 없음" },
    q: "질문이나 답변의 단어",
    qHint: "모든 단어가 나타나거나 단어의 앞부분이어야 합니다",
    any: "전체",
    apply: "적용",
    clear: "초기화",
  },
  actions: { allow: "통과", redact: "가림(치환)", mask: "마스킹", block: "거부", withhold: "제외", flag: "경고 표시" },
  columns: { seq: "#", when: "시각 (UTC)", who: "사용자", question: "질문", outcome: "결과", used: "사용", withheld: "제외", feedback: "피드백" },
  none: "조건에 맞는 기록이 없습니다.",
  noneYet: "아직 기록된 결정이 없습니다.",
  newest: "← 최신",
  older: "이전 →",
  showing: (n, filtered) => `이 페이지에 기록 ${n}건${filtered ? " (필터 적용)" : ""}, 최신순.`,
  badFilter: "이 필터는 사용할 수 없습니다:",
  export: "이 필터에 맞는 기록 내보내기:",
  exportHint: "(기록을 보증하는 서명된 체크포인트 포함, 내보내기는 기록됩니다)",
  chain: {
    recentOk: (count, since) =>
      since
        ? `✓ 해시 체인 검증됨: ${since.at}의 서명된 체크포인트(기록 #${since.seq}) 이후 기록 ${count}건, 변경되거나 누락된 기록 없음.`
        : `✓ 해시 체인 검증됨: 기록 ${count}건, 변경되거나 누락된 기록 없음 (아직 서명된 체크포인트 없음).`,
    fullOk: (count, checkpoints) => `✓ 해시 체인 검증됨: 기록 ${count}건, 변경되거나 누락된 기록 없음${checkpoints > 0 ? `, 서명된 체크포인트 ${checkpoints}개 유효` : ""}.`,
    purged: (seq) => `기록 #${seq}까지는 보존 정책에 따라 서명된 체크포인트 뒤에서 삭제되었습니다.`,
    broken: "✗ 결정 기록을 검증할 수 없습니다:",
    verifyAll: "전체 기록 검증",
  },
  dashboard: {
    title: "결정 기록 대시보드",
    range: (from, to, defaulted) => `${from} ~ ${to} (UTC)${defaulted ? ", 최근 30일: 다른 기간은 “시작일”과 “종료일”을 지정하세요" : ""}.`,
    turns: "턴",
    blockRate: "차단",
    withheldRate: "문단 제외",
    negativeRate: "부정적 피드백",
    tokens: "토큰 (입력 / 출력)",
    cost: "예상 비용",
    notPriced: "가격 미설정 (AUDIT_COST_PER_MILLION_*_TOKENS)",
    turnsPerDay: "일별 턴 수 (결과별)",
    ratesPerDay: "일별 문단 제외 및 부정적 피드백 비율",
    tokensPerDay: "일별 토큰 및 예상 비용",
    tokensIn: "입력 토큰",
    tokensOut: "출력 토큰",
    costPerDay: "예상 비용",
    rulesChart: "규칙별 차단율과 시험 운영 발견율 (전체 턴 대비)",
    rulesTable: "규칙",
    rule: "규칙",
    found: "발견",
    applied: "적용",
    blocked: "거부",
    trial: "시험 운영 중 발견",
    blockedShare: "차단율",
    trialShare: "시험 운영 발견율",
    noRules: "이 기록에서 아무 규칙도 발견하지 않았습니다.",
    none: "조건에 맞는 기록이 없습니다.",
  },
  integrity: {
    title: "결정 기록의 무결성",
    intro: "모든 기록을 다시 읽어 해시를 계산하고 이전 기록과의 연결을 확인합니다. 서명된 체크포인트도 모두 확인합니다. 전체 기록을 읽습니다.",
    checkpoints: "서명된 체크포인트",
    noCheckpoints: "아직 서명된 체크포인트가 없습니다.",
    checkpoint: (seq, reason, at) => `기록 #${seq} · ${reason} · ${at}`,
    reasons: { scheduled: "정기", on_demand: "요청 시", export: "내보내기 시", purge: "삭제 시" },
  },
  access: {
    title: "열람 기록",
    intro: "누가 언제 어떤 필터로 기록을 열람하거나 내보냈는지 보여 줍니다. 항목은 변경하거나 삭제할 수 없습니다.",
    when: "시각 (UTC)",
    who: "사용자",
    what: "내용",
    filter: "필터",
    none: "아직 기록을 열람한 사람이 없습니다.",
    noFilter: "없음",
    action: {
      "record.viewed": (seq) => `기록 ${seq} 열람`,
      export: (details) => `${details} 내보내기`,
    },
    exportDetails: (format, through) => `#${through}까지의 기록 (${format.toUpperCase()})`,
    older: "이전 →",
  },
};

export const CONSOLE_MESSAGES: Record<AuditLocale, typeof en> = { en, ko };

/** A time as the console shows it: UTC, to the second. */
export function utc(at: Date | string): string {
  return new Date(at).toISOString().replace("T", " ").slice(0, 19);
}

/** A share as the dashboard shows it: a percentage to one decimal. */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
