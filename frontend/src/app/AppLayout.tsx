import { Outlet } from "react-router";

import { PageLayout, type NavItem } from "@/components/PageLayout";
import { useSession } from "@/features/auth/api/session";

/** Every page: the layout, with navigation for who is signed in. */
export function AppLayout() {
  const { data: me } = useSession();
  const navigation: NavItem[] = me
    ? [
        { to: "/me/", label: "Your dashboard" },
        { to: "/sign-out", label: "Sign out" },
      ]
    : [
        { to: "/", label: "Home" },
        { to: "/sign-in", label: "Sign in" },
        { to: "/register", label: "Create an account" },
      ];
  return (
    <PageLayout navigation={navigation}>
      <Outlet />
    </PageLayout>
  );
}
