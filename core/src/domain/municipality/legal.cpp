#include "domain/municipality/legal.hpp"

namespace qt::accounts {

bool valid_legal_kind(const std::string& kind) {
  return kind == "imprint" || kind == "privacy" || kind == "terms" || kind == "accessibility";
}

bool consent_document(const std::string& kind) { return kind == "privacy" || kind == "terms"; }

std::optional<LegalText> current_legal_text(soci::session& s, const std::string& kind) {
  LegalText t;
  long long version = 0, created = 0;
  s << "SELECT version, body, created_at FROM legal_texts WHERE kind = :k ORDER BY version DESC LIMIT 1",
      soci::use(kind), soci::into(version), soci::into(t.body), soci::into(created);
  if (!s.got_data()) return std::nullopt;
  t.kind = kind;
  t.version = version;
  t.created_at = created;
  return t;
}

std::int64_t publish_legal_text(soci::session& s, const std::string& kind, const std::string& body,
                                std::int64_t actor_id, std::int64_t now) {
  long long max_version = 0;
  soci::indicator ind = soci::i_ok;
  s << "SELECT MAX(version) FROM legal_texts WHERE kind = :k", soci::use(kind), soci::into(max_version, ind);
  const long long version = (ind == soci::i_ok ? max_version : 0) + 1;
  const long long t = now, actor = actor_id;
  soci::indicator actor_ind = actor_id ? soci::i_ok : soci::i_null;
  s << "INSERT INTO legal_texts (kind, version, body, created_at, created_by) VALUES (:k, :v, :b, :t, :a)",
      soci::use(kind), soci::use(version), soci::use(body), soci::use(t), soci::use(actor, actor_ind);
  return version;
}

boost::json::object legal_json(const LegalText& t) {
  return {{"kind", t.kind}, {"version", t.version}, {"body", t.body}, {"updated_at", t.created_at}};
}

void record_consent(soci::session& s, std::int64_t user_id, const std::string& document, std::int64_t version,
                    std::int64_t now) {
  const long long uid = user_id, v = version, t = now;
  s << "INSERT INTO consents (user_id, document, version, at) VALUES (:u, :d, :v, :t)", soci::use(uid),
      soci::use(document), soci::use(v), soci::use(t);
}

void consent_to_current(soci::session& s, std::int64_t user_id, std::int64_t now) {
  for (const char* doc : {"privacy", "terms"})
    if (auto t = current_legal_text(s, doc)) record_consent(s, user_id, doc, t->version, now);
}

boost::json::array consent_required(soci::session& s, std::int64_t user_id) {
  boost::json::array out;
  const long long uid = user_id;
  for (const std::string doc : {"privacy", "terms"}) {
    auto t = current_legal_text(s, doc);
    if (!t) continue;
    long long agreed = 0;
    soci::indicator ind = soci::i_ok;
    s << "SELECT MAX(version) FROM consents WHERE user_id = :u AND document = :d", soci::use(uid), soci::use(doc),
        soci::into(agreed, ind);
    if (ind != soci::i_ok || agreed < t->version)
      out.push_back(boost::json::object{{"document", doc}, {"version", t->version}});
  }
  return out;
}

boost::json::array consents_of(soci::session& s, std::int64_t user_id) {
  boost::json::array out;
  const long long uid = user_id;
  long long version = 0, at = 0;
  std::string doc;
  soci::statement st = (s.prepare << "SELECT document, version, at FROM consents WHERE user_id = :u ORDER BY at, id",
                        soci::use(uid), soci::into(doc), soci::into(version), soci::into(at));
  st.execute();
  while (st.fetch()) out.push_back(boost::json::object{{"document", doc}, {"version", version}, {"at", at}});
  return out;
}

}  // namespace qt::accounts
