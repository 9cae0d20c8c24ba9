import { describe, expect, it } from "vitest";
import { formatDetail, formatList } from "../../../ops/dlq/format";

const hostile = "line one\nline two \u001b[31mred\u001b[0m";

describe("npm run dlq output", () => {
  it("lists one line per message, with control characters shown, not obeyed", () => {
    const text = formatList("notifications", {
      messages: [
        { sequenceNumber: "7", reason: "InvalidPayload", description: hostile, messageId: "m\u001b]0;x\u0007" }
      ],
      more: false
    });
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe("notifications: 1 dead-lettered message");
    expect(text).not.toContain("\u001b");
    expect(lines[2]).toContain("line one\\u000aline two \\u001b[31mred");
  });

  it("says how many there are when there is none, or more than shown", () => {
    expect(formatList("role-grants", { messages: [], more: false })).toBe("role-grants: 0 dead-lettered messages\n");
    expect(formatList("role-grants", { messages: [{ sequenceNumber: "1" }], more: true })).toMatch(
      /^role-grants: more than 1 dead-lettered messages\n[\s\S]*use --top/
    );
  });

  it("shows every field of one message and its body as JSON, escaped the same way", () => {
    const text = formatDetail("invitation-emails", {
      sequenceNumber: "12",
      messageId: "r:1:publish:0",
      reason: "RetriesExhausted",
      description: hostile,
      applicationProperties: { DeadLetterReason: "RetriesExhausted" },
      body: { kind: "sendInvitationEmail", relationshipId: "r" }
    });
    expect(text).toContain("sequence number: 12\n");
    expect(text).toContain("description: line one\\u000aline two");
    expect(text).not.toContain("\u001b");
    expect(text).toContain('"relationshipId": "r"');
  });
});
