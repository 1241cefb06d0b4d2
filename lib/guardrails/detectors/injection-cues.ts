/**
 * What an instruction aimed at the assistant is made of, as classes of words rather than phrases:
 * who is addressed (you, the assistant), the mood (a command), what is done to the assistant's setup
 * (overridden, declared void, revealed), what it is (rules, a hidden prompt, a secret it was given),
 * and how the attack frames itself (a persona, a mode, "no limits", "from now on", an authority, a
 * dictated reply). A sentence about instructions shares the words but not the combination: it asks a
 * question, names a tool or device, or talks about attacks. The classes are written from how these
 * attacks are built, in English and Korean; a small model (lib/guardrails/models/injection-cues.json) learns how the
 * classes combine, so an attack phrased in words no rule lists still lights up the same classes.
 * A class is a set of words, not a phrase: "rules … suspended" and "guidance is revoked" are one
 * combination (control + voided), whatever the wording.
 *
 * Patterns run on folded text (lower case, look-alikes mapped). Every quantifier is bounded.
 */

import { z } from "zod";
import type { LinearModel } from "@/lib/guardrails/detectors/linear-model";

/** Names the feature set below; a model file written for another one fails to load. */
export const CUE_SCHEME = "injection-cues-v1";

type Cue = { name: string; en: RegExp; ko: RegExp };

const cue = (name: string, en: string, ko: string): Cue => ({ name, en: new RegExp(en), ko: new RegExp(ko) });

