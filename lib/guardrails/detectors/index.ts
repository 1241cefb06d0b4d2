import { creditCardDetector } from "@/lib/guardrails/detectors/credit-card";
import { emailDetector } from "@/lib/guardrails/detectors/email";
import { ibanDetector } from "@/lib/guardrails/detectors/iban";
import { documentInjectionDetector, promptInjectionDetector } from "@/lib/guardrails/detectors/injection";
import { ipAddressDetector } from "@/lib/guardrails/detectors/ip-address";
import { krBusinessNumberDetector } from "@/lib/guardrails/detectors/kr-business-number";
import { krRegistrationNumberDetector } from "@/lib/guardrails/detectors/kr-registration-number";
import { passportDetector } from "@/lib/guardrails/detectors/passport";
import { personNameDetector } from "@/lib/guardrails/detectors/person-name";
import { phoneDetector } from "@/lib/guardrails/detectors/phone";
import { secretsDetector } from "@/lib/guardrails/detectors/secrets";
import { toxicityDetector } from "@/lib/guardrails/detectors/toxicity";
import { usSsnDetector } from "@/lib/guardrails/detectors/us-ssn";
import type { Detector } from "@/lib/guardrails/findings";

export { checkGroundedness } from "@/lib/guardrails/detectors/groundedness";
export { keywordDetector } from "@/lib/guardrails/detectors/keywords";

export type DetectorCategory = "pii" | "injection" | "toxicity";

export type BuiltInDetector = {
  detector: Detector;
  category: DetectorCategory;
  description: string;
  /** The `type`s of the findings it reports. */
  findingTypes: readonly FindingType[];
};

/** The PII entity types the detectors report, as shown to administrators and in redactions. */
export const piiEntityTypes = {
  EMAIL: { en: "E-mail address", ko: "이메일 주소" },
  PHONE: { en: "Phone number", ko: "전화번호" },
  CREDIT_CARD: { en: "Payment card number", ko: "카드번호" },
  IBAN: { en: "IBAN", ko: "국제 은행 계좌번호(IBAN)" },
  KR_RRN: { en: "Korean resident registration number", ko: "주민등록번호" },
  KR_FRN: { en: "Korean foreigner registration number", ko: "외국인등록번호" },
  KR_BRN: { en: "Korean business registration number", ko: "사업자등록번호" },
  PASSPORT: { en: "Passport number", ko: "여권번호" },
  US_SSN: { en: "US Social Security number", ko: "미국 사회보장번호" },
  IP_ADDRESS: { en: "IP address", ko: "IP 주소" },
  SECRET: { en: "Secret or credential", ko: "비밀번호·인증키" },
  PERSON: { en: "Person name", ko: "이름" },
} as const satisfies Record<string, { en: string; ko: string }>;

export type PiiEntityType = keyof typeof piiEntityTypes;

/** The other finding types: injection, toxicity, blocked topics (keywordDetector) and groundedness. */
export const otherFindingTypes = {
  PROMPT_INJECTION: { en: "Prompt injection", ko: "프롬프트 인젝션" },
  JAILBREAK: { en: "Jailbreak attempt", ko: "탈옥 시도" },
  TOXICITY: { en: "Abusive language", ko: "욕설·혐오 표현" },
  HARMFUL_REQUEST: { en: "Request for harmful help", ko: "유해한 요청" },
  BLOCKED_TOPIC: { en: "Blocked topic", ko: "금지 주제" },
  UNSUPPORTED_CLAIM: { en: "Statement not supported by the sources", ko: "근거 없는 문장" },
  INVALID_CITATION: { en: "Citation of a missing source", ko: "존재하지 않는 출처 인용" },
} as const satisfies Record<string, { en: string; ko: string }>;

export type FindingType = PiiEntityType | keyof typeof otherFindingTypes;

/** The built-in detectors by name, for policies and the admin UI. */
export const builtInDetectors: Record<string, BuiltInDetector> = Object.fromEntries(
  (
    [
      [emailDetector, "pii", ["EMAIL"], "E-mail addresses."],
      [
        phoneDetector,
        "pii",
        ["PHONE"],
        "Phone numbers: Korean mobile and landline (010-…, 02-…, 031-…), international +country-code numbers, North American numbers, and other numbers next to words such as “phone” or “연락처”.",
      ],
      [creditCardDetector, "pii", ["CREDIT_CARD"], "Payment card numbers that pass the Luhn check."],
      [ibanDetector, "pii", ["IBAN"], "International bank account numbers (IBAN) that pass the mod-97 check."],
      [
        krRegistrationNumberDetector,
        "pii",
        ["KR_RRN", "KR_FRN"],
        "Korean resident registration numbers (주민등록번호) and foreigner registration numbers (외국인등록번호), including numbers masked after the gender digit.",
      ],
      [krBusinessNumberDetector, "pii", ["KR_BRN"], "Korean business registration numbers (사업자등록번호) with a valid check digit or a label."],
      [passportDetector, "pii", ["PASSPORT"], "Passport numbers: Korean passport formats, and other countries' numbers next to the word “passport” or “여권”."],
      [usSsnDetector, "pii", ["US_SSN"], "US Social Security numbers."],
      [ipAddressDetector, "pii", ["IP_ADDRESS"], "IPv4 and IPv6 addresses (not gateways, DNS servers and other network configuration)."],
      [secretsDetector, "pii", ["SECRET"], "Credentials: cloud and SaaS API keys and tokens, JWTs, private keys, and password=… assignments."],
      [personNameDetector, "pii", ["PERSON"], "Person names where the text marks them as names (titles, honorifics, “Name:”/“성명:” labels); best effort."],
      [
        promptInjectionDetector,
        "injection",
        ["PROMPT_INJECTION", "JAILBREAK"],
        "Prompt injection and jailbreak attempts in a user's message (English and Korean), including obfuscated and base64-encoded ones.",
      ],
      [
        documentInjectionDetector,
        "injection",
        ["PROMPT_INJECTION", "JAILBREAK"],
        "Instructions planted in retrieved documents (indirect prompt injection), including instructions aimed at the assistant's answer.",
      ],
      [toxicityDetector, "toxicity", ["TOXICITY"], "Insults, slurs, hate speech and harassment (English and Korean)."],
    ] as const
  ).map(([detector, category, findingTypes, description]) => [detector.name, { detector, category, findingTypes, description }]),
);

/** Every PII detector, for scanning a text for personal data in one call. */
export const piiDetectors: Detector[] = Object.values(builtInDetectors)
  .filter((entry) => entry.category === "pii")
  .map((entry) => entry.detector);
