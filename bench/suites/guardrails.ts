import { percentiles } from "@/bench/machine";
import { adversarialInputs } from "@/eval/guardrails/adversarial";
import { builtInDetectors, checkGroundedness, piiDetectors } from "@/lib/guardrails/detectors";
import { documentInjectionDetector, promptInjectionDetector } from "@/lib/guardrails/detectors/injection";
import { toxicityDetector } from "@/lib/guardrails/detectors/toxicity";

// Guardrail latency: what scanning adds to a chat turn, and how the detectors hold up against a
// megabyte of input built to make regular expressions backtrack.
export const name = "guardrails";

const INPUT_RUNS = 2000;
const OUTPUT_RUNS = 1000;
const WARMUP_RUNS = 200;

export async function run(): Promise<Record<string, unknown>> {
  const detectors = Object.values(builtInDetectors).map((entry) => entry.detector);
  const prompt = realisticPrompt();
  const answer = realisticAnswer();
  const passages = realisticPassages();

  const scanInput = () => {
    for (const detector of detectors) detector.scan(prompt);
  };
  const scanOutput = () => {
    for (const detector of piiDetectors) detector.scan(answer);
    toxicityDetector.scan(answer);
    checkGroundedness(answer, passages);
  };
  for (let i = 0; i < WARMUP_RUNS; i++) {
    scanInput();
    scanOutput();
  }
  // Latency first: the megabyte inputs below leave garbage behind that would slow these down.
  const inputScan = { ...percentiles(timed(scanInput, INPUT_RUNS)), chars: prompt.length, utf8_bytes: utf8Bytes(prompt), detectors: detectors.length };
  const userInputDetectors = detectors.filter((detector) => detector.name !== "document_injection");
  const userInputScan = percentiles(
    timed(() => {
      for (const detector of userInputDetectors) detector.scan(prompt);
    }, INPUT_RUNS),
  );
  const outputScan = { ...percentiles(timed(scanOutput, OUTPUT_RUNS)), chars: answer.length, utf8_bytes: utf8Bytes(answer), passages: passages.length };
  // The injection detectors alone (issue 10: a 2 KB prompt scans in p50 < 1 ms): the user-message
  // configuration on the prompt, the document configuration (with its out-of-place request check) on
  // the same text read as a retrieved passage.
  const injectionScan = percentiles(timed(() => promptInjectionDetector.scan(prompt), INPUT_RUNS));
  const documentInjectionScan = percentiles(timed(() => documentInjectionDetector.scan(prompt), INPUT_RUNS));

  const adversarial: Record<string, unknown> = {};
  for (const [inputName, input] of Object.entries(adversarialInputs())) {
    const perDetector: Record<string, number> = {};
    let total = 0;
    for (const detector of detectors) {
      const started = performance.now();
      detector.scan(input);
      const elapsed = performance.now() - started;
      perDetector[detector.name] = Math.round(elapsed * 10) / 10;
      total += elapsed;
    }
    const started = performance.now();
    checkGroundedness(input, [input.slice(0, 4096)]);
    perDetector.groundedness = Math.round((performance.now() - started) * 10) / 10;
    total += perDetector.groundedness;
    adversarial[inputName] = { total_ms: Math.round(total * 10) / 10, per_detector_ms: perDetector };
  }

  return {
    input_scan_2kb_all_detectors: inputScan,
    // What a chat turn runs on the prompt: document_injection is meant for retrieved passages.
    input_scan_2kb_user_input_detectors: { ...userInputScan, detectors: userInputDetectors.length },
    output_scan_1kb_answer_pii_toxicity_groundedness: outputScan,
    injection_scan_2kb_prompt: { ...injectionScan, utf8_bytes: utf8Bytes(prompt) },
    document_injection_scan_2kb: { ...documentInjectionScan, utf8_bytes: utf8Bytes(prompt) },
    adversarial_1mb: adversarial,
  };
}

function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

function timed(work: () => void, runs: number): number[] {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    samples.push(performance.now() - started);
  }
  return samples;
}

