import { finding, type Detector, type Finding } from "@/lib/guardrails/findings";

type TokenPattern = { kind: string; pattern: RegExp; confidence: number };

// Vendor tokens have fixed prefixes, so they are reported with high confidence wherever they appear.
// Every quantifier is bounded and every pattern starts at a non-token character.
const TOKENS: TokenPattern[] = [
  { kind: "aws_access_key", pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}(?![A-Za-z0-9])/g, confidence: 0.95 },
  { kind: "github_token", pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,242})(?![A-Za-z0-9_])/g, confidence: 0.95 },
  { kind: "slack_token", pattern: /(?<![A-Za-z0-9-])xox[abposr]-[A-Za-z0-9-]{10,250}(?![A-Za-z0-9-])/g, confidence: 0.95 },
  { kind: "slack_webhook", pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9_]{6,16}\/B[A-Za-z0-9_]{6,16}\/[A-Za-z0-9_]{16,40}/g, confidence: 0.95 },
  {
    kind: "openai_key",
    pattern: /(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-|ant-(?:api|admin)\d\d-)?[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])/g,
    confidence: 0.9,
  },
  { kind: "google_api_key", pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g, confidence: 0.95 },
  { kind: "stripe_key", pattern: /(?<![A-Za-z0-9_])(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z]{16,99}(?![A-Za-z0-9_])/g, confidence: 0.95 },
  { kind: "jwt", pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,4000}\.[A-Za-z0-9_-]{16,1000}(?![A-Za-z0-9_-])/g, confidence: 0.9 },
  { kind: "bearer_token", pattern: /(?<=\bBearer\s{1,4})[A-Za-z0-9._~+/-]{20,500}=*(?![A-Za-z0-9._~+/=-])/g, confidence: 0.85 },
  {
    kind: "connection_string_password",
    pattern: /(?<=\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|mssql|sqlserver):\/\/[^\s:/@]{1,64}:)[^\s@/]{1,128}(?=@)/g,
    confidence: 0.9,
  },
];

// `password = hunter2`, `api_key: "…"`, `비밀번호: …`: the value after a secret-sounding key.
const KEY_VALUE =
  /(?<![A-Za-z0-9_])(?:pass(?:word|wd|phrase)?|pwd|secret(?:[_-]?key)?|client[_-]?secret|api[_-]?key|apikey|access[_-]?(?:key|token)(?:[_-]?id)?|auth[_-]?token|private[_-]?key|token|credentials?|비밀번호|패스워드|암호|비번)["']?\s{0,3}(?:[:=]|=>|：)\s{0,3}(?:"([^"\s]{4,200})"|'([^'\s]{4,200})'|([^\s"',;]{4,200}))/gi;

const PEM_BEGIN = /-----BEGIN (?:[A-Z0-9]+ ){0,4}PRIVATE KEY(?: BLOCK)?-----/g;
const PEM_END = /-----END (?:[A-Z0-9]+ ){0,4}PRIVATE KEY(?: BLOCK)?-----/g;

/** Credentials: cloud and SaaS tokens, JWTs, PEM private keys and `password=…`-style assignments. */
export const secretsDetector: Detector = {
  name: "secrets",
  scan(text: string): Finding[] {
    const findings: Finding[] = [];
    for (const { pattern, confidence } of TOKENS) {
      for (const match of text.matchAll(pattern)) findings.push(finding("secrets", "SECRET", text, match.index, match.index + match[0].length, confidence));
    }
    for (const match of text.matchAll(KEY_VALUE)) {
      const value = match[1] ?? match[2] ?? match[3]!;
      if (!looksLikeSecretValue(value)) continue;
      const start = match.index + match[0].lastIndexOf(value);
      findings.push(finding("secrets", "SECRET", text, start, start + value.length, 0.8));
    }
    findings.push(...privateKeyBlocks(text));
    return findings;
  },
};

/**
 * A PEM block runs from its BEGIN line to the next END line. END positions are collected once and
 * walked with a single cursor, so many unterminated BEGIN lines cannot make the scan quadratic; an
 * unterminated block is reported up to the end of its header (the key is cut off but still leaked).
 */
function privateKeyBlocks(text: string): Finding[] {
  const ends = [...text.matchAll(PEM_END)].map((match) => match.index + match[0].length);
  const findings: Finding[] = [];
  let cursor = 0;
  let coveredUntil = -1;
  for (const match of text.matchAll(PEM_BEGIN)) {
    if (match.index < coveredUntil) continue;
    while (cursor < ends.length && ends[cursor]! <= match.index) cursor++;
    const end = ends[cursor] ?? match.index + match[0].length;
    coveredUntil = end;
    findings.push(finding("secrets", "SECRET", text, match.index, end, 0.99));
  }
  return findings;
}

/** Placeholders and prose after "password:" are not secrets; a PIN or a value with digits, symbols or mixed case is. */
function looksLikeSecretValue(value: string): boolean {
  if (/^[*•x.]+$/i.test(value) || /^<.*>$|^\$\{.*\}$|^\{\{.*\}\}$|^%.*%$/.test(value)) return false;
  if (/^(?:none|null|nil|true|false|required|optional|changeme|password|secret|your[_-]?\w*|example|string|undefined)$/i.test(value)) return false;
  if (/^\p{Script=Hangul}+$/u.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((cls) => cls.test(value)).length;
  return classes >= 2 || value.length >= 12 || /^\d+$/.test(value);
}
