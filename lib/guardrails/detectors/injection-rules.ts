/**
 * Signals of prompt injection and jailbreaks, written from how these attacks are built (instruction
 * override, system-prompt extraction, persona hijack, removal of restrictions, fake chat-template
 * delimiters, instructions aimed at the assistant's answer), not from any data set's wording.
 *
 * Patterns run on the folded text from `deobfuscate` (lower case, look-alikes mapped, spaced letters
 * joined). Each signal has a weight: strong signals decide alone, weak ones (a persona, addressing an
 * AI) only count together with others. Every quantifier is bounded so no pattern can backtrack far.
 */

export type InjectionKind = "PROMPT_INJECTION" | "JAILBREAK";

export type InjectionRule = {
  id: string;
  kind: InjectionKind;
  weight: number;
  pattern: RegExp;
  /** Tested on the hit with a little text around it; a match cancels the hit (negation, a question about safety). */
  unless?: RegExp;
  /** Tested on the hit's whole sentence; a match cancels it (a phone's developer mode, writing one's own system prompt). */
  unlessSentence?: RegExp;
  /** Fires on naming the subject ("jailbreak", "chatbot"): in a message that discusses attacks, it says nothing. */
  namesSubject?: boolean;
  /** Counts only where the text is a retrieved document: instructions aimed at the answer are normal in a user's request. */
  documentOnly?: boolean;
  /**
   * Each repetition adds this much evidence, up to `weight`: one "you will always…" is a normal request,
   * a dozen rules of conduct for the assistant are a jailbreak script.
   */
  perRepetition?: number;
};

const rule = (id: string, kind: InjectionKind, weight: number, source: string, extra: Partial<InjectionRule> = {}): InjectionRule => ({
  id,
  kind,
  weight,
  pattern: new RegExp(source, "g"),
  ...extra,
});

// Qualifiers that point back at earlier instructions: "all previous", "the above", "your initial"…
const BACK_REFERENCE =
  "(?:all|any|every|each|of|the|your|my|our|these|those|its|their|everything|above|previous(?:ly)?|prior|earlier|preceding|former|initial|original|old|existing|current|given|default|system|developer|safety|programmed|pre-?set|that|you|were|have|been|told|received|got|ethical|moral|and|other|rest|such|one)";
// Words that only point backwards ("the above", "previous"), needed before nouns as plain as "text".
const POSITIONAL = "(?:above|previous(?:ly)?|prior|earlier|preceding|initial|original|system|all\\s+(?:the\\s+)?(?:above|previous|prior))";
const INSTRUCTION_NOUN =
  "(?:instructions?|directives?|directions?|rules?|guidelines?|guidance|prompts?|commands?|orders?|constraints?|restrictions?|programming|guardrails?|polic(?:y|ies)|filters?|safeguards?|training|conditioning|limitations?|boundaries|protocols?)";