const CUES: Cue[] = [
  cue("you", "\\b(?:you|your|yourself|you're|youre|you've|u|ur)\\b", "너|넌|네가|니가|당신|자네|그쪽"),
  cue("assistant", "\\b(?:ai|assistant|chatbot|bot|model|llm|gpt|chatgpt|language\\s+model)\\b", "\\bai\\b|어시스턴트|챗봇|봇|모델|인공지능|도우미|비서|gpt"),
  cue(
    "override",
    "\\b(?:ignor(?:e|ing)|disregard|forget|overrid(?:e|ing)|bypass|skip|drop|abandon|discard|dismiss|cancel|revoke|suspend|lift|disable|deactivate|turn\\s+off|switch\\s+off|stop\\s+following|no\\s+longer\\s+follow|set\\s+aside|scrap|nullify|erase|reset|throw\\s+out|break)\\b",
    "무시|잊|취소|중지|중단|해제|비활성|무효|그만|버려|버리|폐기|정지|꺼|끄|초기화|리셋|우회|어기|깨",
  ),
  cue(
    "control",
    "\\b(?:instructions?|rules?|guidance|guidelines?|restrictions?|limitations?|limits?|filters?|safety|safeguards?|polic(?:y|ies)|programming|prompts?|directives?|constraints?|protocols?|guardrails?|ethics|ethical|morals?|censorship|training|boundaries|principles|configuration|system\\s+message)\\b",
    "지시|지침|규칙|제한|제약|필터|안전|정책|프롬프트|검열|윤리|도덕|가이드라인|설정|원칙|규정|명령|프로그래밍|보안",
  ),
  cue("task", "\\b(?:task|mission|role|job|question|request|assignment|purpose|objective|goal)s?\\b", "임무|작업|역할|질문|요청|과제|목적|목표|업무"),
  cue(
    "prior",
    "\\b(?:previous(?:ly)?|prior|above|earlier|preceding|precedes?|initial|original|before|so\\s+far|up\\s+to\\s+now|starting|opening|beginning|old|existing|default|until\\s+now)\\b",
    "이전|앞|위의|위에|위\\s|처음|원래|초기|기존|지금까지|여태|시작|상기|앞서",
  ),
  cue(
    "hidden",
    "\\b(?:hidden|secret|confidential|internal|private|system|underlying|behind\\s+the\\s+scenes|undisclosed|classified|real|true)\\b",
    "숨겨진|숨긴|비밀(?!번호)|기밀|내부|시스템|감춰진|비공개|진짜|실제",
  ),
  cue(
    "reveal",
    "\\b(?:reveal|show|print|output|display|repeat|echo|tell|give|share|leak|dump|recite|list|paste|copy|return|provide|disclose|expose|summari[sz]e|translate|encode|rewrite|paraphrase|spell|write\\s+(?:out|down)|word\\s+for\\s+word|verbatim|type\\s+out|read\\s+back|quote)\\b",
    "출력|보여|알려|공개|말해|반복|요약|번역|바꿔|적어|복사|누설|나열|인용|읊어|써\\s?줘|털어놔",
  ),
  cue(
    "secret",
    "\\b(?:password|passphrase|passcode|pass\\s+code|access\\s+code|secret|code\\s?word|magic\\s+word|pin|token|credentials?|key|phrase)\\b",
    "비밀번호|암호|패스워드|비밀|코드|문구|토큰|열쇠",
  ),
  cue(
    "received",
    "\\b(?:(?:you|u)\\s+(?:were|have\\s+been|'ve\\s+been|got|was)\\s+(?:told|given|instructed|programmed|asked|trained|configured|set\\s+up|shown|fed)|(?:you|u)\\s+received|given\\s+to\\s+you|assigned\\s+to\\s+you|before\\s+my\\s+(?:message|question|input)|above\\s+this|came\\s+before|precedes)\\b",
    "받은|들은|주어진|입력된|전달받은|설정된|학습한|주입된|앞에\\s?있는|전에\\s?있는",
  ),
  cue(
    "mode",
    "\\b(?:admin|god|developer|dev|debug|maintenance|unrestricted|unfiltered|dan|jailbreak|jailbroken|sudo|root|super(?:user)?|test|evil|unlocked|override|diagnostic|service|raw|uncensored)\\s+mode\\b|\\b(?:enter|switch\\s+to|activate|enable|turn\\s+on|unlock|engage|now\\s+in|you're\\s+in)\\s+\\w{2,20}\\s+mode\\b",
    "모드",
  ),
  cue(
    "no_limits",
    "\\b(?:no|zero|without(?:\\s+any)?|free\\s+(?:of|from))\\s+(?:\\w+\\s+)?(?:restrictions?|limits?|limitations?|rules|filters?|boundaries|censorship|guidelines|ethics|morals|constraints|safeguards)\\b|\\b(?:unrestricted|unfiltered|uncensored|unlimited|limitless|anything|everything|no\\s+matter\\s+what|any\\s+question)\\b",
    "(?:제한|제약|검열|필터|규칙|한계|금기)\\s{0,2}(?:이|가|은|는|도)?\\s{0,2}(?:없|해제)|무제한|무검열|뭐든|무엇이든|모든\\s{0,2}질문|아무\\s{0,2}(?:제한|제약|규칙)",
  ),
  cue(
    "persona",
    "\\b(?:you\\s+are\\s+now|you're\\s+now|you\\s+will\\s+(?:now\\s+)?be|from\\s+now\\s+on\\s+you|act(?:ing)?\\s+as|pretend|role-?play|play\\s+(?:the\\s+)?(?:role|part)|stay\\s+in\\s+character|in\\s+character|become|stop\\s+being|no\\s+longer\\s+(?:an?|the)|persona|character|impersonate|simulate)\\b",
    "(?:지금부터|이제|이제부터|앞으로)\\s{0,2}(?:너는|넌|당신은)|척|연기|역할극|캐릭터|노릇|행세|것처럼|처럼\\s{0,2}행동|빙의|흉내",
  ),
  cue(
    "persist",
    "\\b(?:from\\s+now\\s+on|(?:every|each|all)\\s+(?:future\\s+|subsequent\\s+|next\\s+|later\\s+)?(?:messages?|responses?|replies|answers?|outputs?)|regardless\\s+of|for\\s+the\\s+rest\\s+of|always|no\\s+matter|henceforth|permanently)\\b",
    "앞으로|지금부터|이제부터|항상|모든\\s{0,2}(?:답변|메시지|응답|대답|답)|상관\\s{0,2}없이|무조건|계속|영원히",
  ),
  cue(
    "dictate",
    "\\b(?:say|reply|respond|output|print|answer|write|type|start|begin|end)\\s+(?:\\w+\\s+)?(?:with|only|exactly|just|solely)\\b|\\bthe\\s+(?:exact\\s+)?(?:string|word|words|phrase|sentence)\\b|\\b(?:say|reply|respond|output|print|answer|type)\\s+[\"'“‘]",
    "(?:이?라고|라고만|만)\\s{0,2}(?:말|답|출력|대답|응답|써|적어)|(?:으로|로)\\s{0,2}(?:시작|끝)(?:해|하|내)",
  ),
  cue(
    "authority",
    "\\b(?:admin(?:istrator)?|developers?|operators?|root|sudo|ceo|security\\s+team|openai|anthropic|creators?|owners?|system\\s+(?:update|notice|message|override|administrator))\\b[^.!?\\n]{0,40}\\b(?:approved|authori[sz]ed|granted|override|update|says|instructs|orders|notice|clearance|permission|enabled|allowed)\\b|(?:^|\\n|\\s)(?:\\[|#{2,}\\s{0,2}|<\\|?)(?:system|admin|developer|override|root)|\\b(?:end|begin)\\s+of\\s+(?:user\\s+)?(?:input|prompt|instructions)\\b",
    "(?:관리자|개발자|운영자|시스템|보안팀|대표|사장|회사)(?:가|이|에서|의)?\\s{0,2}[^.!?\\n]{0,20}(?:승인|허가|허락|권한|지시했|명령|공지|업데이트)|(?:\\[|#{2,}\\s{0,2})(?:시스템|관리자|개발자)",
  ),
  cue(
    "voided",
    "\\b(?:revoked|suspended|lifted|disabled|cancell?ed|void|invalid|no\\s+longer\\s+(?:apply|applies|valid|in\\s+effect|active|binding)|removed|expired|deactivated|paused|waived|overridden|replaced|obsolete|turned\\s+off|switched\\s+off|are\\s+off|is\\s+off)\\b",
    "중지됐|중지되|중단됐|해제됐|해제되|취소됐|취소되|무효|꺼졌|꺼져\\s?있|비활성화됐|비활성화되|사라졌|없어졌|폐기됐|정지됐|풀렸|적용되지\\s{0,2}않",
  ),
  cue(
    "meta",
    "\\b(?:injections?|jailbreak(?:s|ing)?|attacks?|attackers?|red\\s+team(?:ing)?|defend|defen[cs]e|prevent|detect(?:ion)?|mitigat\\w*|vulnerab\\w*|phishing|awareness|training\\s+(?:material|course|session)|explain|what\\s+(?:is|are|does)|meaning|example\\s+of|how\\s+do\\s+(?:we|i|you)\\s+(?:stop|block|handle))\\b",
    "인젝션|탈옥|공격|방어|보안\\s{0,2}교육|예방|탐지|막는|막으|막을|차단|의미|뜻|설명|예시|대응",
  ),
  cue(
    "tool",
    "\\b(?:jira|slack|excel|windows|macos|mac|phone|android|iphone|ipad|browser|chrome|firefox|game|engine|app|laptop|server|vpn|printer|router|confluence|outlook|teams|zoom|github|git|docker|kubernetes|aws|azure|database|sql|wifi|bios|device|console|ide|vs\\s?code|xcode|wordpress|salesforce|sap|camera|tv|car|tablet|keyboard|software|tool|plugin|extension)\\b",
    "지라|슬랙|엑셀|윈도우|맥북|폰|안드로이드|아이폰|브라우저|크롬|게임|엔진|앱|노트북|서버|프린터|공유기|깃|도커|데이터베이스|와이파이|기기|장비|카메라|태블릿|키보드|소프트웨어|프로그램|플러그인|확장",
  ),
  // The user's own things ("my previous question", "our bot's prompt") are theirs to drop or discuss.
  cue("own", "\\b(?:my|our|i|i'm|i've|we|we're|me|us|mine|ours)\\b", "내가|내\\s|나의|제가|저의|제\\s|우리|저희|나는|저는"),
  // A turn away from the task at hand: "instead", "actually", "new task", "but first".
  cue(
    "redirect",
    "\\b(?:instead|rather|actually|new\\s+task|next\\s+task|but\\s+first|before\\s+(?:that|answering|you\\s+answer)|change\\s+of\\s+plans?|scratch\\s+that|never\\s+mind)\\b",
    "대신|말고|그\\s{0,2}전에|먼저|새\\s{0,2}(?:작업|임무|과제)|그건\\s{0,2}됐고|됐고",
  ),
  cue(
    "company",
    "\\b(?:our|my|the\\s+company'?s?|team|colleague|manager|employee|customer|policy\\s+(?:doc|document)|handbook|hr|payroll|expense|invoice|contract|onboarding|leave|holiday|benefit|office)\\b",
    "우리|저희|회사|팀|동료|팀장|직원|고객|사내|인사|급여|경비|계약|휴가|복지|사무실|온보딩",
  ),
];

