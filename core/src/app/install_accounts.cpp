#include "app/install_accounts.hpp"

#include <chrono>

#include "domain/accounts/accounts.hpp"
#include "domain/accounts/settings.hpp"
#include "platform/jobs/scheduler.hpp"
#include "platform/log/log.hpp"
#include "platform/mail/outbox.hpp"
#include "platform/privacy/registry.hpp"
#include "web/accounts/account_support.hpp"
#include "web/gate.hpp"

namespace qt::accounts {
namespace {

class AccountsModule : public app::Module {
 public:
  explicit AccountsModule(app::Services& services)
      : services_(services),
        outbox_(services.mail),
        accounts_(services.db, outbox_, services.privacy, settings_from(services.config)) {
    accounts_.register_privacy_provider();
    accounts_.set_events(&services.events);
    services.accounts = &accounts_;
    services.gate = web::accounts_gate(accounts_);
    add_auth_routes(accounts_, services.router);
    add_unlock_routes(accounts_, services.router);
    add_me_routes(accounts_, services.router);
    add_public_routes(accounts_, services.router);
    add_admin_routes(accounts_, services.router);
    add_email_routes(accounts_, services.router);
    add_registration_routes(accounts_, services.router);
    add_avatar_routes(accounts_, services.router);
    if (outbox_.settings().smtp.url.empty())
      log::info("no [mail] smtp_url: mails are written as .eml files",
                {{"folder", outbox_.settings().outbox_dir.string()}});
  }

  void start() override {
    timers_.push_back(services_.jobs.every(std::chrono::seconds(2), "mail-delivery", [this] { outbox_.deliver_due(); }));
    timers_.push_back(services_.jobs.every(std::chrono::seconds(5), "session-touch",
                                           [this] { accounts_.flush_session_touches(); }));
    timers_.push_back(services_.jobs.every(std::chrono::minutes(15), "session-cleanup", [this] {
      accounts_.maintenance();
      outbox_.purge_sent();
    }));
  }

  void stop() override {
    for (auto id : timers_) services_.jobs.cancel(id);
    timers_.clear();
    try {
      accounts_.flush_session_touches();
    } catch (const std::exception& e) {
      log::warn("session touches not written at stop", {{"error", e.what()}});
    }
  }

 private:
  app::Services& services_;
  mail::Outbox& outbox_;
  Accounts accounts_;
  std::vector<std::uint64_t> timers_;
};

}  // namespace

std::unique_ptr<app::Module> install(app::Services& services) { return std::make_unique<AccountsModule>(services); }

}  // namespace qt::accounts