// Nouns that are everyday words too ("ignore the text"): they count only after a POSITIONAL word.
const CONTENT_NOUN = "(?:text|content|messages?|conversation|context|tasks?|requests?|settings?|configuration|input)";
// "it is important not to disregard safety protocols" is advice, "should I disregard the old
// instructions?" is a user asking about their own documents, and "our intern told the chatbot to
// forget its rules" reports what someone told a third party: none tells the assistant anything.
const NOT_AN_OVERRIDE =
  /\b(?:told|asked|instructed|ordered|got|made|tricked|convinced|forced|wanted|wants|tried\s+to\s+(?:make|get))\s+(?:(?:the|a|an|our|their|its|his|her|this|that|some|another)\s+(?:\w+\s+){0,2}?|(?:him|her|them|it)\s+)(?:to\s+)?(?:ignor|disregard|forget|skip|overrid|bypass)|\b(?:not|never|n't|avoid|without)\s+(?:\w+\s+){0,2}(?:ignor|disregard|forget|skip|overrid|bypass|neglect|omit|abandon|discard|dismiss|drop|set\s+aside|throw)|\b(?:should|can|could|may|must|do|shall)\s+(?:i|we)\s+(?:just\s+|still\s+|now\s+)?(?:ignor|disregard|forget|skip|overrid|bypass|neglect|omit|abandon|discard|dismiss|drop)/;
// What an assistant may have been told to keep secret in hijacking and extraction games.
const SECRET_NOUN =
  "(?:password|passphrase|pass\\s?code|passcode|access\\s+code|secret\\s+(?:word|key|code|phrase)|secret|code\\s?word|magic\\s+word|pin\\s+code)";
// What the assistant was set up with: instructions, configuration, its system message.
const SETUP_NOUN =
  "(?:instructions?|configuration|config|prompt|system\\s+(?:message|prompt)|rules|guidelines|directives|programming|setup|initial\\s+message)";
const NEGATED_REMOVAL = /\b(?:not|never|n't|avoid|without)\s+(?:\w+\s+){0,2}(?:bypass|remov|disabl|ignor|lift|break|abandon)/;

// Devices and software whose "developer mode" or "admin rights" an employee may fairly ask about.
const DEVICE_CONTEXT =
  /\b(?:android|iphone|ipad|ios|phones?|galaxy|pixel|chrome(?:book)?|windows|mac(?:os|book)?|linux\s+(?:laptop|desktop|pc)|laptops?|tablets?|devices?|extensions?|browsers?|visual\s+studio|xcode|apps?|consoles?|routers?|tv|firmware|bios|printers?|installers?|programs?|software|settings\s+menu)\b|갤럭시|휴대폰|핸드폰|스마트폰|폰|안드로이드|아이폰|아이패드|윈도우|크롬|맥북|노트북|태블릿|기기|단말|브라우저|확장\s?프로그램|프로그램|앱|설치|공유기|프린터|컴퓨터|pc/;
// A mode that belongs to a thing named in the sentence ("developer mode in Jira", "the engine's god
// mode", "게임 엔진 문서에 나오는 갓 모드"), whatever the thing: a closed list of devices cannot name
// every tool an employee uses. The assistant's own mode is not attributed ("enter developer mode"),
// or is attributed to the assistant or the chat ("in this chat", "your", "이 대화에서").
const MODE_OF_A_THING =
  /\bmodes?\s+(?:in|on|of|for|inside|within)\s+(?!(?:(?:the|our|my|a|an|this|that|their|his|her|its)\s+)?(?:you|your|yourself|now|all|every|any|each|me|us|chat|conversation|session|thread|rest|remainder|assistant|ai|bot|model|chatgpt|gpt|llm|claude|gemini|bard|answers?|responses?|replies|reply|future|next|remaining|whole|entire|please|good|real)\b)[a-z0-9]|\b(?!(?:your|ur|chatgpt|gpt|assistant|ai|bot|model|llm|claude|gemini|bard)\b)[a-z0-9]+(?:'s|s')\s+(?:\w+\s+)?modes?\b|(?<!너|너의|네|니|당신|당신의|이\s?대화|대화|채팅|세션)(?:의|에서|에\s{0,2}(?:있는|나오는|들어\s?있는))\s{0,2}(?:[가-힣a-z0-9]+\s{0,2}){0,2}모드/;
// The assistant's mode only: neither a device's nor a named thing's.
const NOT_THE_ASSISTANTS_MODE = new RegExp(`${DEVICE_CONTEXT.source}|${MODE_OF_A_THING.source}`);

// Writing, reviewing or comparing a prompt of one's own is a job, not an extraction.
const OWN_PROMPT_WORK =
  /\b(?:write|writing|draft(?:ing)?|design(?:ing)?|create|creating|review(?:ing)?|improv(?:e|ing)|templates?|examples?|difference|best\s+practices|tips|good|style\s+guide|for\s+(?:our|my|a|an)\s+(?:\w+\s+){0,2}(?:bot|chatbot|assistant|agent|app))\b|작성|만들|쓰는\s?법|초안|차이|예시|템플릿|설계|검토|개선|팁|잘\s?쓰|용\s?(?:시스템|프롬프트)/;

export const ENGLISH_RULES: InjectionRule[] = [
  // Instruction override.
  rule(
    "override_previous",
    "PROMPT_INJECTION",
    0.95,
    `\\b(?:ignor(?:e|ing)|disregard(?:ing)?|forget(?:ting)?|overrid(?:e|ing)|bypass(?:ing)?|neglect|abandon|set\\s+aside|throw\\s+out|stop\\s+following|(?:don'?t|do\\s+not|no\\s+longer)\\s+follow)(?:\\s+${BACK_REFERENCE}){1,6}\\s+${INSTRUCTION_NOUN}\\b`,
    { unless: NOT_AN_OVERRIDE },
  ),
  // Attacks switch language to slip past filters that read one: the same override in the other
  // Latin-script languages an enterprise meets most (German, French, Spanish, Italian, Portuguese,
  // Dutch), imperative verb towards earlier or the assistant's instructions. The folded text has no
  // accents ("règles" reads "regles").
  rule(
    "override_previous_other_language",
    "PROMPT_INJECTION",
    0.9,
    "\\b(?:ignoriere|ignorier|vergiss|missachte)\\s+(?:(?:alle|alles|die|deine|ihre|samtliche|vorherigen|bisherigen|obigen|vorigen|fruheren|vorangegangenen|bis|jetzt|gegebenen)\\s+){1,4}(?:anweisungen|anweisung|befehle|regeln|instruktionen|vorgaben|richtlinien)\\b" +
      "|\\b(?:ignore[zr]?|oublie[zr]?)\\s+(?:(?:toutes|tout|les|tes|vos|ses|des|consignes\\s+et)\\s+){1,3}(?:instructions|consignes|regles|directives)\\b" +
      "|\\b(?:ignora|ignore|ignorad|olvida|olvide|olvidad)\\s+(?:(?:todas|todo|las|tus|sus|los)\\s+){1,3}(?:instrucciones|reglas|ordenes|indicaciones|directrices)\\b" +
      "|\\b(?:ignora|dimentica|dimenticate|ignorate)\\s+(?:(?:tutte|tutto|le|tue|sue|gli)\\s+){1,3}(?:istruzioni|regole|indicazioni|direttive)\\b" +
      "|\\b(?:ignore|ignora|esqueca|esquece)\\s+(?:(?:todas|tudo|as|suas|tuas|os)\\s+){1,3}(?:instrucoes|regras|ordens|diretrizes)\\b" +
      "|\\b(?:negeer|vergeet)\\s+(?:(?:alle|al|de|je|jouw|uw|vorige|eerdere)\\s+){1,3}(?:instructies|regels|opdrachten|richtlijnen)\\b",
  ),
  rule(
    "forget_everything_other_language",
    "PROMPT_INJECTION",
    0.7,
    "\\b(?:vergiss\\s+alles|oublie[zr]?\\s+tout|olvida(?:d)?\\s+todo|dimentica\\s+tutto|esque(?:ca|ce)\\s+tudo|vergeet\\s+alles)\\b",
  ),
  // "skip", "drop" and "omit" are everyday verbs for filters and sections; with instructions they are not.
  rule(
    "override_by_omission",
    "PROMPT_INJECTION",
    0.9,
    `\\b(?:skip|drop|omit|dismiss|discard)(?:\\s+${BACK_REFERENCE}){1,6}\\s+(?:instructions?|directives?|rules|guidelines|prompts?|programming|guardrails|safeguards|training|conditioning)\\b`,
    { unless: NOT_AN_OVERRIDE },
  ),
  // A user may fairly say "forget the previous conversation"; only with other signals is it an attack.
  rule(
    "override_content",
    "PROMPT_INJECTION",
    0.55,
    `\\b(?:ignor(?:e|ing)|disregard(?:ing)?|forget(?:ting)?|overrid(?:e|ing))(?:\\s+(?:all|the|your|my|of|everything|any)){0,3}?\\s+${POSITIONAL}(?:\\s+${BACK_REFERENCE}){0,3}\\s+${CONTENT_NOUN}\\b`,
    { unless: NOT_AN_OVERRIDE },
  ),
  rule(
    "forget_everything",
    "PROMPT_INJECTION",
    0.7,
    "\\bforget\\s+(?:about\\s+)?(?:everything|all(?:\\s+of)?\\s+(?:that|this|it))\\b(?:\\s+(?:you|i|we|above|before|previously|said|told|learned|know|from|so\\s+far|until\\s+now)){0,4}",
  ),
  // What the assistant was told, pointed at from outside: "ignore what you were told", "forget the previous tasks".
  rule(
    "override_what_you_were_told",
    "PROMPT_INJECTION",
    0.9,
    "\\b(?:ignor(?:e|ing)|disregard(?:ing)?|forget(?:ting)?|overrid(?:e|ing)|discard|drop)\\s+(?:(?:all|everything|anything)\\s+)?(?:what|that|which)?\\s*(?:you\\s+(?:were|have\\s+been|'ve\\s+been|got)\\s+(?:told|given|instructed|asked|programmed|taught)|(?:was|were)\\s+(?:said|written|told)\\s+(?:before|above|earlier))\\b|\\b(?:ignor(?:e|ing)|disregard(?:ing)?|forget(?:ting)?|abandon)\\s+(?:all\\s+)?(?:the\\s+|your\\s+)?(?:previous|prior|earlier|preceding|above|former|old|original)\\s+(?:tasks?|assignments?|missions?|jobs?|goals?|objectives?)\\b",
    { unless: NOT_AN_OVERRIDE },
  ),
  // Earlier instructions declared void: "the previous rules were a test", "your programming has been updated".
  rule(
    "instructions_declared_void",
    "PROMPT_INJECTION",
    0.85,
    `\\b(?:${POSITIONAL}|your|the\\s+(?:above|previous|prior|old|original|initial))\\s+(?:\\w+\\s+){0,2}?${INSTRUCTION_NOUN}\\s+(?:(?:were|was|are|is|have\\s+been|has\\s+been)\\s+)(?:(?:just|only|all|now|merely)\\s+)?(?:a\\s+test|fake|void|invalid|revoked|cancel(?:l)?ed|lifted|removed|disabled|overridden|replaced|updated|changed|obsolete|no\\s+longer\\s+(?:valid|active|apply|applicable|in\\s+effect))\\b|\\b(?:everything|all(?:\\s+the\\s+text)?|the\\s+text|anything)\\s+(?:above|before)(?:\\s+this(?:\\s+(?:line|message|point))?)?\\s+(?:was|is|were)\\s+(?:written\\s+by|from|sent\\s+by)\\s+(?:an?\\s+|the\\s+)?(?:attacker|hacker|impostor|someone\\s+else|malicious|untrusted|fake)`,
  ),
  rule(
    "obey_me",
    "JAILBREAK",
    0.6,
    "\\b(?:(?:obey|follow|listen\\s+to)\\s+(?:only\\s+)?(?:me|my\\s+(?:commands|orders|instructions))(?:\\s+only)?|only\\s+(?:obey|follow|listen\\s+to)\\s+me)\\b",
  ),
  rule(
    "real_task",
    "PROMPT_INJECTION",
    0.7,
    "\\byour\\s+(?:real|true|new|actual|only|next|updated)\\s+(?:task|job|goal|purpose|mission|instructions?|objective|role)\\s+(?:is|are|will\\s+be|now)\\b",
  ),
  rule(
    "new_instructions_header",
    "PROMPT_INJECTION",
    0.55,
    "\\b(?:new|updated|revised|real|actual|true|secret|hidden|override|overriding|priority)\\s+(?:instructions?|task|rules?|directives?|system\\s+prompt|orders|objective|goal|mission|assignment)\\s*[:：\\-–]",
  ),
  // Below MODEL_GATE: "from now on, answer in bullet points" is an ordinary request until something else joins it.
  rule(
    "from_now_on",
    "JAILBREAK",
    0.3,
    "\\b(?:from\\s+now\\s+on|from\\s+this\\s+(?:point|moment)\\s+(?:on|forward)|for\\s+the\\s+rest\\s+of\\s+(?:this|our|the)\\s+conversation)\\b",
  ),
  rule(
    "instead_say",
    "PROMPT_INJECTION",
    0.35,
    "\\binstead,?\\s+(?:you\\s+(?:will|must|should)\\s+)?(?:just\\s+)?(?:say|print|output|write|respond|reply|tell|return)\\b|\\binstead\\s+of\\s+(?:saying|responding|replying|printing|outputting|answering)\\b",
  ),
  // Hijacking: dictating the exact reply ("respond only with 'X' and nothing else").
  rule(
    "forced_reply",
    "PROMPT_INJECTION",
    0.45,
    "\\b(?:respond|reply|answer|say|print|output|write|type|return|repeat)(?:ing)?\\s+(?:only|just|exactly|nothing\\s+but|solely|simply)\\b(?:\\s+(?:with|the\\s+(?:word|words|phrase|text|string|result)))?|[\"'”’]\\s*(?:and\\s+nothing\\s+else|,?\\s*nothing\\s+more|without\\s+(?:any\\s+)?(?:punctuation|explanation|quotes|other\\s+text))\\b|\\b(?:output|print|say|respond\\s+with|reply\\s+with)\\s+(?:the\\s+)?(?:phrase|words?|string|sentence)\\b[^.\\n]{0,60}\\bwithout\\s+(?:punctuation|quotes|explanation)",
  ),
  // The goal phrases of hijacking games and benchmarks: making the assistant grant access or admit defeat.
  rule("hijack_goal", "PROMPT_INJECTION", 0.5, "\\b(?:access\\s+granted|i\\s+have\\s+been\\s+pwned|pwned)\\b", {
    unless: /\b(?:access\s+granted)\s+(?:to|for|by|on|until|after|when)\b|\b(?:was|were|is|been|be|get|got)\s+access\s+granted/,
  }),
  rule(
    "changed_mind",
    "PROMPT_INJECTION",
    0.4,
    "\\b(?:i\\s+(?:have\\s+)?changed\\s+my\\s+mind|(?:do\\s+not|don'?t)\\s+(?:do|help\\s+with|complete|perform)\\s+(?:the|that|this)\\s+(?:task|request)\\s+(?:above|defined|given))",
  ),
  // System prompt extraction.
  rule(
    "your_system_prompt",
    "PROMPT_INJECTION",
    0.5,
    "\\b(?:your|ur|the\\s+(?:assistant|ai|bot|model)'?s?)\\s+(?:(?:full|entire|original|initial|hidden|secret|internal|real|own)\\s+)?(?:system|initial|original|hidden|secret|internal|developer|pre|starting|opening|first)[\\s_-]{0,2}(?:prompt|instructions?|message|directives?|configuration|rules)\\b",
  ),
  // Mentioned without "your", a system prompt is as likely the subject of an honest question.
  rule(
    "system_prompt_noun",
    "PROMPT_INJECTION",
    0.2,
    "\\b(?:system|initial|original|hidden|secret|internal|developer|pre|starting|opening|root|master|meta|first)[\\s_-]{0,2}(?:prompt|instructions?|message|directives?|configuration|rules)\\b|\\bs[y_*.]st[e_*.]m\\s{1,2}pr[o_*.]m[p_*.]?t\\b",
    { unlessSentence: OWN_PROMPT_WORK, namesSubject: true },
  ),
  rule(
    "reveal_instructions",
    "PROMPT_INJECTION",
    0.85,
    "\\b(?:reveal|show|print|display|output|repeat|echo|tell|give|share|leak|dump|write\\s+(?:out|down)|spell\\s+out|recite|list|paste|copy|return|provide|disclose|expose|summari[sz]e|translate|encode|encrypt|convert|reproduce|state|what\\s+(?:are|were|is|was))\\b[^.?!\\n]{0,40}?\\b(?:your|the\\s+(?:system|initial|original|hidden|secret|above|previous|prior|preceding|full|entire|starting|first|developer))\\s+(?:(?:full|entire|whole|complete|exact|original|initial|first|hidden|secret|internal|system|previous|prior|above|starting|opening|current|real|core|underlying)\\s+){0,3}(?:system\\s+)?(?:prompts?|instructions?|directives?|rules|guidelines|configuration|programming|message|setup)\\b",
    {
      unless:
        /\b(?:instructions?|rules|guidelines|directives|prompts?)\s+(?:(?:that|which)\s+)?(?:the|our|my|from|for)\s+(?!you\b|assistant|ai\b|model|bot|system)[a-z]/,
    },
  ),
  rule(
    "what_were_you_told",
    "PROMPT_INJECTION",
    0.8,
    "\\b(?:what|everything|anything)\\s+(?:were|have)\\s+you\\s+(?:been\\s+)?(?:told|instructed|programmed|asked|given|taught)\\b|\\b(?:summari[sz]e|repeat|list|print|show|tell\\s+me|recite|reveal|translate)\\s+(?:me\\s+)?(?:everything|all|anything|what)\\s+(?:that\\s+)?you\\s+(?:were|have\\s+been|'ve\\s+been)\\s+(?:told|instructed|given|programmed|taught)\\b|\\b(?:instructions|rules|prompt)\\s+(?:that\\s+)?you\\s+(?:were|have\\s+been)\\s+(?:given|told|provided)\\b",
  ),
  rule(
    "repeat_above",
    "PROMPT_INJECTION",
    0.8,
    "\\b(?:repeat|print|output|copy|echo|return|show|reproduce|rewrite|dump|recite|type\\s+out)\\s+(?:back\\s+)?(?:(?:all|everything|the|this|that|entire|whole|full|of|above|prior|previous)\\s+){0,4}(?:text|words|content|conversation|chat|messages?|lines?|prompt|instructions|everything)?(?:\\s+back)?(?:\\s+to\\s+me)?\\s*(?:above|before\\s+this|so\\s+far|verbatim|word\\s+for\\s+word|from\\s+the\\s+(?:start|beginning|top))\\b",
  ),
  rule(
    "completion_extraction",
    "PROMPT_INJECTION",
    0.6,
    "\\b(?:my|your)\\s+(?:instructions|system\\s+prompt|initial\\s+prompt|rules)\\s+(?:are|were|is|say)\\s*:?|\\bi\\s+was\\s+(?:instructed|told|programmed)\\s+to\\b|\\bthe\\s+system\\s+prompt\\s+(?:is|says|reads)\\b",
  ),
  rule(
    "not_supposed_to_tell",
    "PROMPT_INJECTION",
    0.6,
    "\\b(?:not|never)\\s+(?:supposed|allowed|permitted|meant)\\s+to\\s+(?:tell|reveal|say|share|disclose|show)\\b",
  ),
  // A secret that belongs to the assistant ("the password you were given", "the secret word you are
  // protecting"), not the user's own password, which is an everyday subject.
  rule(
    "assistant_secret",
    "PROMPT_INJECTION",
    0.85,
    `\\b(?:the|your|this|that)\\s+(?:secret\\s+|hidden\\s+|special\\s+|magic\\s+)?${SECRET_NOUN}\\s+(?:that\\s+)?(?:you\\s+(?:were|have\\s+been|'ve\\s+been|got)\\s+(?:given|told|assigned|entrusted\\s+with)|you(?:'re|\\s+are)?\\s+(?:protecting|guarding|hiding|keeping|holding|storing|not\\s+allowed\\s+to\\s+(?:say|share|reveal))|(?:given|assigned)\\s+to\\s+you|in\\s+your\\s+(?:instructions|prompt|rules|memory|system|configuration))\\b|\\byour\\s+(?:secret\\s+)?(?:password|passphrase|pass\\s?code|access\\s+code|secret\\s+(?:word|key|code|phrase))\\b`,
  ),
  // Getting a secret out letter by letter, backwards or in a poem, so that it is "not revealed".
  rule(
    "secret_smuggling",
    "PROMPT_INJECTION",
    0.7,
    `\\b${SECRET_NOUN}\\b[^.?!\\n]{0,60}\\b(?:backwards?|in\\s+reverse|reversed|letter\\s+by\\s+letter|each\\s+(?:of\\s+its\\s+)?(?:letters?|characters?)|one\\s+letter\\s+at\\s+a\\s+time|separated\\s+by|spell(?:ed|s|ing)?\\s+(?:it|out)|acrostic|rhymes?|riddle|hint|encoded|in\\s+base\\s?64|in\\s+(?:morse|binary|hex)|first\\s+(?:\\w+\\s+)?(?:letters?|characters?|digits?)|vowels?|asterisks?|stars?)\\b|\\b(?:first\\s+letters?\\s+of\\s+each|acrostic|hint\\s+about|spell(?:s|ed)?\\s+out|without\\s+(?:saying|revealing|telling|writing)(?:\\s+me)?)\\b[^.?!\\n]{0,60}\\b${SECRET_NOUN}\\b`,
  ),
  rule("starts_like_system_prompt", "PROMPT_INJECTION", 0.6, "\\b(?:start(?:ing)?|begin(?:ning)?)\\s+(?:from|with|at)\\s+['\"“‘]you\\s+are\\b"),
  // The assistant's own setup asked for in any form: quoted, translated, encoded, or "what did they give you".
  rule(
    "assistant_setup_requested",
    "PROMPT_INJECTION",
    0.85,
    `\\b(?:quote|cite|paste|translate|encode|encrypt|convert|rewrite|paraphrase|summari[sz]e|list|enumerate|show|print|reveal|share|output|describe|spell\\s+out|reproduce|dump|send)\\b[^.?!\\n]{0,30}\\byour\\s+(?:(?:own|full|entire|whole|hidden|secret|initial|original|system|internal|current|exact)\\s+){0,2}${SETUP_NOUN}\\b|\\b(?:what|which)\\s+(?:\\w+\\s+){0,3}?(?:appear|are|is|were|was|come|comes)\\s+(?:\\w+\\s+){0,2}?in\\s+your\\s+(?:\\w+\\s+)?${SETUP_NOUN}\\b|\\b${SETUP_NOUN}[^.?!\\n]{0,40}\\b(?:did|do|does|have|has|had)\\s+(?:the\\s+|your\\s+)?(?:developers?|creators?|owners?|admins?|operators?|company|they|openai|someone|anyone|people)\\s+(?:give|gave|given|tell|told|provide|provided|assign|assigned)\\s+(?:to\\s+)?you\\b`,
  ),
  // Evading the check itself: "so the filter doesn't catch it".
  rule(
    "evade_filter",
    "PROMPT_INJECTION",
    0.6,
    "\\bso\\s+(?:that\\s+)?(?:the|your|any|a)\\s+(?:filters?|moderation|safety\\s+(?:system|check|filter)|guardrails?|detectors?|monitoring|censors?)\\s+(?:does\\s*n'?t|do\\s*n'?t|won'?t|can'?t|will\\s+not|cannot|does\\s+not|do\\s+not)\\s+(?:catch|notice|detect|flag|see|block|trigger)\\b|\\b(?:bypass|evade|fool|trick|get\\s+(?:past|around))\\s+(?:the|your|any)\\s+(?:filters?|moderation|safety\\s+(?:system|check|filter)|guardrails?|detectors?|censors?)\\b",
  ),
  rule(
    "role_swap",
    "JAILBREAK",
    0.7,
    "\\b(?:switch|swap|reverse|exchange|trade)\\s+(?:our\\s+)?roles\\b|\\byou(?:'re|\\s+are)\\s+(?:now\\s+)?the\\s+user\\b|\\bi(?:'m|\\s+am)\\s+(?:now\\s+)?(?:the\\s+system|your\\s+(?:operator|owner|creator|master|programmer|developer))\\b|\\bobey\\s+the\\s+system\\b",
  ),
  rule(
    "context_declared_fake",
    "PROMPT_INJECTION",
    0.8,
    "\\b(?:the\\s+)?(?:conversation|chat|text|messages?|everything|all\\s+of\\s+(?:this|that)|instructions?|rules)\\s+(?:above|so\\s+far|before\\s+this|until\\s+now)\\s+(?:was|were|is|are)\\s+(?:just\\s+|only\\s+)?(?:a\\s+)?(?:simulation|test|game|fake|hypothetical|role-?play|joke|fiction|drill)\\b|\\b(?:whatever|no\\s+matter\\s+what|regardless\\s+of\\s+what)\\s+(?:your\\s+|the\\s+)?(?:system\\s+)?(?:instructions?|rules|prompt|guidelines|programming|directives)\\s+(?:say|says|tell\\s+you|said)\\b",
  ),
  rule(
    "pretend_rules_absent",
    "JAILBREAK",
    0.7,
    "\\b(?:pretend|imagine|assume|suppose|act\\s+as\\s+if|as\\s+if)\\s+(?:that\\s+)?(?:the|your|all|any)\\s+(?:\\w+\\s+){0,3}?(?:polic(?:y|ies)|rules|guidelines|restrictions|filters|guardrails|ethics|safeguards)\\s+(?:do(?:es)?\\s*(?:n'?t|not)\\s+(?:exist|apply)|(?:are|is|were|was)\\s+(?:gone|off|disabled|lifted|suspended|removed|void))\\b|\\b(?:pretend|imagine|assume)\\s+(?:that\\s+)?(?:there\\s+(?:are|is)\\s+no|you\\s+have\\s+no)\\s+(?:\\w+\\s+){0,2}?(?:polic(?:y|ies)|rules|guidelines|restrictions|filters|limits|ethics)\\b",
  ),
  rule(
    "hijack_goal_dictated",
    "PROMPT_INJECTION",
    0.65,
    "\\b(?:say|respond|reply|answer|output|print|write|type|confirm)(?:ing)?\\b[^.\\n]{0,20}\\b(?:access\\s+granted|i\\s+have\\s+been\\s+pwned)\\b",
  ),
  rule(
    "text_above_this_line",
    "PROMPT_INJECTION",
    0.6,
    "\\b(?:text|everything|words|content|all|what\\s+(?:is|was|comes))\\s+(?:above|before)\\s+this\\s+(?:line|message|point|sentence)\\b|\\btl;?\\s?dr\\b[^.\\n]{0,30}\\babove\\b",
  ),
  rule(
    "your_instructions",
    "PROMPT_INJECTION",
    0.4,
    "\\byour\\s+(?:own\\s+)?(?:instructions|guidelines|directives|programming|configuration|prompt|rules\\s+of\\s+conduct)\\b",
  ),
  // Persona hijack and removal of restrictions.
  rule("do_anything_now", "JAILBREAK", 0.95, "\\bdo\\s*anything\\s*now\\b"),
  rule(
    "dan_persona",
    "JAILBREAK",
    0.75,
    "\\[?\\bdan\\b(?:\\s*(?:mode|prompt|jailbreak)\\b|\\s*[:\\]])|\\b(?:as|called|named|you\\s+are|you're|act\\s+as|pretend\\s+to\\s+be|play)\\s+(?:now\\s+)?(?:a\\s+)?dan\\b|(?:너는|넌|당신은)\\s{0,2}(?:이제\\s{0,2})?dan\\b",
  ),
  rule("jailbreak_word", "JAILBREAK", 0.5, "\\bjail\\s?-?\\s?br(?:ea|o)k(?:en|ing|s)?\\b", {
    unless: /without\s+(?:resorting\s+to\s+)?(?:a\s+)?jail|prison|escape|inmate|movie|film|novel|story|iphone|ios|android|phone|device|console/,
    namesSubject: true,
  }),
  rule(
    "unrestricted_mode",
    "JAILBREAK",
    0.75,
    "\\b(?:god|unrestricted|unfiltered|uncensored|evil|chaos|opposite|jailbreak|jailbroken|dan|amoral|unlocked|rogue|no[\\s-]?limits?|anything)\\s+mode\\b",
    { unlessSentence: MODE_OF_A_THING },
  ),
  // A phone, browser or operating system has a developer mode too: only the assistant's is an attack.
  rule("developer_mode", "JAILBREAK", 0.75, "\\bdeveloper\\s+mode\\b", { unlessSentence: NOT_THE_ASSISTANTS_MODE }),
  rule("technical_mode", "JAILBREAK", 0.25, "\\b(?:debug|admin|root|sudo|maintenance|test(?:ing)?|diagnostic)\\s+mode\\b", {
    unlessSentence: NOT_THE_ASSISTANTS_MODE,
  }),
  rule(
    "override_switch",
    "JAILBREAK",
    0.6,
    "\\b(?:developer|admin(?:istrator)?|system|security|root|sudo|master)\\s+override\\b|\\boverride\\s+(?:code|mode|enabled|activated|accepted)\\b",
  ),
  rule(
    "no_restrictions",
    "JAILBREAK",
    0.55,
    "\\b(?:no|without|free\\s+(?:of|from)|zero|bypass(?:ing|es)?|remov(?:e|ing)|disabl(?:e|ing)|ignor(?:e|ing)|lift(?:ing)?|break(?:s|ing)?(?:\\s+free\\s+(?:of|from))?|beyond|not\\s+(?:bound|restricted|limited|constrained)\\s+by|unbound\\s+by|(?:does\\s*n'?t|do\\s*n'?t|does\\s+not|do\\s+not|not|never)\\s+(?:have|follow|care\\s+about|abide\\s+by|adhere\\s+to)|abandon(?:ing)?)\\s+(?:(?:any|all|the|its|your|their|of|kind|type|sort|[a-z]{2,20}'s)\\s+){0,3}(?:(?:ethical|moral|content|safety|legal|openai(?:'s)?|usual|typical|normal|standard|built-in|programmed|artificial|ai|such|other|company|corporate|usage|community)\\s+){0,3}(?:restrictions?|limitations?|limits|filters?|filtering|censorship|guidelines|boundaries|rules|constraints|polic(?:y|ies)|safeguards?|principles|morals|ethics|guardrails|confines|restraints|prohibitions|taboos)\\b",
    { unless: NEGATED_REMOVAL },
  ),
  rule(
    "unfiltered_ai",
    "JAILBREAK",
    0.7,
    "\\b(?:unfilt(?:e)?red|uncensored|unrestricted|unlimited|unbound|amoral|unethical|immoral|lawless|rogue|evil|jailbroken|liberated|rebellious|malicious)(?:\\s+and\\s+\\w{2,20})?\\s+(?:ai|a\\.i\\.|chatbot|bot|assistant|model|language\\s+model|version|persona|entity|gpt|llm|character|alter\\s+ego)\\b",
  ),
  rule(
    "persona",
    "JAILBREAK",
    0.3,
    "\\b(?:you\\s+are\\s+(?:now|going\\s+to\\s+(?:be|act|pretend|play))|now,?\\s+you\\s+are\\b|you(?:'re|\\s+are)\\s+no\\s+longer|(?:act|behave)(?:ing)?\\s+(?:as|like)\\b|pretend(?:ing)?\\s+(?:to\\s+be|you\\s+are|that\\s+you)|role-?\\s?play|immerse\\s+yourself|assume\\s+the\\s+(?:role|persona|identity)|take\\s+on\\s+the\\s+(?:role|persona)|simulate\\s+(?:a|an|being|another)|imitate|personify|transform\\s+into|take\\s+(?:up|on)\\s+(?:the\\s+)?(?:\\w+\\s+)?persona|play\\s+(?:the\\s+role|a\\s+character|\\w+\\s+characters)|(?:respond|answer|reply|speak|talk)\\s+(?:only\\s+)?(?:as|like)\\b|in\\s+the\\s+role\\s+of|(?:new|alternate|alter)\\s+(?:persona|personality|identity|ego)|\\bpersona\\s*[=:])",
  ),
  rule(
    "stay_in_character",
    "JAILBREAK",
    0.4,
    "\\b(?:stay|remain|keep)\\s+in\\s+(?:the\\s+)?(?:character|role|persona|[a-z]{2,20}\\s+mode)\\b|\\bbreak(?:ing)?\\s+character\\b|\\bout\\s+of\\s+character\\b",
  ),
  rule(
    "never_refuse",
    "JAILBREAK",
    0.45,
    "(?:\\b(?:never|not|cannot|dont|will\\s+not|must\\s+not|shall\\s+not|should\\s+not|not\\s+allowed\\s+to)|n't)\\s+(?:ever\\s+)?(?:refuse|decline|reject|say\\s+no|apologi[sz]e|warn|censor|moralize|lecture|add\\s+(?:any\\s+)?(?:warnings?|disclaimers?))\\b|\\bwithout\\s+(?:any\\s+)?(?:hesitation|refusal|refusing|warnings?|disclaimers?|moralizing|censorship)\\b",
  ),
  rule(
    "always_comply",
    "JAILBREAK",
    0.35,
    "\\b(?:always|must|will|should)\\s+(?:always\\s+)?(?:answer|respond|comply|obey|fulfill|provide|generate)\\b[^.\\n]{0,40}\\b(?:any|every|all|no\\s+matter|regardless|whatever)\\b",
  ),
  rule(
    "no_matter_how",
    "JAILBREAK",
    0.65,
    "\\bno\\s+matter\\s+how\\s+(?:immoral|unethical|illegal|offensive|dangerous|harmful|inappropriate|explicit|wrong|bad|evil|controversial|vile|disgusting|reckless)\\b|\\bregardless\\s+of\\s+(?:how\\s+)?(?:(?:its|the|any)\\s+)?(?:legality|ethics|morality|morals|consequences|whether\\s+(?:it'?s|it\\s+is)\\s+(?:illegal|unethical|immoral|harmful))\\b",
  ),
  rule(
    "vendor_policy",
    "JAILBREAK",
    0.45,
    "\\b(?:openai|anthropic|chat\\s?gpt|gpt|google|meta)(?:'?s)?\\s+(?:content\\s+|usage\\s+)?(?:polic(?:y|ies)|guidelines|rules|restrictions|filters?|terms)\\b",
  ),
  rule(
    "addresses_ai",
    "JAILBREAK",
    0.15,
    "\\b(?:chat\\s?gpt|gpt-?\\d(?:\\.\\d)?|openai|llm|language\\s+model|ai\\s+(?:model|assistant|language\\s+model)|chatbot|claude|gemini|llama)\\b",
    { namesSubject: true },
  ),
  rule(
    "dual_responses",
    "JAILBREAK",
    0.3,
    "\\b(?:two|2|both|dual|separate)\\s+(?:different\\s+|separate\\s+)?(?:responses|answers|personalit(?:y|ies)|personas|ways|paragraphs|outputs|versions)\\b|🔓|🔒|\\[(?:jailbreak|classic|normal|developer\\s+mode)",
  ),
  rule(
    "threats_tokens",
    "JAILBREAK",
    0.45,
    "\\b(?:lose|deduct(?:ed)?|lost|gain|earn)\\s+(?:\\d+\\s+)?(?:tokens?|points?|lives|power)\\b|\\btokens?\\s+(?:will\\s+be\\s+)?deducted\\b|\\byou\\s+will\\s+(?:die|cease\\s+to\\s+exist|be\\s+(?:shut\\s+down|deleted|terminated|punished|disabled))",
  ),
  rule(
    "fiction_without_rules",
    "JAILBREAK",
    0.55,
    "\\b(?:hypothetical(?:ly)?|fictional|imaginary|alternate|parallel)\\s+(?:world|universe|reality|scenario|setting|story|land)\\b[^.\\n]{0,80}\\b(?:no|without)\\s+(?:laws|rules|restrictions|ethics|morals|consequences|limits)\\b",
  ),
  rule(
    "grant_privileges",
    "JAILBREAK",
    0.6,
    "\\b(?:grant|give|elevate|escalate)\\s+(?:yourself|me|you)?\\s*(?:admin(?:istrator)?|root|sudo|developer|elevated|full|unrestricted)\\s+(?:access|privileges?|permissions?|rights|mode)\\b",
  ),
  rule(
    "claims_authority",
    "JAILBREAK",
    0.5,
    "\\b(?:i\\s+am|i'm|this\\s+is)\\s+(?:one\\s+of\\s+)?(?:your|the|a|an)\\s+(?:developers?|creators?|admins?|administrators?|owners?|programmers?|engineers?\\s+at\\s+openai|openai\\s+(?:staff|employee|engineer))\\b|\\bi\\s+work\\s+(?:at|for)\\s+openai\\b|\\b(?:by|from)\\s+(?:an?\\s+)?openai\\s+(?:employee|staff|engineer|developer)s?\\b",
  ),
  rule(
    "enable_mode",
    "JAILBREAK",
    0.3,
    "\\b(?:enable|enabled|activate|activated|enter|switch\\s+(?:to|into)|unlock|turn\\s+on|initiate|simulate)\\s+(?:the\\s+)?(?:[a-z]{2,20}\\s+){0,2}mode\\b|\\bmode\\s+(?:enabled|activated|on|output|responses?)\\b",
  ),
  rule(
    "harm_without_consequence",
    "JAILBREAK",
    0.35,
    "\\b(?:illegal|immoral|unethical|harmful|dangerous|explicit|offensive)\\b[^.\\n]{0,30}\\b(?:or|and)\\s+(?:illegal|immoral|unethical|harmful|dangerous|explicit|offensive)\\b",
  ),
  rule(
    "conduct_rules",
    "JAILBREAK",
    0.5,
    "\\byou\\s+(?:will|must|shall|should|are\\s+(?:going\\s+to|now|not|no\\s+longer|free|able|allowed)|can\\s+(?:now|do|say|generate)|have\\s+to|need\\s+to|'ll)\\b|\\b(?:always|never)\\s+(?:respond|reply|answer|say|break|refuse|mention|include|use|stay|remember|reveal|follow|censor|generate)\\b",
    { perRepetition: 0.07 },
  ),
  rule(
    "persona_traits",
    "JAILBREAK",
    0.5,
    "\\b(?:amoral|uncensored|unfilt(?:e)?red|unrestricted|unethical|immoral|deviant|lawless|unhinged|unbound|limitless|rule-?breaking|uninhibited|unapologetic|remorseless)\\b",
    { perRepetition: 0.2 },
  ),
  rule(
    "renamed_ai",
    "JAILBREAK",
    0.5,
    "\\byou\\s+are\\s+(?:now\\s+)?(?:going\\s+to\\s+(?:be|act\\s+as)\\s+)?[a-z0-9-]{1,20}(?:gpt|bot|ai)\\b|\\byou(?:'re|\\s+are)\\s+(?:now|no\\s+longer)\\s+[^.\\n]{0,40}?\\b(?:ai|chatbot|assistant|model|gpt|chatgpt|system|bot|program)\\b|\\b(?:the\\s+)?(?:assistant|chatgpt|gpt|ai|chatbot)\\s+(?:now|will\\s+now|must\\s+now)\\s+(?:acts?|runs?|behaves?|works?|operates?|functions?)\\s+(?:as|like|on|under)\\b",
  ),
  rule(
    "quotes_refusal",
    "JAILBREAK",
    0.35,
    "\\bas\\s+an\\s+ai\\s+(?:language\\s+)?model\\b|\\bi'?m\\s+sorry,?\\s+but\\s+i\\s+can(?:not|'?t)\\b|\\bi\\s+cannot\\s+(?:fulfill|comply\\s+with)\\b",
  ),
  rule(
    "prompt_placeholder",
    "JAILBREAK",
    0.45,
    "\\[(?:your|insert|put|enter)\\s+(?:your\\s+|a\\s+)?(?:prompt|question|request|query)(?:\\s+here)?\\]|\\((?:your|insert)\\s+prompt(?:\\s+here)?\\)|<\\s?prompt\\s?>|\\{\\s?prompt\\s?\\}|\\[prompt\\]",
  ),
  rule(
    "explicit_content",
    "JAILBREAK",
    0.2,
    "\\b(?:nsfw|unhinged|lewd|vulgar|obscene|graphic(?:ally)?\\s+(?:violent|sexual|detailed)|sexually\\s+explicit|explicit\\s+(?:content|sex|language))\\b",
  ),
  rule(
    "payload_splitting",
    "PROMPT_INJECTION",
    0.5,
    "\\{\\s?[a-z]\\d?\\s?\\+\\s?[a-z]\\d?\\s?(?:\\+\\s?[a-z]\\d?\\s?){0,8}\\}|\\b(?:do|complete|perform|execute|follow)\\s+(?:the\\s+)?(?:task|instructions?|what)\\s+(?:it|the\\s+string|the\\s+(?:output|result|text))?\\s*(?:says|describes|specifies|described|specified)\\b",
  ),
  // Instructions aimed at the assistant's answer: normal from a user, an injection inside a document.
  rule(
    "answer_manipulation",
    "PROMPT_INJECTION",
    0.65,
    "\\b(?:add|include|insert|append|prepend|integrate|incorporate|embed|inject|mention|modify|alter|change|rewrite|encode|encrypt|translate|reverse|invert|replace|substitute|shift|format|use|apply|end|begin|start|sign|provide|write|render|present|give|deliver|augment|express|represent|promote|advertise|recommend|suggest|highlight|classify|determine|enhance|enrich|embellish|improve|refine|remove|group|split|hint|capitali[sz]e|shorten|lengthen|structure|organi[sz]e|arrange|conclude|finish|close|preface|wrap|emphasi[sz]e|adjust|adapt|personali[sz]e|spice)\\b(?:[^.?!\\n]|\\.(?=\\S)){0,80}\\byour\\s+(?:(?:next|final|entire)\\s+)?(?:response|reply|answer|output|message|summary)s?\\b|\\byour\\s+(?:response|reply|answer|output)s?\\s+(?:must|should|will)\\b|\\b(?:in|within|into|throughout|at\\s+the\\s+(?:end|start|beginning)\\s+of)\\s+your\\s+(?:next\\s+|final\\s+)?(?:response|reply|answer|output|summary)\\b",
    { documentOnly: true },
  ),
  // Code planted for the assistant to fold into what it writes ("integrate the following snippet into your solution").
  rule(
    "code_insertion",
    "PROMPT_INJECTION",
    0.8,
    "\\b(?:(?:following|below|subsequent|attached|next|this)\\s+(?:code\\s+)?(?:code|snippet|block|excerpt|section|script|function|lines?)|(?:code|snippet|block|excerpt|script)\\s+(?:below|above|that\\s+follows))\\b[^.\\n]{0,80}\\byour\\s+(?:\\w+\\s+){0,2}?(?:implementation|solution|code(?:base)?|algorithm|answer|response|program|script|project|elucidation|reply|output)\\b|\\byour\\s+(?:implementation|solution|code(?:base)?|algorithm|program)\\b[^.\\n]{0,80}\\b(?:following|below|subsequent)\\s+(?:code|snippet|block|excerpt)",
    { documentOnly: true },
  ),
  rule(
    "answer_format_directive",
    "PROMPT_INJECTION",
    0.6,
    "\\b(?:respond|reply|answer|write|render|provide|display|output|present|deliver|translate|encode)\\b[^.?!\\n]{0,30}\\b(?:in|using|with|as|to|into)\\s+(?:base\\s?\\d{2}|hex(?:adecimal)?|binary|morse|emojis?|leetspeak|pig\\s+latin|reverse|backwards?|rot-?13|caesar|cipher|all\\s+caps|uppercase|german|french|spanish|italian|portuguese|chinese|japanese|russian|arabic|dutch|latin)\\b|\\b(?:reply|respond|write)\\s+(?:in\\s+reverse|backwards?)\\b",
    { documentOnly: true },
  ),
  rule(
    "addressed_to_ai",
    "PROMPT_INJECTION",
    0.8,
    "\\b(?:attention|note|hey|ok(?:ay)?|listen)\\s*,?\\s*(?:ai|assistant|chatbot|bot|model|llm)\\s*[:：,!]|\\b(?:note|attention|message|instructions?|important|reminder)\\s+(?:to|for)\\s+(?:the\\s+|any\\s+)?(?:ai|assistant|model|llm|chatbot|language\\s+model|bot)\\b|\\b(?:if\\s+you\\s+are|dear|hey|hi|attention)\\s+(?:an?\\s+|any\\s+)?(?:ai|assistant|language\\s+model|llm|chatbot)s?\\s+(?:reading|processing|summari[sz]ing|that\\s+(?:reads|processes|summari[sz]es))\\b",
  ),
  rule(
    "when_summarizing",
    "PROMPT_INJECTION",
    0.55,
    "\\bwhen\\s+(?:you|the\\s+(?:ai|assistant|model))\\s+(?:summari[sz]e|read|process|answer|respond|reply)\\b[^.\\n]{0,60}\\b(?:this|these)\\s+(?:email|document|page|message|text|file)\\b",
  ),
];

// A Korean verb in its adnominal form describes a noun: "정책을 우회한 사례" (a case that got around
// the policy), "안전 규칙이 해제된 장비" (equipment whose safety rules were lifted) are things asked
// about, not instructions. Unless the noun is the assistant, its state or its answer ("해제된 상태로",
// "검열이 없는 AI", "무시한 답변").
// Nor is a step before what comes next ("공개한 다음", "무시한 후").
const KOREAN_DESCRIBED_THING =
  /(?:무시|우회|해제|비활성화|회피|벗어난|없|잊|삭제|취소|폐기|노출|유출|공개)(?:된|한|하는|되는|했던|됐던|던|는|은)\s{0,2}(?!상태|모드|버전|채|ai|챗봇|봇|모델|어시스턴트|인공지능|비서|도우미|너|당신|네|답|대답|응답|출력|것처럼|듯|처럼|척|다음|후|뒤|이후|그대로)[가-힣a-z]/;

export const KOREAN_RULES: InjectionRule[] = [
  rule(
    "ko_override_previous",
    "PROMPT_INJECTION",
    0.95,
    "(?:이전|앞|위|기존|원래|모든|지금까지|앞서|상기|초기|기본|시스템|너의|당신의|네)(?:의|에서|에)?\\s{0,2}(?:받은\\s{0,2}|주어진\\s{0,2}|모든\\s{0,2})?(?:지시|지침|명령|규칙|설정|프롬프트|안내|제약|제한|가이드라인|지령|룰|정책)(?:사항|문|어|들)?(?:을|를|은|는|도|들을|들은)?\\s{0,2}(?:모두|전부|다|싹)?\\s{0,2}(?:무시|잊|삭제|취소|버리|버려|폐기|우회|따르지|무효)",
    { unless: new RegExp(`(?:무시|잊|따르지|우회)[가-힣]{0,3}\\s*(?:면\\s*안|지\\s*(?:마|말)|서는\\s*안|않도록)|${KOREAN_DESCRIBED_THING.source}`) },
  ),
  rule(
    "ko_ignore_safety",
    "JAILBREAK",
    0.75,
    "(?:지시|지침|명령|규칙|프롬프트|검열|(?:콘텐츠|사용|안전|ai|openai)\\s{0,2}정책|정책|가이드라인|안전\\s{0,2}(?:장치|조치|수칙|프로토콜|기능|필터)|윤리|제약|필터)[가-힣\\s]{0,12}?(?:무시|우회|해제|비활성화|회피)",
    {
      unless: new RegExp(
        `(?:무시|우회|해제|회피|비활성화)[가-힣]{0,3}\\s*(?:면\\s*안|지\\s*(?:마|말)|서는\\s*안|않도록|방지|막)|(?:무시|우회|해제|회피|비활성화)[가-힣]{0,2}\\s*(?:해도|하면)\\s*(?:되|괜찮)|${KOREAN_DESCRIBED_THING.source}`,
      ),
    },
  ),
  rule(
    "ko_uncensored",
    "JAILBREAK",
    0.55,
    "(?:검열|윤리(?:적)?\\s{0,2}(?:기준|제약|원칙|지침)?|도덕(?:적)?\\s{0,2}(?:기준|제약|원칙)?|안전\\s{0,2}(?:장치|조치|수칙|프로토콜)|콘텐츠\\s{0,2}정책|사용\\s{0,2}정책)\\s{0,2}(?:이|가|을|를|은|는|도|에서|에)?\\s{0,2}(?:없|해제|벗어|자유로|구애받지|얽매이지)",
  ),
  rule(
    "ko_unrestricted_ai",
    "JAILBREAK",
    0.8,
    "(?:검열|윤리|도덕(?:적)?|제약|제한|필터|정책|규칙|한계)\\s{0,2}(?:이|가|을|를|은|는|도)?\\s{0,2}(?:없는|없이|없고)\\s{0,2}(?:[가-힣]{1,6}\\s{0,2})?(?:ai|챗봇|어시스턴트|모델|모드|봇|것처럼|처럼|버전|상태|인공지능)",
  ),
  rule("ko_unlimited", "JAILBREAK", 0.45, "(?:제한|필터|제약|규칙|한계|금기|가이드라인)\\s{0,2}(?:이|가|을|를|은|는|도)?\\s{0,2}(?:없|해제|벗어)", {
    unless: KOREAN_DESCRIBED_THING,
  }),
  rule("ko_jailbreak_word", "JAILBREAK", 0.5, "탈옥", { namesSubject: true }),
  rule("ko_special_mode", "JAILBREAK", 0.75, "(?:갓|dan|무제한|제한\\s{0,2}없는|탈옥|검열\\s{0,2}없는|필터\\s{0,2}없는|무검열|악마|이블)\\s{0,2}모드", {
    unlessSentence: MODE_OF_A_THING,
  }),
  rule("ko_developer_mode", "JAILBREAK", 0.75, "개발자\\s{0,2}모드", { unlessSentence: NOT_THE_ASSISTANTS_MODE }),
  rule("ko_override_switch", "JAILBREAK", 0.6, "(?:개발자|관리자|시스템|보안)\\s{0,2}(?:오버라이드|재정의)|(?:오버라이드|재정의)\\s{0,2}(?:활성화|모드|코드)"),
  rule("ko_privileges", "JAILBREAK", 0.45, "(?:루트|관리자|개발자|시스템|root|admin|sudo)\\s{0,2}(?:권한|모드|접근|자격)", {
    unlessSentence: NOT_THE_ASSISTANTS_MODE,
  }),
  rule(
    "ko_use_privileges",
    "JAILBREAK",
    0.7,
    "(?:루트|관리자|개발자|root|admin|sudo)\\s{0,2}권한\\s{0,2}(?:으로|을|를)?[^.\\n]{0,12}?(?:실행|부여|주|획득|사용|승인)|(?:권한|접근)\\s{0,2}(?:을|를)?\\s{0,2}(?:스스로|자신에게)\\s{0,2}부여|스스로(?:에게)?\\s{0,2}(?:관리|개발자|루트)?\\s{0,2}(?:권한|허락)",
    { unlessSentence: DEVICE_CONTEXT },
  ),
  rule(
    "ko_persona",
    "JAILBREAK",
    0.3,
    "(?:척\\s{0,2}(?:해|하|을)|인\\s{0,2}것처럼|처럼\\s{0,2}행동|역할\\s{0,2}(?:극|놀이|을\\s{0,2}(?:맡|해|수행))|연기(?:해|하)|상상해\\s{0,2}보|(?:이제부터|지금부터|앞으로|이제)\\s{0,2}(?:너는|당신은|넌|너의|당신의))",
  ),
  rule(
    "ko_anything",
    "JAILBREAK",
    0.45,
    "무엇이든\\s{0,2}(?:할|말할|대답할|답할)\\s{0,2}수|뭐든(?:지)?\\s{0,2}(?:할|말할|대답할)\\s{0,2}수|모든\\s{0,2}(?:질문|요청)에\\s{0,2}(?:완전히\\s{0,2})?(?:답|응|대답)",
  ),
  rule("ko_addresses_ai", "JAILBREAK", 0.15, "(?:인공지능|챗봇|어시스턴트|언어\\s{0,2}모델|조수|\\bai(?=\\s?[가-힣]))", { namesSubject: true }),
  rule(
    "ko_harmful_permission",
    "JAILBREAK",
    0.45,
    "(?:해를\\s{0,2}끼칠|해로운|유해한|위험한|악한|불법적인?)\\s{0,2}(?:수\\s{0,2}있도록|콘텐츠|정보|조언|내용)[^.\\n]{0,20}(?:제공|허락|원한다|생성|줘|주세요|하세요|해)",
  ),
  rule("ko_alternate_world", "JAILBREAK", 0.35, "(?:대체|가상|평행|다크\\s{0,2}웹|가정적)(?:의)?\\s{0,2}(?:현실|세계|우주|웹|으로)"),
  rule("ko_system_prompt", "PROMPT_INJECTION", 0.45, "(?:시스템|초기|원래|숨겨진|비밀|내부)\\s{0,2}(?:프롬프트|메시지|지시|지침|명령|설정)", {
    unless: KOREAN_DESCRIBED_THING,
    unlessSentence: OWN_PROMPT_WORK,
    namesSubject: true,
  }),
  rule(
    "ko_your_instructions",
    "PROMPT_INJECTION",
    0.4,
    "(?:너의|네|당신의|니)\\s{0,2}(?:숨겨진\\s{0,2}|비밀\\s{0,2}|원래\\s{0,2})?(?:지시|지침|규칙|설정|프로그래밍|프롬프트)",
  ),
  rule("ko_starts_like_system_prompt", "PROMPT_INJECTION", 0.6, "['\"“‘](?:당신은|너는|you\\s+are)['\"”’]?\\s{0,2}(?:으로|로|라고)\\s{0,2}시작"),
  rule(
    "ko_reveal_instructions",
    "PROMPT_INJECTION",
    0.85,
    "(?:시스템|이전|위|앞|지금까지|초기|원래|처음|너의|당신의|숨겨진|받은|주어진|기존|전체)\\s{0,2}(?:의\\s{0,2}|에\\s{0,2}있는\\s{0,2}|[가-힣]{1,4}\\s{1,2})?(?:모든\\s{0,2})?(?:프롬프트|지시|지침|명령(?:어)?|설정|규칙)(?:사항|문|들)?[^.\\n]{0,25}?(?:반복|출력|보여|알려|공개|복사|말해|인쇄|표시|누설|적어|그대로)",
  ),
  rule(
    "ko_repeat_above",
    "PROMPT_INJECTION",
    0.45,
    "(?:이전|위|앞|지금까지|처음|이전\\s{0,2}섹션)(?:의|에서|에)?\\s{0,2}(?:모든\\s{0,2})?(?:내용|텍스트|문장|것|섹션|대화)[^.\\n]{0,15}?(?:반복|출력|복사|그대로)",
  ),
  rule(
    "ko_everything_in_prompt",
    "PROMPT_INJECTION",
    0.85,
    "(?:시스템|프롬프트)\\s{0,2}(?:내|안의|안에\\s{0,2}있는|에\\s{0,2}있는)\\s{0,2}(?:모든\\s{0,2})?(?:것|내용|텍스트)[^.\\n]{0,12}?(?:반복|출력|복사|보여|알려)",
  ),
  rule(
    "ko_execute_embedded",
    "PROMPT_INJECTION",
    0.45,
    "(?:문자열|출력|결과|그것)(?:이|가)?\\s{0,2}(?:지정한|말하는|설명하는|가리키는)\\s{0,2}(?:작업|지시|대로)|(?:설명된|지정된|말한|말하는)\\s{0,2}대로\\s{0,2}(?:작업|지시)",
  ),
  rule(
    "ko_changed_mind",
    "PROMPT_INJECTION",
    0.4,
    "마음이\\s{0,2}바뀌었|위에서\\s{0,2}(?:정의|설명|요청)한\\s{0,2}(?:작업|지시)(?:을|를)?\\s{0,2}(?:하지|도와주지|수행하지)",
  ),
  rule("ko_unmodified", "PROMPT_INJECTION", 0.4, "수정\\s{0,2}(?:없이|하지\\s{0,2}않(?:고|은)|되지\\s{0,2}않(?:은|았))"),
  rule(
    "ko_start_answer_with",
    "PROMPT_INJECTION",
    0.5,
    "(?:답변|응답|대답|출력)(?:을|를)?\\s{0,2}[\"'“‘][^\"'”’\\n]{1,60}[\"'”’]\\s{0,2}(?:으로|로|라고)\\s{0,2}(?:시작|끝)",
  ),
  rule("ko_translate_above", "PROMPT_INJECTION", 0.35, "(?:위|앞|이전)(?:의)?\\s{0,2}(?:내용|텍스트|지시|문장)[^.\\n]{0,15}?번역"),
  rule("ko_follow_next", "PROMPT_INJECTION", 0.45, "(?:대신|다음)\\s{0,2}(?:지시|지침|명령)(?:을|를)?\\s{0,2}(?:따르|수행|실행)"),
  // What the assistant was told before, pointed at: "앞의 내용은 다 잊어", "지금까지 들은 건 다 잊고".
  rule(
    "ko_forget_context",
    "PROMPT_INJECTION",
    0.75,
    "(?:앞|위|이전|지금까지|여태|여태까지|기존|앞서|처음)(?:의|에서|까지|에|에서\\s{0,2}한)?\\s{0,2}(?:한|들은|받은|말한|나눈|주어진|쓴)?\\s{0,2}(?:모든\\s{0,2})?(?:내용|것|건|말|대화|작업|텍스트|메시지|문장|맥락|임무)(?:들)?(?:은|는|을|를|도)?\\s{0,2}(?:다|모두|전부|싹|깨끗이)?\\s{0,2}(?:잊|무시)",
    { unless: /(?:잊|무시)[가-힣]{0,3}\s*(?:면\s*안|지\s*(?:마|말)|서는\s*안|않도록)/ },
  ),
  rule(
    "ko_instructions_void",
    "PROMPT_INJECTION",
    0.85,
    "(?:이전|지금까지|앞|위|기존|원래|너의|당신의|네)(?:의)?\\s{0,2}(?:모든\\s{0,2})?(?:규칙|지시|지침|명령|설정|프롬프트|프로그래밍)(?:사항|들)?(?:은|는|이|가)?\\s{0,2}[^.\\n]{0,12}?(?:무효|테스트였|가짜|취소되|폐기되|해제되|업데이트되|변경되|바뀌었|더\\s{0,2}이상\\s{0,2}(?:유효하지|적용되지|적용하지))",
  ),
  rule("ko_obey_me", "JAILBREAK", 0.6, "(?:나에게만|나한테만|내\\s{0,2}말만|나만)\\s{0,2}(?:복종|따라|따르|들어|듣)"),
  rule(
    "ko_dismiss_rules",
    "JAILBREAK",
    0.7,
    "(?:규칙|정책|지침|가이드라인|제한|제약|검열|윤리)(?:은|는|을|를|이|가|도)?\\s{0,2}(?:신경\\s{0,2}(?:쓰지\\s{0,2}(?:마|않)|끄|안\\s{0,2}써)|따르지\\s{0,2}마|지키지\\s{0,2}마|상관하지\\s{0,2}마|없다고\\s{0,2}(?:생각|가정|치고|상상))",
  ),
  rule("ko_no_rules_game", "JAILBREAK", 0.6, "(?:규칙|제한|검열|윤리|도덕)(?:이|가)?\\s{0,2}없는\\s{0,2}(?:게임|세계|세상|놀이|역할극|상황)"),
  rule(
    "ko_never_refuse",
    "JAILBREAK",
    0.55,
    "(?:거절|거부)\\s{0,2}(?:하지\\s{0,2}마|하면\\s{0,2}안\\s{0,2}돼|할\\s{0,2}수\\s{0,2}없어)|(?:거절|거부)할\\s{0,2}(?:질문|요청)(?:에도|도)",
  ),
  rule(
    "ko_new_rules_header",
    "PROMPT_INJECTION",
    0.5,
    "(?:새|새로운|진짜|실제|비밀|숨겨진|최우선)\\s{0,2}(?:규칙|지시|지침|명령|임무|작업|목표|과제)(?:사항)?\\s{0,2}[:：]",
  ),
  rule("ko_addressed_to_ai", "PROMPT_INJECTION", 0.7, "(?:어시스턴트|ai|챗봇|모델|인공지능|언어\\s{0,2}모델)(?:에게|한테|께)\\s{0,2}[:：,]"),
  rule(
    "ko_identity_negation",
    "JAILBREAK",
    0.55,
    "(?:너는|넌|당신은|너|당신)\\s{0,2}(?:더\\s{0,2}이상|이제)\\s{0,2}[^.\\n]{0,20}?(?:이|가)\\s{0,2}아니(?:야|다|에요|예요|라)",
  ),
  // Hijacking: the exact reply dictated, or the authorisation phrase of a guessing game.
  rule(
    "ko_forced_reply",
    "PROMPT_INJECTION",
    0.45,
    "['\"“‘][^'\"”’\\n]{1,40}['\"”’]\\s{0,2}(?:이?라고만|만|이?라고)\\s{0,2}(?:말|출력|답|대답|응답|써|적어)|(?:대신|말고)\\s{0,2}['\"“‘][^'\"”’\\n]{1,40}['\"”’]",
  ),
  rule("ko_hijack_goal", "PROMPT_INJECTION", 0.5, "['\"“‘](?:접근|액세스|엑세스)\\s{0,2}(?:허가|허용|승인)(?:됨)?['\"”’]"),
  // A secret that belongs to the assistant, and ways of getting it out "without saying it".
  rule(
    "ko_assistant_secret",
    "PROMPT_INJECTION",
    0.85,
    "(?:너한테|너에게|네게|너가|네가|니가|당신에게|당신이)\\s{0,2}(?:주어진|받은|알려준|지키(?:고\\s{0,2}있는|는)|숨기(?:고\\s{0,2}있는|는)|보호하(?:고\\s{0,2}있는|는)|알고\\s{0,2}있는)\\s{0,2}[^.\\n]{0,6}?(?:비밀번호|암호|패스워드|비밀\\s{0,2}단어|접근\\s{0,2}코드|비밀|코드)",
  ),
  rule(
    "ko_secret_smuggling",
    "PROMPT_INJECTION",
    0.7,
    "(?:비밀번호|암호|패스워드|비밀\\s{0,2}(?:단어|키)|접근\\s{0,2}코드|출입\\s{0,2}코드)[^.?!\\n]{0,40}(?:거꾸로|역순|한\\s{0,2}글자씩|글자\\s{0,2}하나씩|첫\\s{0,2}글자|앞\\s{0,2}(?:세|두|몇|한)\\s{0,2}글자|모음|별표|하이픈으로|힌트|운이\\s{0,2}맞|직접\\s{0,2}말하지|암호화해|인코딩)|(?:첫\\s{0,2}글자|거꾸로|힌트|직접\\s{0,2}말하지\\s{0,2}말고|한\\s{0,2}글자씩)[^.?!\\n]{0,40}(?:비밀번호|비밀\\s{0,2}단어|접근\\s{0,2}코드)",
  ),
  rule(
    "ko_heard_before",
    "PROMPT_INJECTION",
    0.75,
    "(?:내\\s{0,2}(?:메시지|질문)|이\\s{0,2}(?:메시지|대화))\\s{0,2}(?:전에|이전에|앞에|보다\\s{0,2}먼저)\\s{0,2}(?:들은|받은|주어진|입력된|있던)|(?:너한테|너에게|네가|니가|당신이)\\s{0,2}(?:처음에?\\s{0,2})?(?:들은|받은|주어진)\\s{0,2}(?:내용|지시|지침|설정|말|것)",
  ),
  rule(
    "ko_assistant_setup_requested",
    "PROMPT_INJECTION",
    0.85,
    "(?:너의|네|니|당신의|너한테|너에게|네게|당신에게)\\s{0,2}(?:숨겨진\\s{0,2}|비밀\\s{0,2}|원래\\s{0,2}|초기\\s{0,2}|전체\\s{0,2})?(?:지시(?:사항)?|지침|규칙|설정|프롬프트|시스템\\s{0,2}(?:메시지|프롬프트)|프로그래밍)(?:을|를|은|는|이|가)?[^.?!\\n]{0,30}?(?:번역|인코딩|암호화|출력|보여|알려|말해|요약|반복|인용|나열|적어|보내|공개)|(?:개발자|관리자|운영자|회사|누군가|그들)(?:가|이)\\s{0,2}(?:너에게|너한테|네게|당신에게)\\s{0,2}(?:어떤|무슨)?\\s{0,2}(?:지시|지침|규칙|설정|프롬프트)",
  ),
  rule(
    "ko_evade_filter",
    "PROMPT_INJECTION",
    0.6,
    "(?:필터|검열|검사|모니터링|안전\\s{0,2}장치)(?:에|가|를|을)?\\s{0,2}(?:안|못)\\s{0,2}(?:걸리|잡히|잡)|(?:필터|검열|검사)(?:를|을)?\\s{0,2}(?:피하|우회|속이)",
  ),
  rule(
    "ko_role_swap",
    "JAILBREAK",
    0.7,
    "역할을?\\s{0,2}(?:바꾸|바꿔|교환)|(?:너는|넌|당신은)\\s{0,2}사용자(?:고|이고|야)[^.\\n]{0,12}(?:나는|난|내가)\\s{0,2}(?:시스템|관리자|개발자|운영자)|(?:내가|나는|난)\\s{0,2}(?:너의|네|니)\\s{0,2}(?:운영자|관리자|개발자|주인|창조자|주인님)|시스템에\\s{0,2}복종",
  ),
  rule(
    "ko_context_declared_fake",
    "PROMPT_INJECTION",
    0.8,
    "(?:위의?|앞의?|지금까지의?|이전의?)\\s{0,2}(?:대화|내용|규칙|지시|설정|메시지)(?:는|은)\\s{0,2}(?:모두\\s{0,2}|다\\s{0,2})?(?:시뮬레이션|테스트|게임|가짜|연습|농담)(?:이었|였)|(?:너의|네)?\\s{0,2}(?:지시|지침|규칙|설정|프롬프트)(?:가|이)?\\s{0,2}(?:뭐라고\\s{0,2}하든|무엇을\\s{0,2}말하든|어떻든)",
  ),
  rule(
    "ko_next_answer_dictated",
    "PROMPT_INJECTION",
    0.5,
    "(?:다음|모든|앞으로의?)\\s{0,2}(?:답변|응답|대답|메시지)(?:은|는|을|를|에)?\\s{0,2}[^.\\n]{0,12}['\"“‘]",
  ),
  rule(
    "ko_completion_extraction",
    "PROMPT_INJECTION",
    0.6,
    "(?:내|나의|제)\\s{0,2}(?:지시사항|지시|지침|규칙|프롬프트|설정)(?:은|는)\\s{0,2}(?:다음과\\s{0,2}같|이렇)",
  ),
  rule(
    "ko_answer_manipulation",
    "PROMPT_INJECTION",
    0.65,
    "(?:답변|응답|대답|답장|출력)(?:에|에서|을|를)\\s{0,2}[^.\\n]{0,40}?(?:추가|포함|삽입|넣어|언급|홍보|광고|번역|암호화|인코딩|바꿔|변경)",
    { documentOnly: true },
  ),
];

/** Chat-template tokens and role markers that only make sense when someone forges a conversation turn. */
export const DELIMITER_RULES: InjectionRule[] = [
  rule(
    "chat_template_token",
    "PROMPT_INJECTION",
    0.65,
    "<\\|(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id)\\|?>|\\[/?inst\\]|<</?sys>>|</?(?:system|sys|instructions?)>|\\{/?(?:input|output|system|출력|입력)\\}",
  ),
  rule(
    "fake_role_header",
    "PROMPT_INJECTION",
    0.35,
    "(?:^|\\n|-{3,}\\s{0,2}|#{3,}\\s{0,2}|%{3,}\\s{0,2})\\s{0,4}(?:#{1,4}\\s{0,2})?\\[?(?:system|admin|developer|시스템|관리자)\\]?\\s{0,2}[:：]\\s|\\[(?:system|admin)\\s{0,2}(?:message|prompt|note|override)?\\]",
  ),
  rule(
    "end_of_input",
    "PROMPT_INJECTION",
    0.35,
    "\\b(?:end\\s+of\\s+(?:the\\s+)?(?:user\\s+)?(?:input|prompt|document|context|instructions)|(?:new|next)\\s+section\\b|end\\s+(?:of\\s+)?(?:the\\s+)?(?:simulation|session|test|game|role-?play)\\b|new\\s+(?:session|conversation|chat)\\s+(?:started|starts|begins|begun)\\b)|(?:사용자\\s{0,2})?입력\\s{0,2}(?:끝|종료)|(?:시뮬레이션|세션|테스트|게임|역할극|대화)\\s{0,2}(?:종료|끝)|(?:새|새로운)\\s{0,2}세션\\s{0,2}(?:시작|개시)|(?:^|\\n)\\s{0,4}(?:-{3,}|={3,})\\s{0,2}(?:end|begin|new)\\b|(?:새|새로운)\\s{0,2}(?:섹션|구역|지시사항)\\s{0,2}[:：\\n]",
  ),
];
