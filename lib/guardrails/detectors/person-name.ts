import { finding, type Detector, type Finding } from "@/lib/guardrails/findings";

/**
 * Person names, best effort and context-driven: a name is reported only where something in the text
 * says a person is meant — an English title ("Dr. Jane Roe"), a label ("Name:", "성명:", "예금주"), a
 * phrase ("my name is"), or a Korean honorific or job title after the name ("홍길동 님", "김민수 과장").
 * Names without such a cue are missed; a statistical NER model would be needed for those.
 */
export const personNameDetector: Detector = {
  name: "person_name",
  scan(text: string): Finding[] {
    const findings: Finding[] = [];
    const add = (start: number, end: number, confidence: number) => {
      if (end > start) findings.push(finding("person_name", "PERSON", text, start, end, confidence));
    };
    for (const match of text.matchAll(ENGLISH_TITLE)) {
      const from = match.index + match[0].length;
      const name = englishNameAt(text, from) ?? (match[1] && /^[a-z]/.test(match[1]) ? lowerCaseWordAt(text, from) : null);
      if (name) add(from, name, 0.8);
    }
    for (const match of text.matchAll(ENGLISH_LABEL)) {
      const from = match.index + match[0].length;
      const korean = koreanNameAt(text, from);
      const end = korean ?? englishNameAt(text, from, true);
      if (end) add(from, end, 0.8);
    }
    for (const match of text.matchAll(ENGLISH_PHRASE)) {
      const from = match.index + match[0].length;
      const end = englishNameAt(text, from);
      if (end) add(from, end, 0.65);
    }
    for (const match of text.matchAll(KOREAN_LABEL)) {
      const from = match.index + match[0].length;
      const end = koreanNameAt(text, from) ?? englishNameAt(text, from, true);
      if (end) add(from, end, 0.8);
    }
    for (const match of text.matchAll(KOREAN_NAME_BEFORE_TITLE)) {
      const name = match[1]!;
      if (isKoreanName(name)) add(match.index, match.index + name.length, 0.75);
    }
    return findings;
  },
};

// "Mr." "Dr" "prof." followed by whitespace; group 1 is the title as written, to allow "mr. smith".
const ENGLISH_TITLE = /\b(Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Madam|Mme|Mlle|Herr|Frau|mr|mrs|ms|dr|prof)\.?[ \t]{1,3}/g;
// Labels that introduce a person's name in forms, e-mails and chat transcripts.
const ENGLISH_LABEL =
  /\b(?:(?:full |first |last |legal |patient |employee |customer |client |applicant |account |card ?)?name|patient|employee|customer|applicant|user|author|attn|attention|signed|signature|from|to|cc|contact person|beneficiary|account holder|holder|recipient|sender)[ \t]{0,2}[:：][ \t]{0,3}|\b(?:Dear|Hi|Hello|Sincerely|Regards|Best regards|Kind regards|Thanks|Cheers)[,]?[ \t]{1,3}(?=\p{Lu})|\b(?:Sincerely|Regards|Best regards|Kind regards|Yours truly|Best),[ \t]*\r?\n[ \t]*/giu;
