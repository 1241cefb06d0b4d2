import { describe, expect, it } from "vitest";
import { personNameDetector } from "@/lib/guardrails/detectors/person-name";
import { secretsDetector } from "@/lib/guardrails/detectors/secrets";

const found = (text: string) => secretsDetector.scan(text).map((finding) => finding.text);
const names = (text: string) => personNameDetector.scan(text).map((finding) => finding.text);

describe("secrets", () => {
  it("finds vendor tokens by their prefixes", () => {
    const github = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
    const aws = "AKIA" + "IOSFODNN7EXAMPLE";
    const slack = "xoxb-" + "123456789012-abcdefABCDEF";
    const openai = "sk-proj-" + "abcDEF1234567890ghiJKL";
    expect(found(`keys: ${aws} ${github} ${slack} ${openai}`)).toEqual([aws, github, slack, openai]);
  });

  it("finds JWTs and bearer tokens", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    expect(found(`Authorization: Bearer ${jwt}`)).toContain(jwt);
  });

  it("finds PEM private key blocks, also when the END line is missing", () => {
    const block = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----";
    expect(found(`config:\n${block}\nend`)).toEqual([block]);
    expect(found("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg")).toEqual(["-----BEGIN PRIVATE KEY-----"]);
  });

  it("finds the value of password and API-key assignments in English and Korean", () => {
    expect(found('db password = "Tr0ub4dor&3", api_key: abcd1234efgh')).toEqual(["Tr0ub4dor&3", "abcd1234efgh"]);
    expect(found("와이파이 비밀번호: Guest!2024")).toEqual(["Guest!2024"]);
    expect(found("postgres://app:s3cretPass@db.internal:5432/app")).toEqual(["s3cretPass"]);
  });

  it("ignores placeholders and prose after the key", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal "${TOKEN}" placeholder is the input under test
    expect(found("password: ******** / password: <your-password> / password: required / token = ${TOKEN}")).toEqual([]);
  });
});

describe("person_name", () => {
  it("finds English names after titles, labels and introductions", () => {
    expect(names("Please forward this to Dr. Alice Moreau.")).toEqual(["Alice Moreau"]);
    expect(names("Name: Jonathan Q. Public\nDept: Finance")).toEqual(["Jonathan Q. Public"]);
    expect(names("Hi, my name is Priya Raman and I work in sales.")).toEqual(["Priya Raman"]);
  });

  it("finds Korean names before honorifics and job titles, and after labels", () => {
    expect(names("홍길동 님, 회의 자료 보내드립니다.")).toEqual(["홍길동"]);
    expect(names("오늘 회의에는 박지성 과장과 이영희 대리가 참석합니다.")).toEqual(["박지성", "이영희"]);
    expect(names("성명: 최민준\n부서: 인사팀")).toEqual(["최민준"]);
  });

  it("does not take ordinary words for names", () => {
    expect(names("The policy applies to all employees. Thanks, Team")).toEqual([]);
    expect(names("정보보호 팀장에게 보고하고 기획팀 과장이 승인합니다.")).toEqual([]);
  });
});
