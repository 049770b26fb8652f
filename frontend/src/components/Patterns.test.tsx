import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { NotificationBanner } from "./NotificationBanner";
import { Panel } from "./Panel";
import { Radios } from "./Radios";
import { SummaryList } from "./SummaryList";
import { Table } from "./Table";
import { Tag } from "./Tag";

describe("govuk patterns", () => {
  it("a table has a caption, column headers and right-aligned numbers", () => {
    render(
      <Table
        caption="Your payments"
        rows={[{ id: 1, what: "Interview panel", amount: "£50.00" }]}
        rowKey={(row) => row.id}
        empty="No payments yet."
        columns={[
          { header: "What for", cell: (row) => row.what },
          { header: "Amount", cell: (row) => row.amount, numeric: true },
        ]}
      />,
    );

    const table = screen.getByRole("table", { name: "Your payments" });
    expect(within(table).getByRole("columnheader", { name: "Amount" })).toHaveClass("govuk-table__header--numeric");
    expect(within(table).getByRole("cell", { name: "£50.00" })).toHaveClass("govuk-table__cell--numeric");
  });

  it("an empty table says so in words", () => {
    render(<Table caption="Your payments" rows={[]} rowKey={() => 0} empty="No payments yet." columns={[]} />);
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
    expect(screen.getByText("No payments yet.")).toBeInTheDocument();
  });

  it("a summary list pairs keys with values and names what each action changes", () => {
    render(<SummaryList rows={[{ key: "Name", value: "Sam", action: { href: "/me/account", label: "Change" } }]} />);
    expect(screen.getByText("Name").tagName).toBe("DT");
    expect(screen.getByRole("link", { name: "Change name" })).toHaveAttribute("href", "/me/account");
  });

  it("a panel's title is the page heading", () => {
    render(<Panel title="Application sent">We have told the organisation.</Panel>);
    expect(screen.getByRole("heading", { level: 1, name: "Application sent" })).toBeInTheDocument();
  });

  it("a success banner is announced", () => {
    render(<NotificationBanner type="success" heading="Your letter is ready" />);
    expect(screen.getByRole("alert")).toHaveTextContent("Your letter is ready");
  });

  it("a tag shows its status in words", () => {
    render(<Tag colour="green">Paid</Tag>);
    expect(screen.getByText("Paid")).toHaveClass("govuk-tag", "govuk-tag--green");
  });

  it("radios group under their question; the first radio is the error summary's target", () => {
    render(
      <Radios
        name="account_type"
        legend="Who is the account for?"
        error="Choose who the account is for"
        options={[
          { value: "contributor", label: "Me" },
          { value: "organisation", label: "An organisation" },
        ]}
      />,
    );
    const group = screen.getByRole("group", { name: "Who is the account for?" });
    expect(group).toHaveAccessibleDescription("Error: Choose who the account is for");
    expect(screen.getByRole("radio", { name: "Me" })).toHaveAttribute("id", "account_type");
  });
});
