import type { Migration } from '../migrate.ts';

/**
 * Every change that can end a session sooner notifies the channel `passbook_session`, so that each instance
 * drops the sessions it keeps in memory: `s:<session id>` when a session is deleted, its lifetime shortened or
 * its last use moved back; `u:<user id>` when a user is deleted or becomes (or stops being) an account. The
 * session's token is never in a payload. The touch of `last_seen_at` moves it forward and stays silent.
 */
export const sessionNotifications: Migration = {
  id: '0100-session-notifications',
  statements: [
    `CREATE FUNCTION passbook_notify_session() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       PERFORM pg_notify('passbook_session', TG_ARGV[0] || ':' || OLD.id::text);
       RETURN NULL;
     END
     $$`,
    `CREATE TRIGGER sessions_notify_end AFTER DELETE ON sessions
     FOR EACH ROW EXECUTE FUNCTION passbook_notify_session('s')`,
    `CREATE TRIGGER sessions_notify_shorter AFTER UPDATE ON sessions
     FOR EACH ROW WHEN (NEW.expires_at < OLD.expires_at OR NEW.last_seen_at < OLD.last_seen_at
       OR NEW.user_id <> OLD.user_id OR NEW.token_hash <> OLD.token_hash)
     EXECUTE FUNCTION passbook_notify_session('s')`,
    `CREATE TRIGGER users_notify_session_end AFTER DELETE ON users
     FOR EACH ROW EXECUTE FUNCTION passbook_notify_session('u')`,
    `CREATE TRIGGER users_notify_session_kind AFTER UPDATE ON users
     FOR EACH ROW WHEN (NEW.account_created_at IS DISTINCT FROM OLD.account_created_at)
     EXECUTE FUNCTION passbook_notify_session('u')`,
  ],
};
