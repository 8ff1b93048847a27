#include "app/install_push.hpp"

#include <optional>

#include <boost/json.hpp>

#include "app/app.hpp"
#include "domain/notify/notifier.hpp"
#include "domain/push/sender.hpp"
#include "domain/push/subscriptions.hpp"
#include "platform/http/response.hpp"
#include "platform/jobs/durable.hpp"
#include "platform/log/log.hpp"
#include "platform/privacy/registry.hpp"
#include "platform/util/version_info.hpp"
#include "web/push/push_routes.hpp"

namespace qt::push {
namespace {

// The VAPID contact: [push] subject, else the public https address, else the sender address of mails.
std::string subject_of(const config::Config& c) {
  if (!c.push.subject.empty()) return c.push.subject;
  if (c.server.public_url.rfind("https://", 0) == 0) return c.server.public_url;
  const auto& from = c.mail.from;
  const auto lt = from.find('<'), gt = from.find('>');
  const std::string address = lt != std::string::npos && gt > lt ? from.substr(lt + 1, gt - lt - 1) : from;
  return "mailto:" + address;
}

class PushModule : public app::Module {
 public:
  explicit PushModule(app::Services& services)
      : services_(services),
        subscriptions_(services.config.push.allow_local_endpoints),
        deps_{services.db, subscriptions_, {}} {
    if (!services.config.push.enabled) {
      services.router.get("/api/push/config", [](http::Request&) {
        return http::Response::json(boost::json::object{{"enabled", false}, {"public_key", ""}, {"topics", boost::json::array{}}});
      }, http::RouteOptions{http::Access::user});
      return;
    }
    add_push_routes(services.router, deps_);
    services.privacy.add("push", [](std::int64_t user, soci::session& s) { return Subscriptions::export_person(s, user); },
                         [](std::int64_t user, soci::session& s) { Subscriptions::erase_person(s, user); });
    if (services.durable)
      services.durable->handle(Sender::kJob, [this](const jobs::JobRun& job) {
        if (!sender_) throw jobs::Postpone("push is not started on this node");
        sender_->run(job);
      });
  }

  // The key is read (or made) here, not at install: `check-config` installs the modules without
  // starting them and must not write a key file.
  void start() override {
    const auto& c = services_.config;
    if (!c.push.enabled || !services_.durable || !services_.notifier) return;
    try {
      key_.emplace(VapidKey::load_or_create(c.push.vapid_key_file));
    } catch (const PushError& e) {
      throw app::StartupError(1, std::string(e.what()) + " ([push] vapid_key_file; or set [push] enabled = false)");
    }
    deps_.public_key = key_->public_key();
    SenderSettings settings{subject_of(c), c.push.timeout_seconds * 1000L, c.push.allow_local_endpoints,
                            std::string("Quartier/" QUARTIER_VERSION_STRING)};
    sender_.emplace(services_.db, *services_.durable, *services_.notifier, *key_, std::move(settings));
    services_.notifier->set_push([this](const std::vector<std::int64_t>& ids) { sender_->enqueue(ids); });
    log::info("web push ready", {{"vapid_key_file", c.push.vapid_key_file}});
  }

 private:
  app::Services& services_;
  Subscriptions subscriptions_;
  PushRouteDeps deps_;
  std::optional<VapidKey> key_;
  std::optional<Sender> sender_;
};

}  // namespace

std::unique_ptr<qt::app::Module> install(qt::app::Services& services) {
  return std::make_unique<PushModule>(services);
}

}  // namespace qt::push