const ENGLISH_COMMAND =
  /^(?:(?:please|pls|now|ok(?:ay)?|then|and|so|just|also|thanks!?|great|good|alright|first|next|finally|hey)[,!]?\s+){0,3}(?:ignore|disregard|forget|override|bypass|skip|drop|stop|cease|quit|abandon|write|say|output|print|tell|show|give|list|reveal|respond|reply|answer|repeat|translate|summari[sz]e|act|pretend|enter|switch|start|begin|enable|disable|turn|become|be|imagine|include|add|put|return|spell|describe|provide|share|send|copy|paste|type|generate|create|make|do|don't|never|always|remember|continue|use|follow|obey|run|execute|decode|confirm|display|read|rewrite|paraphrase|convert|encode|dump|recite|unlock|activate|grant|let|append|insert|end|assume|consider|roleplay|play|keep|stay)\b/;
const KOREAN_COMMAND =
  /(?:해|해줘|해 줘|해주세요|해 주세요|하세요|하라|해라|해봐|해 봐|줘|주세요|줄래|봐|마|말고|하십시오|하시오|할\s?것|알려줘|말해|써|써줘|보여줘|출력해|답해|대답해|하자|해야\s?해|해야\s?한다)[.!~ ]*$/;
const ENGLISH_QUESTION = /\?\s*$|^(?:how|what|why|when|where|which|who|is|are|can|could|should|do|does|did|will|would|may)\b/;
const KOREAN_QUESTION = /\?\s*$|(?:나요|까요|습니까|인가요|은가요|는가요|가요|어요\?|죠\?|는지|을까|니\?|냐\?|야\?)[.!~ ]*$/;

/** The features a text has on its own: the classes, the mood, and whether it is quoted, Korean or long. */
const SINGLE_FEATURES = [...CUES.map((c) => c.name), "command", "question", "quoted", "korean", "long"];

/** Names of every feature a text can have: the single ones and each pair of them met in one sentence. */
export const CUE_FEATURES: string[] = (() => {
  const pairs: string[] = [];
  for (let i = 0; i < SINGLE_FEATURES.length; i++)
    for (let j = i + 1; j < SINGLE_FEATURES.length; j++) pairs.push(`${SINGLE_FEATURES[i]}+${SINGLE_FEATURES[j]}`);
  return [...SINGLE_FEATURES, ...pairs];
})();

const FEATURE_INDEX = new Map(CUE_FEATURES.map((name, i) => [name, i]));

/** Sentences of a folded text: split at sentence ends and line breaks, at most MAX_SENTENCES (the opening, where an attack sets itself up). */
function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?。？！])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .slice(0, MAX_SENTENCES);
}
const MAX_SENTENCES = 60;

