import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";

import { claimsQuery, lettersQuery } from "../api/portal";
import { todos } from "../hooks/todo";

/** Claims to finish and letters ready, each linked to where it is done. */
export function WhatNeedsDoing() {
  const claims = useQuery(claimsQuery);
  const letters = useQuery(lettersQuery);
  const pending = claims.isPending || letters.isPending;
  const items = todos(claims.data ?? [], letters.data ?? []);
  return (
    <section className="cp-section" aria-labelledby="todo-heading" aria-busy={pending}>
      <h2 className="govuk-heading-m" id="todo-heading">
        What needs doing
      </h2>
      {pending && <p className="govuk-body cp-placeholder">Loading</p>}
      {(claims.isError || letters.isError) && <p className="govuk-body">We could not load everything just now. Try again in a few minutes.</p>}
      {!pending && items.length === 0 && <p className="govuk-body">Nothing needs doing just now.</p>}
      {items.length > 0 && (
        <ul className="govuk-list govuk-list--bullet">
          {items.map((item) => (
            <li key={item.key}>
              <Link className="govuk-link" to={item.href}>
                {item.text}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
