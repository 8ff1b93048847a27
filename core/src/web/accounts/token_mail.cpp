#include "web/accounts/token_mail.hpp"

#include "domain/accounts/accounts.hpp"
#include "domain/accounts/mails.hpp"
#include "domain/credentials/one_time_tokens.hpp"
#include "platform/mail/outbox.hpp"

namespace qt::accounts {

void send_token_mail(Accounts& a, soci::session& s, const std::string& base, std::string_view link_prefix,
                     const IssueToken& issue, const ComposeLinkMail& compose) {
  const std::string token = issue();
  a.outbox().queue(s, compose(base + std::string(link_prefix) + token));
}

namespace {

// A mail whose link carries a one_time_tokens token of the account's.
struct AccountLink {
  const char* purpose;      // one_time_tokens.purpose
  const char* link_prefix;  // the front end's page that takes the token
  std::int64_t Settings::*valid_ms;
  mail::Mail (*compose)(const std::string& to, const std::string& municipality, const std::string& link);
};

constexpr AccountLink kConfirm{"confirm", "/confirm?token=", &Settings::confirm_token_ms, &mails::confirm};
constexpr AccountLink kReset{"reset", "/password-reset?token=", &Settings::reset_token_ms, &mails::reset};
constexpr AccountLink kUnlock{"unlock", "/unlock?token=", &Settings::reset_token_ms, &mails::unlock};

void send_account_link(Accounts& a, soci::session& s, const std::string& base, std::int64_t user_id,
                       const std::string& to, std::int64_t now, const AccountLink& l) {
  send_token_mail(
      a, s, base, l.link_prefix, [&] { return issue_token(s, user_id, l.purpose, now, a.settings().*l.valid_ms); },
      [&](const std::string& link) { return l.compose(to, a.settings().municipality, link); });
}

}  // namespace

void send_confirmation_mail(Accounts& a, soci::session& s, const std::string& base, std::int64_t user_id,
                            const std::string& to, std::int64_t now) {
  send_account_link(a, s, base, user_id, to, now, kConfirm);
}

void send_reset_mail(Accounts& a, soci::session& s, const std::string& base, std::int64_t user_id,
                     const std::string& to, std::int64_t now) {
  send_account_link(a, s, base, user_id, to, now, kReset);
}

void send_unlock_mail(Accounts& a, soci::session& s, const std::string& base, std::int64_t user_id,
                      const std::string& to, std::int64_t now) {
  send_account_link(a, s, base, user_id, to, now, kUnlock);
}

}  // namespace qt::accounts
