#pragma once
// The mails of notifications, queued through qt::mail::Outbox: urgent ones at once (all of one
// delivery in one transaction), the rest as a daily or weekly digest. Each in the person's
// language ([municipality] default_language when they chose none).
#include "domain/notify/notifier.hpp"
#include "platform/config/config.hpp"
#include "platform/db/database.hpp"

namespace qt::mail {
class Outbox;
}

namespace qt::notify {

MailHooks mail_hooks(db::Database& db, mail::Outbox& outbox, const config::Config& config);

// Text of one notification line for mails ("Neuer Kommentar: <title>" / "New comment: <title>").
std::string describe(const Notification& n, bool english);

}  // namespace qt::notify
