/** Notifications: whether this server can push, and what the person asked to be told. */
import { routes } from '@passbook/contracts/routes';
import { queryOptions } from '@tanstack/react-query';
import { request } from '../api/client.ts';

export function notificationsQuery() {
  return queryOptions({
    queryKey: ['notifications'] as const,
    queryFn: ({ signal }) => request(routes.notifications, { signal }),
  });
}
