#include "accounts/module.hpp"

#include <chrono>

#include "accounts/accounts.hpp"
#include "accounts/settings.hpp"
#include "jobs/scheduler.hpp"
#include "log/log.hpp"
#include "mail/outbox.hpp"
#include "privacy/registry.hpp"

namespace qt::accounts {
namespace {

class AccountsModule : public app::Module {
 public:
  explicit AccountsModule(app::Services& services)
      : services_(services),
        outbox_(services.db, outbox_settings_from(services.config)),
        accounts_(services.db, outbox_, privacy_, settings_from(services.config)) {
    accounts_.register_privacy_provider();
    services.privacy = &privacy_;
    services.mail = &outbox_;
    services.accounts = &accounts_;
    services.gate = [this](http::Request& req, const http::Route& route) { return accounts_.gate(req, route); };
    add_auth_routes(accounts_, services.router);
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
  privacy::Registry privacy_;
  mail::Outbox outbox_;
  Accounts accounts_;
  std::vector<std::uint64_t> timers_;
};

}  // namespace

std::unique_ptr<app::Module> install(app::Services& services) { return std::make_unique<AccountsModule>(services); }

}  // namespace qt::accounts
