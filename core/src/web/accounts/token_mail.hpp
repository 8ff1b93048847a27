#pragma once
// The one flow of every mail that carries a single-use link (confirm the address, reset the
// password, unlock a new device, confirm a new address, an invitation): the token is issued on
// the caller's session inside its transaction, so the mail goes out only if that commits, and the
// link starts at base_url. Only the plain token goes into the mail; the database keeps its hash.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include <soci/soci.h>

#include "platform/mail/message.hpp"

namespace qt::accounts {

class Accounts;

// Issues the token (inside the caller's transaction) and returns its plain value.
using IssueToken = std::function<std::string()>;
// Writes the mail around its link.
using ComposeLinkMail = std::function<mail::Mail(const std::string& link)>;

// Issues a token with `issue` and queues the mail `compose` writes around the link
// base + link_prefix + token (link_prefix like "/confirm?token=").
void send_token_mail(Accounts& a, soci::session& s, const std::string& base, std::string_view link_prefix,
                     const IssueToken& issue, const ComposeLinkMail& compose);

// The account's own single-use links (one_time_tokens): older links of the same kind stop working.
void send_confirmation_mail(Accounts& a, soci::session& s, const std::string& base, std::int64_t user_id,
                            const std::string& to, std::int64_t now);
void send_reset_mail(Accounts& a, soci::session& s, const std::string& base, std::int64_t user_id,
                     const std::string& to, std::int64_t now);
void send_unlock_mail(Accounts& a, soci::session& s, const std::string& base, std::int64_t user_id,
                      const std::string& to, std::int64_t now);

}  // namespace qt::accounts
