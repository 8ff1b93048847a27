#include "notify/mails.hpp"

#include <unordered_map>

#include <boost/json.hpp>

#include "content/sql.hpp"
#include "mail/outbox.hpp"

namespace qt::notify {

namespace {

std::string payload_text(const Notification& n, std::string_view key) {
  if (const auto* v = n.payload.if_contains(key); v && v->is_string()) return std::string(v->as_string());
  return {};
}

struct Recipient {
  std::string email;
  std::string name;
};

std::unordered_map<std::int64_t, Recipient> recipients(soci::session& s, const std::vector<std::int64_t>& ids) {
  std::unordered_map<std::int64_t, Recipient> out;
  for (std::size_t start = 0; start < ids.size(); start += 500) {
    std::vector<std::int64_t> batch(ids.begin() + static_cast<std::ptrdiff_t>(start),
                                    ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), start + 500)));
    content::sql::IdList list("u", batch);
    std::int64_t id = 0;
    Recipient r;
    auto p = (s.prepare << "SELECT id, email, display_name FROM users WHERE status = 'active' AND id IN "
                        << list.placeholders());
    list.bind(p);
    p, soci::into(id), soci::into(r.email), soci::into(r.name);
    soci::statement st(p);
    st.execute();
    while (st.fetch()) out[id] = r;
  }
  return out;
}

}  // namespace

std::string describe(const Notification& n) {
  const std::string title = payload_text(n, "title");
  const std::string what = n.kind == "announcement" ? "Bekanntmachung / Announcement"
                           : n.kind == "comment"    ? "Neuer Kommentar / New comment"
                           : n.kind == "reply"      ? "Neue Antwort / New reply"
                           : n.kind == "mention"    ? "Erwähnung / Mention"
                           : n.kind == "reaction"   ? "Reaktion / Reaction"
                           : n.kind == "moderation" ? "Moderation"
                                                    : n.kind;
  return title.empty() ? what : what + ": " + title;
}

MailHooks mail_hooks(db::Database& db, mail::Outbox& outbox, const config::Config& config) {
  const std::string base = config.server.public_url;
  const std::string town = config.municipality.name;
  MailHooks hooks;
  auto queue_urgent = [&outbox, base, town](soci::session& s, const std::vector<Notification>& list) {
    std::vector<std::int64_t> users;
    for (const auto& n : list) users.push_back(n.user_id);
    const auto who = recipients(s, users);
    for (const auto& n : list) {
      auto r = who.find(n.user_id);
      if (r == who.end()) continue;
      mail::Mail m;
      m.to = r->second.email;
      const std::string title = payload_text(n, "title");
      m.subject = "Wichtig / Important: " + (title.empty() ? describe(n) : title);
      m.body = "Hallo " + r->second.name + ",\n\n" + describe(n) + "\n\n" + payload_text(n, "summary") +
               "\n\nMehr / More: " + base + n.link + "\n\n-- \nQuartier " + town +
               "\n(Diese Nachricht ist dringend und kommt deshalb unabhängig von Ihren Zusammenfassungs-Einstellungen.\n"
               " This message is urgent and is sent whatever your digest settings.)\n";
      outbox.queue(s, m);
    }
  };
  hooks.urgent_on = queue_urgent;
  hooks.urgent = [&db, queue_urgent](const std::vector<Notification>& list) {
    auto lease = db.write();
    soci::transaction tx(*lease);
    queue_urgent(*lease, list);
    tx.commit();
  };
  hooks.digest = [&db, &outbox, base, town](std::int64_t user, const std::vector<Notification>& list) {
    auto lease = db.write();
    const auto who = recipients(*lease, {user});
    auto r = who.find(user);
    if (r == who.end()) return;
    mail::Mail m;
    m.to = r->second.email;
    m.subject = "Neuigkeiten in Quartier " + town + " (" + std::to_string(list.size()) + ")";
    m.body = "Hallo " + r->second.name + ",\n\nseit Ihrem letzten Besuch / since your last visit:\n\n";
    for (const auto& n : list) m.body += "- " + describe(n) + "\n  " + base + n.link + "\n";
    m.body += "\nZusammenfassungen abbestellen / Turn digests off: " + base + "/me\n\n-- \nQuartier " + town + "\n";
    outbox.queue(*lease, m);
  };
  return hooks;
}

}  // namespace qt::notify
