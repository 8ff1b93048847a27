#include "domain/notify/mails.hpp"

#include <unordered_map>

#include <boost/json.hpp>

#include "domain/content/sql.hpp"
#include "platform/mail/outbox.hpp"
#include "platform/db/transaction.hpp"

namespace qt::notify {

namespace {

std::string payload_text(const Notification& n, std::string_view key) {
  if (const auto* v = n.payload.if_contains(key); v && v->is_string()) return std::string(v->as_string());
  return {};
}

struct Recipient {
  std::string email;
  std::string name;
  std::string language;  // "" = the municipality's default
};

std::unordered_map<std::int64_t, Recipient> recipients(soci::session& s, const std::vector<std::int64_t>& ids) {
  std::unordered_map<std::int64_t, Recipient> out;
  for (std::size_t start = 0; start < ids.size(); start += 500) {
    std::vector<std::int64_t> batch(ids.begin() + static_cast<std::ptrdiff_t>(start),
                                    ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), start + 500)));
    content::sql::IdList list("u", batch);
    std::int64_t id = 0;
    Recipient r;
    auto p = (s.prepare << "SELECT id, email, display_name, language FROM users WHERE status = 'active' AND id IN "
                        << list.placeholders());
    list.bind(p);
    p, soci::into(id), soci::into(r.email), soci::into(r.name), soci::into(r.language);
    soci::statement st(p);
    st.execute();
    while (st.fetch()) out[id] = r;
  }
  return out;
}

}  // namespace

std::string describe(const Notification& n, bool english) {
  const std::string title = payload_text(n, "title");
  const bool en = english;
  const std::string what = n.kind == "announcement" ? (en ? "Announcement" : "Bekanntmachung")
                           : n.kind == "comment"    ? (en ? "New comment" : "Neuer Kommentar")
                           : n.kind == "reply"      ? (en ? "New reply" : "Neue Antwort")
                           : n.kind == "mention"    ? (en ? "You were mentioned" : "Sie wurden erwähnt")
                           : n.kind == "reaction"   ? (en ? "Reaction" : "Reaktion")
                           : n.kind == "moderation" ? "Moderation"
                           : title.empty()          ? (en ? "Notification" : "Benachrichtigung")
                                                    : std::string();
  if (title.empty()) return what;
  return what.empty() ? title : what + ": " + title;
}

MailHooks mail_hooks(db::Database& db, mail::Outbox& outbox, const config::Config& config) {
  const std::string base = config.server.public_url;
  const std::string town = config.municipality.name;
  const std::string fallback = config.municipality.default_language;
  auto english = [fallback](const Recipient& r) { return (r.language.empty() ? fallback : r.language) == "en"; };
  MailHooks hooks;
  auto queue_urgent = [&outbox, base, town, english](soci::session& s, const std::vector<Notification>& list) {
    std::vector<std::int64_t> users;
    for (const auto& n : list) users.push_back(n.user_id);
    const auto who = recipients(s, users);
    for (const auto& n : list) {
      auto r = who.find(n.user_id);
      if (r == who.end()) continue;
      const bool en = english(r->second);
      mail::Mail m;
      m.to = r->second.email;
      const std::string title = payload_text(n, "title");
      m.subject = (en ? "Important: " : "Wichtig: ") + (title.empty() ? describe(n, en) : title);
      m.body = (en ? "Hello " : "Hallo ") + r->second.name + ",\n\n" + describe(n, en) + "\n\n" +
               payload_text(n, "summary") + (en ? "\n\nMore: " : "\n\nMehr: ") + base + n.link + "\n\n" +
               (en ? "This message is urgent and is sent whatever your digest settings.\n"
                   : "Diese Nachricht ist dringend und kommt deshalb unabhängig von Ihren Einstellungen zur Zusammenfassung.\n") +
               "\n-- \nQuartier " + town + "\n";
      outbox.queue(s, m);
    }
  };
  hooks.urgent_on = queue_urgent;
  hooks.urgent = [&db, queue_urgent](const std::vector<Notification>& list) {
    auto lease = db.write();
    db::Transaction tx(*lease);
    queue_urgent(*lease, list);
    tx.commit();
  };
  hooks.digest = [&db, &outbox, base, town, english](std::int64_t user, const std::vector<Notification>& list) {
    auto lease = db.write();
    const auto who = recipients(*lease, {user});
    auto r = who.find(user);
    if (r == who.end()) return;
    const bool en = english(r->second);
    const std::string count = std::to_string(list.size());
    mail::Mail m;
    m.to = r->second.email;
    m.subject = en ? "Your news from Quartier " + town + " (" + count + ")"
                   : "Ihre Neuigkeiten aus Quartier " + town + " (" + count + ")";
    m.body = (en ? "Hello " + r->second.name + ",\n\nthis is new for you since your last visit:\n\n"
                 : "Hallo " + r->second.name + ",\n\nseit Ihrem letzten Besuch gibt es Neues für Sie:\n\n");
    for (const auto& n : list) m.body += "- " + describe(n, en) + "\n  " + base + n.link + "\n";
    m.body += en ? "\nChoose how often you get this summary, or turn it off: " + base + "/settings\n"
                 : "\nWie oft Sie diese Zusammenfassung bekommen oder ob überhaupt, stellen Sie hier ein: " + base + "/settings\n";
    m.body += "\n-- \nQuartier " + town + "\n";
    outbox.queue(*lease, m);
  };
  return hooks;
}

}  // namespace qt::notify
