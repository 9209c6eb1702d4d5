import type { Migration } from '../migrate.ts';

/**
 * Every change to what a user's dashboard shows (links, their accounts, their jobs) notifies the channel
 * `passbook_view` with the user id, so that each instance drops what it cached for that user.
 */
export const viewNotifications: Migration = {
  id: '0002-view-notifications',
  statements: [
    `CREATE FUNCTION passbook_notify_view() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP = 'DELETE' THEN
         PERFORM pg_notify('passbook_view', OLD.user_id::text);
       ELSE
         PERFORM pg_notify('passbook_view', NEW.user_id::text);
       END IF;
       RETURN NULL;
     END
     $$`,
    `CREATE TRIGGER links_notify_view AFTER INSERT OR UPDATE OR DELETE ON links
     FOR EACH ROW EXECUTE FUNCTION passbook_notify_view()`,
    `CREATE TRIGGER accounts_notify_view AFTER INSERT OR UPDATE OR DELETE ON accounts
     FOR EACH ROW EXECUTE FUNCTION passbook_notify_view()`,
    `CREATE TRIGGER jobs_notify_view_change AFTER INSERT OR DELETE ON jobs
     FOR EACH ROW EXECUTE FUNCTION passbook_notify_view()`,
    // Lease renewals and releases change nothing a user sees: they stay silent.
    `CREATE TRIGGER jobs_notify_view_update AFTER UPDATE ON jobs
     FOR EACH ROW WHEN (
       (OLD.state, OLD.attempts, OLD.connect_url, OLD.new_transactions, OLD.error_code, OLD.error_message,
        OLD.updated_at, OLD.started_at, OLD.finished_at)
       IS DISTINCT FROM
       (NEW.state, NEW.attempts, NEW.connect_url, NEW.new_transactions, NEW.error_code, NEW.error_message,
        NEW.updated_at, NEW.started_at, NEW.finished_at))
     EXECUTE FUNCTION passbook_notify_view()`,
  ],
};
