import { createBrowserRouter, type RouteObject } from "react-router";

import { NotFoundPage } from "@/components/NotFoundPage";
import { RegisterPage } from "@/features/auth/components/RegisterPage";
import { SessionEndedPage } from "@/features/auth/components/SessionEndedPage";
import { SignInPage } from "@/features/auth/components/SignInPage";
import { SignOutPage } from "@/features/auth/components/SignOutPage";
import { HomePage } from "@/features/public/components/HomePage";

import { AppLayout } from "./AppLayout";
import { RequireSignIn } from "./RequireSignIn";

/**
 * Every address the app shows. Django answers the first part of each with index.html (keep
 * backend/coproduce/frontend.py's APP_ROUTE_PATTERN in step). Signed-in areas load lazily so
 * the public pages stay small.
 */
export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: "sign-in", element: <SignInPage /> },
      { path: "register", element: <RegisterPage /> },
      { path: "sign-out", element: <SignOutPage /> },
      { path: "session-ended", element: <SessionEndedPage /> },
      { path: "opportunities", lazy: () => import("./routes/role-search") },
      { path: "opportunities/:id", lazy: () => import("./routes/role-detail") },
      { path: "about/payments", lazy: () => import("./routes/payments-and-benefits") },
      { path: "password-reset", lazy: () => import("./routes/forgot-password") },
      { path: "reset-password/:uid/:token", lazy: () => import("./routes/reset-password") },
      { path: "confirm-email/:uid/:token", lazy: () => import("./routes/confirm-email") },
      { path: "sign-in/code", lazy: () => import("./routes/two-factor") },
      {
        element: <RequireSignIn />,
        children: [
          { path: "me", lazy: () => import("./routes/dashboard") },
          // E-mails about alerts link here: the alerts are on the dashboard.
          { path: "me/alerts", lazy: () => import("./routes/dashboard") },
          { path: "me/earnings", lazy: () => import("./routes/earnings") },
          { path: "me/payment-choice", lazy: () => import("./routes/payment-choice") },
          { path: "me/bank-details", lazy: () => import("./routes/bank-details") },
          { path: "me/benefits", lazy: () => import("./routes/benefits") },
          { path: "me/roles", lazy: () => import("./routes/roles") },
          { path: "me/expenses", lazy: () => import("./routes/expenses") },
          { path: "me/expenses/new", lazy: () => import("./routes/expense-claim") },
          { path: "me/letters", lazy: () => import("./routes/letters") },
          { path: "me/letters/new", lazy: () => import("./routes/letter-request") },
          { path: "me/letters/:letterId", lazy: () => import("./routes/letter") },
          { path: "letters/:letterId", lazy: () => import("./routes/letter") },
          { path: "me/account", lazy: () => import("./routes/account") },
          { path: "me/account/export", lazy: () => import("./routes/export") },
          { path: "me/account/delete", lazy: () => import("./routes/erase") },
          { path: "me/notification-settings", lazy: () => import("./routes/notification-settings") },
          { path: "me/notifications", lazy: () => import("./routes/notifications") },
          { path: "opportunities/:id/apply", lazy: () => import("./routes/apply") },
          { path: "change-password", lazy: () => import("./routes/change-password") },
          {
            // The organisation workspace: each area's pages are children of its layout.
            path: "organisations/:organisationId",
            lazy: () => import("./routes/organisation"),
            children: [
              { index: true, lazy: () => import("./routes/organisation-overview") },
              { path: "settings/exports", lazy: () => import("./routes/organisation-export-settings") },
              { path: "letters", lazy: () => import("./routes/organisation-letters") },
              { path: "letters/:letterId", lazy: () => import("./routes/organisation-letter") },
              { path: "members", lazy: () => import("./routes/organisation-members") },
              { path: "members/invite", lazy: () => import("./routes/organisation-invite") },
              { path: "settings", lazy: () => import("./routes/organisation-settings") },
              { path: "settings/organisation", lazy: () => import("./routes/organisation-settings-details") },
              { path: "settings/letterhead", lazy: () => import("./routes/organisation-settings-letterhead") },
              { path: "settings/rate-card", lazy: () => import("./routes/organisation-settings-rate-card") },
              { path: "people", lazy: () => import("./routes/organisation-people") },
              { path: "people/:engagementId", lazy: () => import("./routes/organisation-person") },
              { path: "sessions/:sessionId/register", lazy: () => import("./routes/organisation-register") },
              { path: "payments", lazy: () => import("./routes/organisation-payments") },
              { path: "payments/:paymentId", lazy: () => import("./routes/organisation-payment") },
              { path: "expense-claims", lazy: () => import("./routes/organisation-expense-claims") },
              { path: "expense-claims/:claimId", lazy: () => import("./routes/organisation-expense-claim") },
              { path: "payment-runs", lazy: () => import("./routes/organisation-payment-runs") },
              { path: "payment-runs/new", lazy: () => import("./routes/organisation-payment-run-new") },
              { path: "payment-runs/:runId", lazy: () => import("./routes/organisation-payment-run") },
              { path: "settings/finance", lazy: () => import("./routes/organisation-finance-settings") },
              { path: "roles", lazy: () => import("./routes/organisation-roles") },
              { path: "roles/new", lazy: () => import("./routes/organisation-role-new") },
              { path: "roles/:roleId", lazy: () => import("./routes/organisation-role") },
              { path: "roles/:roleId/edit", lazy: () => import("./routes/organisation-role-edit") },
              { path: "roles/:roleId/sessions/new", lazy: () => import("./routes/organisation-session-new") },
              { path: "roles/:roleId/sessions/:sessionId/edit", lazy: () => import("./routes/organisation-session-edit") },
              { path: "roles/:roleId/sessions/:sessionId/cancel", lazy: () => import("./routes/organisation-session-cancel") },
              { path: "applications", lazy: () => import("./routes/organisation-applications") },
              { path: "applications/:applicationId", lazy: () => import("./routes/organisation-application") },
            ],
          },
        ],
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
