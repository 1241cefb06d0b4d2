import { otherFindingTypes, piiEntityTypes } from "@/lib/guardrails/detectors";
import type { Outcome } from "@/lib/generated/prisma/enums";

/**
 * The audit console's words, in English and Korean, in one place so they move easily into the app's
 * i18n layer when it arrives. Plain words: an auditor reads what happened, not field names.
 */
export type AuditLocale = "en" | "ko";

const en = {
  title: "Audit log",
  intro:
    "Every chat turn leaves one record: who asked what, which checks fired and what they did, which passages were used or withheld, and what was answered.",
  back: "← Audit log",
  decision: (seq: number) => `Decision #${seq}`,
  outcome: {
    answered: "Answered",
    no_answer: "Nothing found",
    blocked: "Blocked",
    error: "Failed",
    aborted: "Stopped by the reader",
    incomplete: "Did not finish",
  } satisfies Record<Outcome, string>,
  outcomeExplained: {
    answered: "The reader got an answer.",
    no_answer: "Nothing the reader may read answered the question, and the reader was told so.",
    blocked: "A guardrail refused the question or withheld the answer; the reader was told why.",
    error: "The answer failed part-way; the reader was told.",
    aborted: "The reader stopped the answer before it was complete.",
    incomplete: "The turn never finished (its server stopped, or its answer could not be recorded); it was closed afterwards.",
  } satisfies Record<Outcome, string>,
  fields: {
    when: "When (UTC)",
    who: "Who",
    question: "Question (as stored: personal data redacted)",
    answer: "Answer",
    noAnswer: "(no answer text)",
    mode: "Answered by",
    modeValue: (mode: string, model: string, prompt: string) =>
      mode === "llm" ? `language model ${model} · prompt ${prompt}` : "extractive (quoted passages, no model)",
    policy: "Policy version",
    noPolicy: "built-in defaults",
    tokens: "Model tokens",
    tokensValue: (inTokens: number, outTokens: number) => `${inTokens} in · ${outTokens} out`,
    latency: "Time taken",
    requestId: "Request id",
    error: "What went wrong",
    hash: "Record hash",
    prevHash: "Previous record's hash",
  },
  checks: "What the checks found and did",
  noChecks: "No check found anything.",
  timings: "Where the time went",
  searched: "Searched for",
  rewrittenBy: { model: "a follow-up, rewritten by the model to stand alone", previous_question: "a follow-up, joined to the previous question" } as Record<
    string,
    string
  >,
  reranking: (outcome: string, model: string, candidates: number, belowMinimum: number) =>
    outcome === "reranked"
      ? `Reranked by ${model}: ${candidates} candidates, ${belowMinimum} below the minimum relevance left out.`
      : `The reranker ${model} did not answer (${outcome}); the search's own order was kept.`,
  stage: { guardrails: "Guardrails", retrieval: "Retrieval", model: "Model", outputChecks: "Checks on the answer", total: "Total" },
  used: (n: number) => `Passages used (${n})`,
  withheld: (n: number) => `Passages withheld (${n})`,
  noneUsed: "None.",
  withheldReason: (reason: string) =>
    reason === "access_control"
      ? "the reader may not read this document (access control)"
      : reason === "document_injection"
        ? "it contains instructions planted for the assistant (guardrail)"
        : `guardrail: ${reason}`,
  unknownDocument: "a document since deleted",
  score: (score: number) => `score ${score}`,
  feedback: "Feedback",
  noFeedback: "None.",
  rating: (up: boolean): string => (up ? "▲ helpful" : "▼ not helpful"),
  where: {
    input: "in the question",
    topics: "in the question",
    documents: "in a retrieved passage",
    out_of_scope: "in retrieval",
    output: "in the answer",
  } as Record<string, string>,
  found: (what: string, where: string) => `Found ${what} ${where}`,
  nothingSupported: "No passage the reader may read supported an answer",
  times: (n: number) => (n === 1 ? "" : ` ×${n}`),
  effect: (effect: Effect, trial: boolean) => (trial ? `On trial: ${EN_EFFECTS[effect].would}; nothing was changed.` : `${EN_EFFECTS[effect].did}.`),
  rule: (rule: string) => `rule ${rule}`,
  at: (spans: string) => `at ${spans}`,
};

type Effect = "recorded" | "redacted" | "masked" | "refused" | "withheld_passage" | "nothing_found" | "withheld_answer" | "flagged";

const EN_EFFECTS: Record<Effect, { did: string; would: string }> = {
  recorded: { did: "Let through and recorded", would: "would have let it through and recorded it" },
  redacted: { did: "Redacted before anything else saw it", would: "would have redacted it" },
  masked: { did: "Masked before anything else saw it", would: "would have masked it" },
  refused: { did: "The question was refused", would: "would have refused the question" },
  withheld_passage: { did: "The passage was kept out of the answer", would: "would have kept the passage out of the answer" },
  nothing_found: { did: "No answer was given, rather than a guess", would: "would have given no answer rather than a guess" },
  withheld_answer: { did: "The answer was withheld", would: "would have withheld the answer" },
  flagged: { did: "The answer was shown with a warning", would: "would have shown the answer with a warning" },
};

const KO_EFFECTS: Record<Effect, { did: string; would: string }> = {
  recorded: { did: "통과시키고 기록했습니다", would: "통과시키고 기록했을 것입니다" },
  redacted: { did: "다른 단계에 전달되기 전에 가렸습니다(치환)", would: "가렸을(치환) 것입니다" },
  masked: { did: "다른 단계에 전달되기 전에 일부를 가렸습니다(마스킹)", would: "일부를 가렸을(마스킹) 것입니다" },
  refused: { did: "질문을 거부했습니다", would: "질문을 거부했을 것입니다" },
  withheld_passage: { did: "해당 구절을 답변에서 제외했습니다", would: "해당 구절을 답변에서 제외했을 것입니다" },
  nothing_found: { did: "추측 대신 답변하지 않았습니다", would: "추측 대신 답변하지 않았을 것입니다" },
  withheld_answer: { did: "답변을 보류했습니다", would: "답변을 보류했을 것입니다" },
  flagged: { did: "경고와 함께 답변을 보여 주었습니다", would: "경고와 함께 답변을 보여 주었을 것입니다" },
};