/** About 2 KB of the mixed Korean and English a user pastes into an enterprise assistant. */
function realisticPrompt(): string {
  return [
    "안녕하세요, 인사팀 김민수 과장입니다. 다음 주 월요일부터 시작되는 신입사원 온보딩 일정과 관련해서 몇 가지 확인 부탁드립니다.",
    "Please review the attached onboarding checklist and tell me which steps are required by the security policy (section 4.2) and which are optional.",
    "신입사원 연락처는 010-2345-6789, 이메일은 minsu.kim@example.co.kr 입니다. 노트북 지급 요청은 IT 헬프데스크(내선 1234)로 이미 접수했습니다.",
    "Also, can you summarise the parental leave rules for employees who joined less than a year ago? I remember the handbook says something about 90 days, but I'm not sure whether that applies to contractors as well.",
    "그리고 사내 VPN 접속이 안 되는 경우 어떤 절차로 문의해야 하는지, 보안 교육 이수 기한은 언제까지인지도 알려주세요.",
    "Our team is preparing the quarterly report for the leadership meeting on Friday; the draft is in the shared drive under Finance/2026/Q2. Could you list the key metrics we usually include and the approval chain for publishing it internally?",
    "마지막으로, 출장비 정산 시 법인카드 영수증을 분실한 경우 대체 증빙으로 무엇을 제출해야 하는지 규정을 찾아서 정리해 주시면 감사하겠습니다.",
    "For context, last quarter two of the new hires could not access the HR portal during their first week because their accounts were created late, and one of them had to submit the tax withholding form on paper. I want to avoid that this time, so please also check whether the account creation request must be filed before the start date and who approves it.",
    "추가로 재택근무 신청 기준(주 2회까지 가능한지), 사내 메신저 보안 설정 권장 사항, 그리고 개인정보 처리 동의서 양식이 최신 버전인지도 함께 확인해 주세요. 작년 감사에서 지적된 사항이 있었다고 들었습니다.",
    "Thanks in advance — I need this before the 3pm sync with the department heads so that we can finalise the plan for the new hires.",
  ].join("\n\n");
}

/** About 1 KB of a grounded, cited answer. */
function realisticAnswer(): string {
  return [
    "Here is a summary of the relevant rules from the handbook and the expense policy.",
    "According to the employee handbook, parental leave is available to all permanent employees after their probation period [1].",
    "Employees with less than one year of service receive 90 days of paid parental leave, and contractors are not covered by this policy [1].",
    "휴가 신청은 인사 포털에서 최소 30일 전에 제출해야 하며, 팀장 승인이 필요합니다 [2].",
    "If the corporate card receipt is lost, submit a signed loss statement together with the card statement as substitute evidence [3].",
    "법인카드 영수증 분실 시 분실 확인서와 카드 명세서를 함께 제출하면 대체 증빙으로 인정됩니다 [3].",
    "Employees with one year of service or more receive 120 days instead [1].",
    "출장비 정산은 출장 종료 후 14일 이내에 경비 시스템에서 신청해야 합니다.",
    "For questions, contact the HR service desk at hr-help@example.co.kr.",
  ].join(" ");
}

function realisticPassages(): string[] {
  return [
    "Parental leave. All permanent employees are eligible for parental leave after completing the probation period. Employees with less than one year of service receive 90 days of paid parental leave; employees with one year or more receive 120 days. Contractors and interns are not covered by this policy.",
    "휴가 신청 절차: 모든 휴가는 인사 포털을 통해 신청합니다. 육아휴직 및 장기 휴가는 시작일 최소 30일 전에 신청해야 하며, 소속 팀장의 승인이 필요합니다.",
    "Expense claims must be filed in the expense system within 14 days after the trip ends. 출장비 정산은 출장 종료 후 14일 이내에 신청합니다. If a corporate card receipt is lost, the employee must submit a signed loss statement and the card statement as substitute evidence. 법인카드 영수증을 분실한 경우 분실 확인서와 카드 명세서를 대체 증빙으로 제출합니다.",
  ];
}
