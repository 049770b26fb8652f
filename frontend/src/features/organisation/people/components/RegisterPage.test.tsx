import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { answerProblems, RegisterPage } from "./RegisterPage";

const NORTHFIELD = { organisation_id: 1, organisation_name: "Northfield", organisation_slug: "northfield", organisation_verified: true, role: "coordinator" } as const;
const SESSION = {
  id: 9,
  date: "2026-12-02",
  start_time: "10:00:00",
  end_time: "12:00:00",
  planned_hours: "2.00",
  opportunity_id: 4,
  opportunity_title: "Service design panel",
  paid: true,
};
const row = (engagement_id: number, name: string) => ({
  engagement_id,
  contributor_id: engagement_id + 100,
  name,
  engagement_status: "active",
  state: "to_log",
  attendance: null,
  fee: null,
});
const REGISTER = { session: SESSION, rows: [row(1, "Ada Ash"), row(2, "Bo Birch")] };
const fee = (payable: string, waived: string, reason: string) => ({
  payment_id: 30,
  status: "pending",
  offered: "50.00",
  payable,
  waived,
  reason,
  donated_to: "",
  due_on: SESSION.date,
});
const RECORDED = {
  register_id: 3,
  session: SESSION,
  rows: [
    { ...row(1, "Ada Ash"), state: "attended", attendance: { id: 5, engagement_id: 1, session_id: 9, date: SESSION.date, hours: "2.00", offered_amount: "50.00", created_at: "2026-12-03T10:00:00Z" }, fee: fee("20.00", "30.00", "Reduced to £20.00 at the contributor's request.") },
    { ...row(2, "Bo Birch"), state: "absent" },
  ],
};

type Sent = { path: string; method: string; body: unknown; key: string | null };

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

function renderRegister(answer: (sent: Sent) => Response) {
  const sent: Sent[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      const path = new URL(input.url).pathname;
      if (input.method === "GET") return json(REGISTER);
      const request: Sent = { path, method: input.method, body: await input.json(), key: input.headers.get("Idempotency-Key") };
      sent.push(request);
      return answer(request);
    }),
  );
  const router = createMemoryRouter(
    [{ path: "/organisations/:id/sessions/:sessionId/register", element: <RegisterPage membership={NORTHFIELD} sessionId={9} /> }],
    { initialEntries: ["/organisations/1/sessions/9/register"] },
  );
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return sent;
}

beforeEach(() => {
  document.cookie = "csrftoken=token-1";
});
afterEach(() => vi.unstubAllGlobals());

describe("a session's register", () => {
  it("prefills the planned hours, checks the answers, then shows each fee recorded with what was waived and why", async () => {
    const user = userEvent.setup();
    const sent = renderRegister(() => json(RECORDED, 201));

    const adaHours = await screen.findByLabelText("Hours Ada Ash gave");
    expect(adaHours).toHaveValue("2.00");
    await user.click(within(screen.getByRole("group", { name: "Did Ada Ash come?" })).getByLabelText("Yes"));
    await user.click(within(screen.getByRole("group", { name: "Did Bo Birch come?" })).getByLabelText("No"));
    await user.click(screen.getByRole("button", { name: "Continue" }));

    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Check the register before you log it");
    expect(sent).toEqual([]);
    const answers = screen.getByRole("table", { name: "Your answers" });
    expect(within(answers).getAllByRole("row")[1]).toHaveTextContent("Ada AshYes2.00");
    expect(within(answers).getAllByRole("row")[2]).toHaveTextContent("Bo BirchNo");

    await user.click(screen.getByRole("button", { name: "Log the register" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Register logged" })).toBeInTheDocument();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.path).toBe("/api/v1/sessions/9/register/");
    expect(sent[0]?.body).toEqual({
      rows: [
        { engagement: 1, attended: true, hours: "2.00" },
        { engagement: 2, attended: false, hours: null },
      ],
    });
    expect(sent[0]?.key).toBeTruthy();
    const fees = screen.getByRole("table", { name: "Fees recorded" });
    const ada = within(fees).getAllByRole("row")[1];
    expect(ada).toHaveTextContent("£50.00");
    expect(ada).toHaveTextContent("£20.00");
    expect(ada).toHaveTextContent("£30.00");
    expect(ada).toHaveTextContent("Reduced to £20.00 at the contributor's request.");
    expect(within(fees).getAllByRole("row")[2]).toHaveTextContent("Did not come: no fee.");
  });

  it("asks about everyone before anything is sent", async () => {
    const user = userEvent.setup();
    const sent = renderRegister(() => json(RECORDED, 201));

    await screen.findByLabelText("Hours Ada Ash gave");
    await user.click(within(screen.getByRole("group", { name: "Did Ada Ash come?" })).getByLabelText("Yes"));
    await user.clear(screen.getByLabelText("Hours Ada Ash gave"));
    await user.click(screen.getByRole("button", { name: "Continue" }));

    const summary = screen.getByRole("alert");
    expect(summary).toHaveTextContent("Ada Ash's hours: Enter the hours they gave, like 2.5.");
    expect(summary).toHaveTextContent("Bo Birch: Say whether they came.");
    expect(sent).toEqual([]);
  });

  it("brings the API's problems back to the rows they are about, and logs nothing", async () => {
    const user = userEvent.setup();
    const refused = {
      message: "Nothing was logged. Check the rows marked and send the register again.",
      code: "invalid",
      fields: { "rows.1.attended": ["This person withdrew before that day, so no attendance can be logged."] },
    };
    renderRegister(() => json(refused, 400));

    await screen.findByLabelText("Hours Ada Ash gave");
    await user.click(within(screen.getByRole("group", { name: "Did Ada Ash come?" })).getByLabelText("Yes"));
    await user.click(within(screen.getByRole("group", { name: "Did Bo Birch come?" })).getByLabelText("Yes"));
    await user.click(screen.getByRole("button", { name: "Continue" }));
    await user.click(screen.getByRole("button", { name: "Log the register" }));

    const summary = await screen.findByRole("alert");
    expect(summary).toHaveTextContent("Nothing was logged.");
    expect(within(summary).getByRole("link", { name: /Bo Birch: This person withdrew/ })).toHaveAttribute("href", "#rows.1.attended");
    expect(screen.getByRole("group", { name: "Did Bo Birch come?" })).toHaveTextContent("This person withdrew before that day");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Register");
  });
});

describe("answerProblems", () => {
  it("needs yes or no from everyone, and sensible hours from those who came", () => {
    expect(
      answerProblems([
        { came: "", hours: "2" },
        { came: "yes", hours: "25" },
        { came: "no", hours: "" },
        { came: "yes", hours: "1.5" },
      ]),
    ).toEqual({
      "rows.0.attended": ["Say whether they came."],
      "rows.1.hours": ["Enter hours more than 0 and no more than 24."],
    });
  });
});
