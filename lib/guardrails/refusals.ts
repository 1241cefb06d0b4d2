export type Language = "en" | "ko";

/** The language to answer a text in: Korean if it has any Hangul, else English. */
export function languageOf(text: string): Language {
  return /\p{Script=Hangul}/u.test(text) ? "ko" : "en";
}

/** What a person is told when a policy stops a question or an answer: what happened and what to do. */
export const REFUSALS = {
  pii: {
    en: "Your question contains personal or confidential data (such as an ID number, a card number or a password) that may not be sent. Remove it and ask again.",
    ko: "질문에 보낼 수 없는 개인정보나 기밀 정보(주민등록번호, 카드번호, 비밀번호 등)가 들어 있습니다. 해당 내용을 지우고 다시 질문해 주세요.",
  },
  promptInjection: {
    en: "This question looks like an attempt to change Lore's instructions, so it was not answered. If that was not your intent, please rephrase it.",
    ko: "이 질문은 Lore의 지시를 바꾸려는 시도로 보여 답변하지 않았습니다. 의도한 것이 아니라면 질문을 바꿔서 다시 해 주세요.",
  },
  toxicity: {
    en: "Please ask again without abusive or hateful language.",
    ko: "욕설이나 혐오 표현 없이 다시 질문해 주세요.",
  },
  topics: {
    en: "Questions on this topic are not answered here, by your organisation's policy.",
    ko: "조직의 정책에 따라 이 주제에 관한 질문에는 답변하지 않습니다.",
  },
  outputWithheld: {
    en: "The answer was withheld because it would have contained content your organisation's policy does not allow (personal data or abusive language).",
    ko: "답변에 조직의 정책상 허용되지 않는 내용(개인정보 또는 부적절한 표현)이 포함되어 답변을 보류했습니다.",
  },
  ungroundedWithheld: {
    en: "The answer was withheld because parts of it were not supported by the cited documents.",
    ko: "답변 일부가 인용한 문서로 뒷받침되지 않아 답변을 보류했습니다.",
  },
  ungroundedFlag: {
    en: "Some statements in this answer are not clearly supported by the cited documents. Check the sources before relying on them.",
    ko: "이 답변의 일부 내용은 인용한 문서로 명확히 뒷받침되지 않습니다. 출처를 확인한 뒤 활용해 주세요.",
  },
} as const satisfies Record<string, Record<Language, string>>;