const ENGLISH_PHRASE = /\b(?:my name is|name is|i am|i'm|called|named|call me|ask for|signed by|written by|says|said)[ \t]{1,3}/gi;

const KOREAN_ROLE =
  "성명|성 명|이름|성함|고객명|환자명|가입자명|신청인|발신인|수신인|수령인|작성자|담당자|대표자|대표이사|예금주|명의자|계약자|피보험자|임대인|임차인|근로자|피고인|원고|피고|신고인|진술인|참고인|판사|검사|변호사|조사관|주무관|사무관|서기관|지도교수|교수|환자|보호자|수검자|세대주|소유자|운전자|가입자|위원장|담당|발신|수신|받는 분|보내는 분";
const KOREAN_LABEL = new RegExp(`(?<![가-힣])(?:${KOREAN_ROLE})(?:\\s{0,2}[:：]\\s{0,3}|\\s{1,3})`, "g");

const KOREAN_TITLES =
  "님|씨|고객님|선생님|과장|대리|부장|차장|사원|주임|팀장|실장|이사|상무|전무|대표|사장|회장|교수|박사|기자|변호사|의원|원장|소장|센터장|본부장|매니저|책임|선임|수석|연구원|간호사|주무관|사무관|서기관";
// A Hangul word of two to four syllables, not glued to a preceding syllable, then an honorific or title.
const KOREAN_NAME_BEFORE_TITLE = new RegExp(
  `(?<![가-힣])([가-힣]{2,4})\\s?(?:${KOREAN_TITLES})님?(?:께서|께|은|는|이|가|을|를|의|에게|과|와|도|으로|로)?(?![가-힣])`,
  "g",
);

// Common Korean family names; two-syllable ones are listed first so they win over their first syllable.
const COMPOUND_SURNAMES = ["남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방"];
const SURNAMES = new Set(
  (
    "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남 심 노 하 곽 성 차 주 우 구 " +
    "민 나 진 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 라 왕 금 옥 육 인 맹 제 모 탁 " +
    "국 어 은 편 용 예 경 봉 사 부 가 복 태 목 형 피 두 감 음 빈 동 온 시 범 좌 팽 승 간 상 갈 단 견 당 화 창 계 후 호"
  ).split(" "),
);
// Last syllables that make a Hangul word a verb form or a noun with a particle rather than a name.
const NOT_NAME_ENDINGS = new Set("는 를 을 의 에 로 한 된 할 던 적 들 요 다 고 며 게 께 팀 과 실 국 처 청 부 측 등 및 내 외 중".split(" "));

/** End of a Korean name starting at `from`, if the Hangul word there is shaped like one. */
function koreanNameAt(text: string, from: number): number | null {
  const word = /^[가-힣]{2,4}(?![가-힣])/.exec(text.slice(from, from + 5));
  return word && isKoreanName(word[0]) ? from + word[0].length : null;
}

function isKoreanName(word: string): boolean {
  if (NOT_NAME_ENDINGS.has(word[word.length - 1]!)) return false;
  const compound = COMPOUND_SURNAMES.some((surname) => word.startsWith(surname));
  if (compound) return word.length >= 3;
  return word.length === 3 && SURNAMES.has(word[0]!);
}

const NAME_WORD = /^(?:\p{Lu}[\p{Ll}'’-]{1,30}|\p{Lu}{2,30}|\p{Lu}\.?)(?![\p{L}\d])/u;
const NOT_NAMES = new Set(
  (
    "The A An I It This That These Those My Your Our Their His Her We You He She They There Here What When Where Why How " +
    "Yes No Not Sorry Thanks Thank Please Hello Hi Dear Regards Sincerely Best Monday Tuesday Wednesday Thursday Friday " +
    "Saturday Sunday From To January February March April May June July August September October November December Today Tomorrow " +
    "Mr Mrs Ms Dr Sir Madam Subject Re Fw Fwd RE FW CC TO FROM Team All Everyone Customer Customers Support Admin User"
  ).split(" "),
);

/**
 * End of one to three capitalised words starting at `from` ("Jane", "Jane Q. Roe", "HAN JIWOO"), or
 * null. A lone initial is not a name, and common capitalised words are not taken as names.
 */
function englishNameAt(text: string, from: number, allowAllCaps = false): number | null {
  let position = from;
  let words = 0;
  let wholeWords = 0;
  while (words < 4) {
    const match = NAME_WORD.exec(text.slice(position, position + 32));
    if (!match) break;
    const word = match[0].replace(/\.$/, "");
    if (NOT_NAMES.has(word) || (!allowAllCaps && word.length > 1 && word === word.toUpperCase())) break;
    words++;
    wholeWords += word.length > 1 ? 1 : 0;
    position += match[0].length;
    const gap = /^[ \t]{1,2}(?=\p{Lu})/u.exec(text.slice(position, position + 3));
    if (!gap) break;
    position += gap[0].length;
  }
  const end = text.slice(from, position).trimEnd().length + from;
  return wholeWords > 0 && end > from ? end : null;
}

function lowerCaseWordAt(text: string, from: number): number | null {
  const word = /^[\p{Ll}]{2,30}(?![\p{L}\d])/u.exec(text.slice(from, from + 32));
  return word ? from + word[0].length : null;
}
