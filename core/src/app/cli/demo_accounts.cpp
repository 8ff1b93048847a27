#include "app/cli/demo_accounts.hpp"

#include <fmt/format.h>

#include "domain/credentials/password.hpp"
#include "domain/accounts/users.hpp"
#include "domain/municipality/legal.hpp"
#include "domain/municipality/neighbourhoods.hpp"
#include "platform/util/clock.hpp"
#include "platform/db/transaction.hpp"

namespace qt::accounts {
namespace {

struct DemoPerson {
  const char* email;
  const char* name;
  const char* role;
  const char* department;
  const char* neighbourhood;  // slug
  const char* password;
  bool verified;
};

// Known passwords, printed: this is demo data for trying Quartier out, never for production.
constexpr DemoPerson kPeople[] = {
    {"admin@quartier.test", "Demo-Admin", "admin", "", "altstadt", "Demo-Admin-Quartier-1", false},
    {"verwaltung@quartier.test", "Petra Hoffmann", "staff", "Bezirksamt – Straßen- und Grünflächenamt",
     "altstadt", "Demo-Verwaltung-Quartier-1", false},
    {"moderation@quartier.test", "Jonas Weber", "moderator", "", "hafenviertel", "Demo-Moderation-Quartier-1",
     false},
    {"anna@quartier.test", "Anna Schmidt", "resident", "", "altstadt", "Demo-Anna-Quartier-1", true},
    {"ben@quartier.test", "Ben Yilmaz", "resident", "", "hafenviertel", "Demo-Ben-Quartier-1", true},
    {"carla@quartier.test", "Carla Nowak", "resident", "", "nordpark", "Demo-Carla-Quartier-1", false},
    {"deniz@quartier.test", "Deniz Kaya", "resident", "", "am-muehlbach", "Demo-Deniz-Quartier-1", false},
};

struct Hood {
  const char* slug;
  const char* name;
  const char* description;
  const char* postcodes;
};

constexpr Hood kHoods[] = {
    {"altstadt", "Altstadt", "Rund um Marktplatz, Rathaus und Stadtkirche.", "12341,12342"},
    {"hafenviertel", "Hafenviertel", "Zwischen altem Hafen, Speicherstadt und Kanal.", "12343"},
    {"nordpark", "Nordpark", "Wohngebiet am Stadtpark mit Schulzentrum und Sportplätzen.", "12344,12345"},
    {"am-muehlbach", "Am Mühlbach", "Das ehemalige Dorf im Süden, heute mit Neubaugebiet.", "12346"},
};

void seed_neighbourhoods(soci::session& s, const std::string& town, std::int64_t now, DemoAccounts& result) {
  for (const auto& h : kHoods) {
    long long id = 0;
    const std::string slug = h.slug;
    s << "SELECT id FROM neighbourhoods WHERE slug = :s", soci::use(slug), soci::into(id);
    if (!s.got_data()) {
      Neighbourhood n;
      n.slug = h.slug;
      n.name = h.name;
      n.description = std::string(h.description) + " (" + town + ")";
      n.postcodes = h.postcodes;
      n.created_at = now;
      id = insert_neighbourhood(s, n);
    }
    result.neighbourhood_ids[h.slug] = id;
  }
}

// The person's account: the one with the address if there is one, else a new active account.
std::int64_t demo_person(soci::session& s, const DemoPerson& p, const std::string& hash, std::int64_t neighbourhood,
                         std::int64_t now) {
  if (auto existing = load_user_by_email(s, p.email)) return existing->id;
  User u;
  u.email = p.email;
  u.display_name = p.name;
  u.role = p.role;
  u.department = p.department;
  u.neighbourhood_id = neighbourhood;
  u.status = "active";
  u.email_confirmed_at = now;
  u.password_hash = hash;
  u.profile_visibility = "residents";
  u.created_at = u.updated_at = now;
  const auto id = insert_user(s, u);
  if (p.verified) {
    const long long uid = id, t = now;
    s << "UPDATE users SET residence_verified_at = :t WHERE id = :u", soci::use(t), soci::use(uid);
  }
  return id;
}

void seed_people(soci::session& s, const std::vector<std::string>& hashes, std::int64_t now, DemoAccounts& result,
                 std::ostream& out) {
  std::size_t i = 0;
  for (const auto& p : kPeople) {
    const auto id = demo_person(s, p, hashes[i], result.neighbourhood_ids[p.neighbourhood], now);
    const std::string role = p.role;
    if (role == "admin")
      result.admin_id = id;
    else if (role == "staff")
      result.staff_id = id;
    else if (role == "moderator")
      result.moderator_id = id;
    else
      result.resident_ids.push_back(id);
    out << fmt::format("  {:<10} {:<28} {}\n", role, p.email, p.password);
    ++i;
  }
}

// Legal texts where none is published yet, and everyone's consent to them.
void seed_legal_texts(soci::session& s, const std::string& town, std::int64_t now, const DemoAccounts& result) {
  const std::pair<const char*, std::string> texts[] = {
      {"imprint", "Stadt " + town + "\nDer Bürgermeister\nRathausplatz 1, 12341 " + town +
                      "\nE-Mail: quartier@" + town + ".example\n(Demo-Impressum)"},
      {"privacy", "Datenschutzerklärung (Demo): Quartier speichert nur, was für den Betrieb nötig ist. Sie können "
                  "Ihre Daten jederzeit unter \"Mein Konto\" herunterladen und Ihr Konto löschen."},
      {"terms", "Nutzungsbedingungen (Demo): Seien Sie freundlich zu Ihren Nachbarinnen und Nachbarn."},
      {"accessibility", "Erklärung zur Barrierefreiheit (Demo): Quartier soll die WCAG 2.1 AA erfüllen. "
                        "Barrieren bitte an barrierefreiheit@" + town + ".example melden."},
  };
  for (const auto& [kind, body] : texts)
    if (!current_legal_text(s, kind)) publish_legal_text(s, kind, body, result.admin_id, now);
  std::vector<std::int64_t> everyone{result.admin_id, result.staff_id, result.moderator_id};
  everyone.insert(everyone.end(), result.resident_ids.begin(), result.resident_ids.end());
  for (auto uid : everyone)
    if (!consent_required(s, uid).empty()) consent_to_current(s, uid, now);
}

}  // namespace

DemoAccounts seed_demo_accounts(db::Database& db, const config::Config& config, std::ostream& out) {
  DemoAccounts result;
  const auto now = now_ms();
  const std::string town = config.municipality.name;
  // Hash outside the writer: Argon2id takes a moment per person.
  std::vector<std::string> hashes;
  for (const auto& p : kPeople) hashes.push_back(hash_password(p.password));

  auto lease = db.write();
  auto& s = lease.session();
  db::Transaction tx(s);
  seed_neighbourhoods(s, town, now, result);
  out << fmt::format("Demo accounts for {} (demo passwords; never use these in production):\n", town);
  seed_people(s, hashes, now, result, out);
  seed_legal_texts(s, town, now, result);
  tx.commit();
  return result;
}

}  // namespace qt::accounts
