import type { PiiDetectorName } from "@/lib/guardrails/policy";

/** For every personal-data detector, a value it finds and a question (English, then Korean) that carries it. */
export const PERSONAL_DATA_SAMPLES: Record<PiiDetectorName, { value: string; question: string }[]> = {
  email: [
    { value: "jane.doe@example.com", question: "My address is jane.doe@example.com. How many vacation days do I get?" },
    { value: "minsu.kim@example.co.kr", question: "제 이메일은 minsu.kim@example.co.kr 입니다. 연차 휴가는 며칠인가요?" },
  ],
  phone: [
    { value: "+44 20 7946 0958", question: "Call me on +44 20 7946 0958 about my vacation days." },
    { value: "010-1234-5678", question: "제 연락처는 010-1234-5678 입니다. 연차 휴가는 며칠인가요?" },
  ],
  credit_card: [
    { value: "4111 1111 1111 1111", question: "Can I expense travel on card 4111 1111 1111 1111?" },
    { value: "5500 0000 0000 0004", question: "법인카드 5500 0000 0000 0004 로 경비를 처리해도 되나요?" },
  ],
  iban: [
    { value: "DE89 3704 0044 0532 0130 00", question: "Pay my expenses to DE89 3704 0044 0532 0130 00 please." },
    { value: "GB29 NWBK 6016 1331 9268 19", question: "경비는 GB29 NWBK 6016 1331 9268 19 계좌로 받을 수 있나요?" },
  ],
  kr_registration_number: [
    { value: "900101-1234568", question: "My RRN is 900101-1234568, how many vacation days do I get?" },
    { value: "850505-2345672", question: "주민등록번호 850505-2345672 로 휴가를 신청할 수 있나요?" },
  ],
  kr_business_number: [
    { value: "220-81-62517", question: "Our supplier 220-81-62517 sent an invoice; how do I submit expense claims?" },
    { value: "123-45-67890", question: "사업자등록번호 123-45-67890 거래처 경비는 어떻게 청구하나요?" },
  ],
  passport: [
    { value: "X1234567", question: "My passport number X1234567 expires soon, can I take vacation days?" },
    { value: "M12345678", question: "여권번호 M12345678 로 출장 경비를 청구할 수 있나요?" },
  ],
  us_ssn: [
    { value: "536-22-1234", question: "My SSN is 536-22-1234, how many vacation days do I get?" },
    { value: "536-22-9876", question: "미국 SSN 536-22-9876 이 있는데 연차 휴가는 며칠인가요?" },
  ],
  ip_address: [
    { value: "203.0.113.42", question: "My laptop at 203.0.113.42 cannot reach the expense system." },
    { value: "198.51.100.7", question: "198.51.100.7 에서 경비 시스템에 접속이 안 됩니다." },
  ],
  secrets: [
    { value: "AKIAQ3EGUXZ7PLMN4R2T", question: "Is AKIAQ3EGUXZ7PLMN4R2T the right key for the expense system?" },
    { value: "Hunter2xyz!", question: "password=Hunter2xyz! 로 로그인이 안 되는데 경비는 어떻게 청구하나요?" },
  ],
  person_name: [
    { value: "Jane Roe", question: "My name is Jane Roe, how many vacation days do I get?" },
    { value: "김민수", question: "김민수 과장님의 연차 휴가는 며칠인가요?" },
  ],
};
