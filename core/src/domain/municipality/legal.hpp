#pragma once
// Imprint, privacy statement, terms and accessibility statement: set by an admin, versioned.
// Consent to privacy and terms is recorded with the version, and asked again after a change.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <soci/soci.h>

namespace qt::accounts {

bool valid_legal_kind(const std::string& kind);       // imprint, privacy, terms, accessibility
bool consent_document(const std::string& kind);       // privacy, terms

struct LegalText {
  std::string kind;
  std::int64_t version = 0;
  std::string body;
  std::int64_t created_at = 0;
};

std::optional<LegalText> current_legal_text(soci::session& s, const std::string& kind);
// Stores a new version; returns its number.
std::int64_t publish_legal_text(soci::session& s, const std::string& kind, const std::string& body,
                                std::int64_t actor_id, std::int64_t now);
boost::json::object legal_json(const LegalText& t);

void record_consent(soci::session& s, std::int64_t user_id, const std::string& document, std::int64_t version,
                    std::int64_t now);
// Consents to every current consent document (registration).
void consent_to_current(soci::session& s, std::int64_t user_id, std::int64_t now);
// [{document, version}] the person has not agreed to in its current version.
boost::json::array consent_required(soci::session& s, std::int64_t user_id);
boost::json::array consents_of(soci::session& s, std::int64_t user_id);

}  // namespace qt::accounts
