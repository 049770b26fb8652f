import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router";

import { PageHeading } from "@/components/PageHeading";
import { Tag } from "@/components/Tag";

import { notificationsQuery, useMarkRead, type Notification } from "../api/notifications";

const WHEN = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", hour: "numeric", minute: "2-digit", timeZone: "Europe/London" });

/** Links in notifications are app addresses ("/letters/3/"); keep them inside the app. */
export function appPath(link: string): string | null {
  if (!link.startsWith("/") || link.startsWith("//")) return null;
  return link;
}

function NotificationRow({ notification }: { notification: Notification }) {
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const path = appPath(notification.link);
  return (
    <li className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
        {path ? (
          <Link
            className="govuk-link"
            to={path}
            onClick={(event) => {
              if (notification.is_read) return;
              event.preventDefault();
              markRead.mutate(notification.id, { onSettled: () => navigate(path) });
            }}
          >
            {notification.title}
          </Link>
        ) : (
          notification.title
        )}{" "}
        {!notification.is_read && <Tag colour="blue">New</Tag>}
      </h2>
      <p className="govuk-body govuk-!-margin-bottom-1">{notification.body}</p>
      <p className="govuk-body-s govuk-!-margin-bottom-1">{WHEN.format(new Date(notification.created_at))}</p>
      {!notification.is_read && (
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
          aria-disabled={markRead.isPending || undefined}
          onClick={() => !markRead.isPending && markRead.mutate(notification.id)}
        >
          {markRead.isPending ? "Marking as read" : "Mark as read"}
          <span className="govuk-visually-hidden">: {notification.title}</span>
        </button>
      )}
    </li>
  );
}

/** Messages from Coproduce, newest first, each linked to the page it is about. */
export function NotificationsPage() {
  const notifications = useQuery(notificationsQuery());
  const unread = notifications.data?.results.filter((n) => !n.is_read).length ?? 0;
  return (
    <>
      <PageHeading>Your notifications</PageHeading>
      <p className="govuk-body">
        <Link className="govuk-link" to="/me/notification-settings">
          Change which e-mails you get
        </Link>
      </p>
      <div aria-live="polite">
        {notifications.isPending && <p className="govuk-body">Loading your notifications</p>}
        {notifications.isError && <p className="govuk-body">Your notifications could not be loaded. Try again in a few minutes.</p>}
        {notifications.data && (
          <p className="govuk-body">
            {unread === 0 ? "You have no new notifications." : unread === 1 ? "You have 1 new notification." : `You have ${unread} new notifications.`}
          </p>
        )}
        {notifications.data && notifications.data.results.length > 0 && (
          <ul className="govuk-list">
            {notifications.data.results.map((notification) => (
              <NotificationRow key={notification.id} notification={notification} />
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