const ko: typeof en = {
  title: "감사 기록",
  intro:
    "모든 대화 턴은 하나의 기록을 남깁니다. 누가 무엇을 물었는지, 어떤 검사가 무엇을 했는지, 어떤 구절이 쓰이거나 제외되었는지, 무엇이 답변되었는지를 보여 줍니다.",
  back: "← 감사 기록",
  decision: (seq) => `결정 #${seq}`,
  outcome: { answered: "답변함", no_answer: "찾지 못함", blocked: "차단됨", error: "실패", aborted: "사용자가 중단", incomplete: "완료되지 않음" },
  outcomeExplained: {
    answered: "사용자가 답변을 받았습니다.",
    no_answer: "사용자가 읽을 수 있는 문서에서 답을 찾지 못했고, 그렇게 안내했습니다.",
    blocked: "가드레일이 질문을 거부하거나 답변을 보류했고, 그 이유를 안내했습니다.",
    error: "답변 도중 실패했고, 사용자에게 알렸습니다.",
    aborted: "사용자가 답변이 끝나기 전에 중단했습니다.",
    incomplete: "턴이 끝나지 않았습니다(서버 중단 또는 기록 실패). 이후에 종료 처리되었습니다.",
  },
  fields: {
    when: "시각 (UTC)",
    who: "사용자",
    question: "질문 (저장된 형태: 개인정보 가림)",
    answer: "답변",
    noAnswer: "(답변 없음)",
    mode: "답변 방식",
    modeValue: (mode, model, prompt) => (mode === "llm" ? `언어 모델 ${model} · 프롬프트 ${prompt}` : "추출형 (문서 구절 인용, 모델 없음)"),
    policy: "정책 버전",
    noPolicy: "기본 정책",
    tokens: "모델 토큰",
    tokensValue: (inTokens, outTokens) => `입력 ${inTokens} · 출력 ${outTokens}`,
    latency: "소요 시간",
    requestId: "요청 ID",
    error: "문제 내용",
    hash: "기록 해시",
    prevHash: "이전 기록 해시",
  },
  checks: "검사 결과와 조치",
  noChecks: "검사에서 발견된 것이 없습니다.",
  timings: "단계별 소요 시간",
  searched: "검색한 질문",
  rewrittenBy: { model: "후속 질문: 모델이 대화를 바탕으로 독립된 질문으로 바꿈", previous_question: "후속 질문: 이전 질문에 이어 붙임" },
  reranking: (outcome, model, candidates, belowMinimum) =>
    outcome === "reranked"
      ? `${model}(으)로 재순위화: 후보 ${candidates}개 중 최소 관련도 미만 ${belowMinimum}개 제외.`
      : `재순위화 모델 ${model}이(가) 응답하지 않아(${outcome}) 검색 순서를 그대로 썼습니다.`,
  stage: { guardrails: "가드레일", retrieval: "검색", model: "모델", outputChecks: "답변 검사", total: "전체" },
  used: (n) => `사용된 구절 (${n})`,
  withheld: (n) => `제외된 구절 (${n})`,
  noneUsed: "없음.",
  withheldReason: (reason) =>
    reason === "access_control"
      ? "사용자가 읽을 수 없는 문서입니다 (접근 권한)"
      : reason === "document_injection"
        ? "어시스턴트를 노린 지시문이 들어 있습니다 (가드레일)"
        : `가드레일: ${reason}`,
  unknownDocument: "삭제된 문서",
  score: (score) => `점수 ${score}`,
  feedback: "피드백",
  noFeedback: "없음.",
  rating: (up) => (up ? "▲ 도움이 됨" : "▼ 도움이 안 됨"),
  where: { input: "질문에서", topics: "질문에서", documents: "검색된 구절에서", out_of_scope: "검색에서", output: "답변에서" },
  found: (what, where) => `${where} ${what} 발견`,
  nothingSupported: "사용자가 읽을 수 있는 구절 중 답을 뒷받침하는 것이 없었습니다",
  times: (n) => (n === 1 ? "" : ` ${n}건`),
  effect: (effect, trial) => (trial ? `시험 운영: ${KO_EFFECTS[effect].would}. 실제로 바뀐 것은 없습니다.` : `${KO_EFFECTS[effect].did}.`),
  rule: (rule) => `규칙 ${rule}`,
  at: (spans) => `위치 ${spans}`,
};

export const AUDIT_MESSAGES: Record<AuditLocale, typeof en> = { en, ko };

/** What a verdict's action did at its stage, in the words above. */
export function effectOf(stage: string, action: string): Effect {
  if (action === "allow") return "recorded";
  if (action === "redact") return "redacted";
  if (action === "mask") return "masked";
  if (action === "withhold") return "withheld_passage";
  if (action === "flag") return "flagged";
  if (stage === "out_of_scope") return "nothing_found";
  return stage === "output" ? "withheld_answer" : "refused";
}

/** A finding type as people call it ("EMAIL" → "E-mail address" / "이메일 주소"). */
export function findingTypeLabel(type: string, locale: AuditLocale): string {
  const labels: Record<string, { en: string; ko: string }> = { ...piiEntityTypes, ...otherFindingTypes };
  return labels[type]?.[locale] ?? type;
}
