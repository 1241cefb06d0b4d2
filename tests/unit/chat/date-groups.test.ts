import { describe, expect, it } from "vitest";
import { groupByDate } from "@/lib/chat/date-groups";

const at = (iso: string) => ({ updatedAt: iso, id: iso });

describe("grouping conversations by date", () => {
  it("puts them under today, yesterday, the previous 7 and 30 days, then months, newest first", () => {
    const now = new Date("2026-12-07T10:00:00Z");
    const groups = groupByDate(
      [
        at("2026-12-07T09:00:00Z"),
        at("2026-12-07T00:30:00Z"),
        at("2026-12-06T23:00:00Z"),
        at("2026-12-03T12:00:00Z"),
        at("2026-11-20T12:00:00Z"),
        at("2026-10-02T12:00:00Z"),
        at("2026-09-30T12:00:00Z"),
      ],
      now,
      "UTC",
    );
    expect(groups.map((g) => [g.group, g.items.length])).toEqual([
      [{ kind: "today" }, 2],
      [{ kind: "yesterday" }, 1],
      [{ kind: "previous7" }, 1],
      [{ kind: "previous30" }, 1],
      [{ kind: "month", year: 2026, month: 10 }, 1],
      [{ kind: "month", year: 2026, month: 9 }, 1],
    ]);
  });

  it("counts days in the reader's time zone", () => {
    // 23:30 UTC on the 6th is already the 7th in Seoul (UTC+9): "today" there, "yesterday" in UTC.
    const now = new Date("2026-12-07T03:00:00Z");
    const items = [at("2026-12-06T23:30:00Z")];
    expect(groupByDate(items, now, "Asia/Seoul")[0]!.group).toEqual({ kind: "today" });
    expect(groupByDate(items, now, "UTC")[0]!.group).toEqual({ kind: "yesterday" });
  });
});
