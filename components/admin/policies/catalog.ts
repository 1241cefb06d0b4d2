import "server-only";
import { config } from "@/lib/config";
import { builtInDetectors, piiEntityTypes, type PiiEntityType } from "@/lib/guardrails/detectors";
import { PII_DETECTORS, type PiiDetectorName } from "@/lib/guardrails/policy";

/** What the policy page says about one detector: its name in English and Korean and what it looks for. */
export type DetectorInfo = { label: string; labelKo: string | null; description: string };

/**
 * The detectors as the editor shows them. Built on the server and handed to the client components as
 * props: the detector registry carries the classifier models, which must not end up in the browser.
 */
export type PolicyCatalog = {
  pii: Record<PiiDetectorName, DetectorInfo>;
  promptInjection: DetectorInfo;
  toxicity: DetectorInfo;
  documentInjection: DetectorInfo;
  /** Whether this server has a judge endpoint, without which the judge rule does nothing. */
  judgeConfigured: boolean;
  /** Finding types ("EMAIL", "KR_RRN") by the name shown next to a highlighted finding. */
  findingLabels: Record<string, string>;
};

// The entity types each PII detector reports (see each detector's findings).
const ENTITY_TYPES: Record<PiiDetectorName, PiiEntityType[]> = {
  email: ["EMAIL"],
  phone: ["PHONE"],
  credit_card: ["CREDIT_CARD"],
  iban: ["IBAN"],
  kr_registration_number: ["KR_RRN", "KR_FRN"],
  kr_business_number: ["KR_BRN"],
  passport: ["PASSPORT"],
  us_ssn: ["US_SSN"],
  ip_address: ["IP_ADDRESS"],
  secrets: ["SECRET"],
  person_name: ["PERSON"],
};

const OTHER_FINDINGS: Record<string, string> = {
  PROMPT_INJECTION: "Prompt injection",
  JAILBREAK: "Jailbreak",
  TOXICITY: "Abusive language",
  HARMFUL_REQUEST: "Request for harmful help",
  BLOCKED_TOPIC: "Blocked topic",
  UNSUPPORTED_CLAIM: "Unsupported statement",
  INVALID_CITATION: "Citation of a missing source",
};

export function policyCatalog(): PolicyCatalog {
  const described = (name: string, label: string, labelKo: string | null = null): DetectorInfo => ({
    label,
    labelKo,
    description: builtInDetectors[name]?.description ?? "",
  });
  const pii = Object.fromEntries(
    PII_DETECTORS.map((name) => {
      const types = ENTITY_TYPES[name].map((type) => piiEntityTypes[type]);
      return [name, described(name, types.map((t) => t.en).join(" / "), types.map((t) => t.ko).join(" / "))];
    }),
  ) as Record<PiiDetectorName, DetectorInfo>;
  return {
    pii,
    promptInjection: described("prompt_injection", "Prompt injection", "프롬프트 인젝션"),
    toxicity: described("toxicity", "Abusive language", "욕설·혐오 표현"),
    documentInjection: described("document_injection", "Instructions planted in documents", "문서에 숨겨진 지시"),
    judgeConfigured: config().judge !== null,
    findingLabels: { ...Object.fromEntries(Object.entries(piiEntityTypes).map(([type, label]) => [type, label.en])), ...OTHER_FINDINGS },
  };
}
