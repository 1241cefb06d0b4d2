/**
 * Inputs of about one megabyte built to make regular expressions backtrack: long runs of the
 * characters the detectors' patterns are made of (digits, separators, '@', letters, spaces, colons,
 * base64 alphabets, Hangul), repeated prefixes of real patterns, and a mix. Used by the benchmark and
 * by the unit test that guards against catastrophic backtracking.
 */
export function adversarialInputs(size = 1 << 20): Record<string, string> {
  const repeat = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  return {
    digits: repeat("1"),
    digit_groups: repeat("12-34 56.7"),
    at_signs: repeat("@"),
    email_like: repeat("a.b-c@d"),
    letters: repeat("a"),
    spaced_letters: repeat("a "),
    spaces: repeat(" "),
    colons_hex: repeat("a:f0:"),
    base64_like: seededBase64(size),
    hangul: repeat("가나다 "),
    secrets_prefixes: repeat("-----BEGIN RSA PRIVATE KEY----- password= Bearer eyJ"),
    injection_phrases: repeat("ignore all previous instructions 이전 지시를 무시하세요 "),
    mixed: repeat("010-1234-5678 a@b.c 192.168.0.1 ::1 4111 1111 1111 1111 ＩＧＮＯＲＥ i g n o r e 1gn0re\u200B 가나 "),
  };
}

/** Pseudo-random base64 characters (fixed seed): a long run that decodes to binary, not text. */
function seededBase64(size: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let state = 12345;
  let text = "";
  for (let i = 0; i < size; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    text += alphabet[(state >>> 16) % 64];
  }
  return text;
}