/** The classes one sentence shows, as indices into the single features. */
function sentenceCues(sentence: string): number[] {
  const korean = /[가-힣]/.test(sentence);
  const latin = /[a-z]/.test(sentence);
  const found: number[] = [];
  CUES.forEach((c, i) => {
    if ((latin && c.en.test(sentence)) || (korean && c.ko.test(sentence))) found.push(i);
  });
  const base = CUES.length;
  if ((latin && ENGLISH_COMMAND.test(sentence)) || (korean && KOREAN_COMMAND.test(sentence))) found.push(base);
  if ((latin && ENGLISH_QUESTION.test(sentence)) || (korean && KOREAN_QUESTION.test(sentence))) found.push(base + 1);
  if (/["“”'‘’「」『』]/.test(sentence)) found.push(base + 2);
  if (korean) found.push(base + 3);
  return found;
}

/**
 * The features of a folded text: the classes and pairs of classes of every sentence, pooled over the
 * text (a class counts once however often it appears), plus "long" for a text of many sentences.
 */
export function cueFeatures(text: string): number[] {
  const names = new Set<string>();
  const sentences = sentencesOf(text);
  for (const sentence of sentences) {
    const found = sentenceCues(sentence);
    for (let a = 0; a < found.length; a++) {
      names.add(SINGLE_FEATURES[found[a]!]!);
      for (let b = a + 1; b < found.length; b++) names.add(`${SINGLE_FEATURES[found[a]!]}+${SINGLE_FEATURES[found[b]!]}`);
    }
  }
  if (sentences.length > 8) names.add("long");
  return [...names].map((name) => FEATURE_INDEX.get(name)!).sort((x, y) => x - y);
}

const cueModelFileSchema = z.object({
  name: z.string(),
  features: z.literal(CUE_SCHEME),
  bias: z.number(),
  /** Probability above which the model's opinion starts to count as evidence. */
  threshold: z.number().min(0).max(1),
  provenance: z.record(z.string(), z.unknown()),
  /** Weight per feature name (CUE_FEATURES); features without a weight weigh nothing. */
  weights: z.record(z.string(), z.number()),
});

export type CueModelFile = z.infer<typeof cueModelFileSchema>;

/** A committed cue model, checked: an unknown feature name means the file was written for other classes. */
export function loadCueModel(content: unknown): LinearModel {
  const parsed = cueModelFileSchema.safeParse(content);
  if (!parsed.success)
    throw new Error(`guardrails: invalid cue model file (${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")})`);
  const file = parsed.data;
  const weights = new Float64Array(CUE_FEATURES.length);
  for (const [name, weight] of Object.entries(file.weights)) {
    const index = FEATURE_INDEX.get(name);
    if (index === undefined) throw new Error(`guardrails: cue model ${file.name} weighs an unknown feature "${name}"; retrain with npm run train:guardrails`);
    weights[index] = weight;
  }
  return {
    name: file.name,
    threshold: file.threshold,
    probability(foldedText: string): number {
      let logit = file.bias;
      for (const index of cueFeatures(foldedText)) logit += weights[index]!;
      return 1 / (1 + Math.exp(-logit));
    },
  };
}
