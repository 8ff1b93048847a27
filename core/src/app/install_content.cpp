#include "app/install_content.hpp"

#include <atomic>
#include <chrono>

#include <boost/json.hpp>

#include "domain/content/images.hpp"
#include "domain/content/privacy.hpp"
#include "domain/content/store.hpp"
#include "domain/messages/messages.hpp"
#include "domain/moderation/moderation.hpp"
#include "domain/notify/digest_schedule.hpp"
#include "domain/notify/mail_fanout.hpp"
#include "domain/notify/mails.hpp"
#include "domain/notify/notifier.hpp"
#include "domain/search/search.hpp"
#include "domain/stream/actions.hpp"
#include "domain/stream/feed.hpp"
#include "domain/stream/live_item.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/websocket.hpp"
#include "platform/jobs/scheduler.hpp"
#include "platform/live/endpoint.hpp"
#include "platform/live/hub.hpp"
#include "platform/live/pg_relay.hpp"
#include "platform/log/log.hpp"
#include "platform/mail/outbox.hpp"
#include "platform/privacy/registry.hpp"
#include "web/messages.hpp"
#include "web/routes.hpp"
#include "platform/db/transaction.hpp"
#include "platform/events/bus.hpp"

namespace qt::content {
namespace {

constexpr int kReportThreshold = 3;  // distinct reporters that hide an item until reviewed

// Pictures in posts and comments: the media folder, limits and format of profile pictures.
ImageSettings image_settings(const config::Config& c) {
  ImageSettings s;
  s.dir = c.media.dir;
  s.limits.max_bytes = c.media.max_upload_bytes;
  s.limits.max_pixels = c.media.max_pixels;
  s.format = media::image_format_from(c.media.avatar_format);
  return s;
}

class ContentModule : public app::Module {
 public:
  explicit ContentModule(app::Services& services)
      : services_(services),
        hub_(services.live),
        store_(services.db),
        notifier_(services.db, store_, hub_),
        fanout_(services.db, notifier_, [&jobs = services.jobs](std::function<void()> f) { jobs.post(std::move(f)); }),
        feed_(store_),
        actions_(services.db, store_, notifier_, hub_),
        moderation_(services.db, store_, notifier_, kReportThreshold),
        search_(services.db.dialect(), feed_),
        images_(image_settings(services.config), services.db),
        messages_(services.db, hub_),
        digests_(services.db, notifier_, services.config.mail.digest_hour),
        deps_{services.db, store_, feed_, actions_, notifier_, moderation_, search_, images_} {
    store_.set_events(&services.events);  // the core events (content.*, comment.*, membership.*)
    store_.set_images(&images_);
    actions_.set_images(&images_);
    services.content = &store_;
    services.notifier = &notifier_;
    services.moderation = &moderation_;
    services.messages = &messages_;
    services.mail_fanout = &fanout_;
    actions_.limits.writes.max = services.config.auth.writes_per_user_10min;
    actions_.set_mail_fanout(&fanout_);
    services.metrics.add_gauge("quartier_group_commit", "Write transactions committed, and the posts, comments and "
                               "reactions they carried (works / commits = average group size).", [this] {
      const auto st = actions_.group_commit_stats();
      return std::vector<std::pair<std::string, double>>{{"kind=\"commits\"", static_cast<double>(st.commits)},
                                                         {"kind=\"works\"", static_cast<double>(st.works)}};
    });
    notifier_.set_mail(notify::mail_hooks(services.db, services.mail, services.config));
    register_privacy(services.privacy);
    stream::add_content_routes(services.router, deps_);
    stream::add_notification_routes(services.router, deps_);
    stream::add_search_routes(services.router, deps_);
    stream::add_moderation_routes(services.router, deps_);
    stream::add_image_routes(services.router, deps_, image_limiter_, {30, std::chrono::minutes(30)});
    messages::add_messages_routes(services.router, services.db, store_, messages_);
    services.websockets.emplace_back("/api/live", live::upgrade_handler(hub_));
    if (services.db.dialect() == db::Dialect::postgresql) {
      // Several nodes may share this database: carry live events between them.
      relay_ = std::make_unique<live::PgRelay>(services.config.database.url, hub_);
      relay_->attach();
      // Who is online is known per node: each node pushes new items and notifications to its
      // own connections when another node tells it about them.
      hub_.on_node_event(stream::kNewItemEvent, [this](const boost::json::value& d) {
        stream::deliver_new_item_here(services_.db, store_, hub_, d.at("id").to_number<std::int64_t>());
      });
      hub_.on_node_event(notify::Notifier::kNodeEvent,
                         [this](const boost::json::value& d) { notifier_.deliver_from_other_node(d); });
    }
  }

  void start() override {
    {
      // The built-in containers exist before anyone posts (neighbourhoods added later are
      // created on their first post).
      auto lease = services_.db.write();
      db::Transaction tx(*lease);
      store_.city_container(*lease);
      std::vector<std::int64_t> ids;
      std::int64_t id = 0;
      soci::statement st = (lease->prepare << "SELECT id FROM neighbourhoods ORDER BY id", soci::into(id));
      st.execute();
      while (st.fetch()) ids.push_back(id);
      for (auto nb : ids) store_.neighbourhood_container(*lease, nb);
      tx.commit();
    }
    using namespace std::chrono_literals;
    if (relay_) timers_.push_back(services_.jobs.every(100ms, "live-relay", [this] { relay_->poll(); }));
    // Urgent mail jobs a stop interrupted; again every 10 minutes after a failed batch (a
    // second runner of the same job is safe: batches are claimed).
    fanout_.resume_all();
    timers_.push_back(services_.jobs.every(10min, "urgent-mail-resume", [this] { fanout_.resume_all(); }));
    if (services_.config.mail.digest_hour >= 0)
      timers_.push_back(services_.jobs.every(1min, "digest", [this] { digests_.tick(std::chrono::system_clock::now()); }));
  }

  void stop() override {
    for (auto id : timers_) services_.jobs.cancel(id);
    timers_.clear();
    fanout_.stop();
    hub_.on_node_event(stream::kNewItemEvent, {});
    hub_.on_node_event(notify::Notifier::kNodeEvent, {});
    hub_.set_relay({});
    hub_.shutdown();
  }

 private:
  void register_privacy(privacy::Registry& registry) {
    registry.add(
        "content",
        [this](std::int64_t user, soci::session& s) {
          auto out = export_person(s, user);
          out.as_object()["images"] = images_.export_person(s, user);
          return out;
        },
        [this](std::int64_t user, soci::session& s) {
          images_.erase_person(s, user);
          erase_person(s, user);
        });
  }

  app::Services& services_;
  live::Hub& hub_;
  Store store_;
  notify::Notifier notifier_;
  notify::MailFanout fanout_;
  stream::Feed feed_;
  stream::Actions actions_;
  moderation::Moderation moderation_;
  search::Search search_;
  Images images_;
  accounts::RateLimiter image_limiter_;
  messages::Messages messages_;
  notify::DigestSchedule digests_;
  stream::RouteDeps deps_;
  std::unique_ptr<live::PgRelay> relay_;
  std::vector<std::uint64_t> timers_;
};

}  // namespace

std::unique_ptr<app::Module> install(app::Services& services) { return std::make_unique<ContentModule>(services); }

}  // namespace qt::content
