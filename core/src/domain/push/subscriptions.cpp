#include "domain/push/subscriptions.hpp"

#include <boost/json.hpp>

#include "domain/content/store.hpp"
#include "domain/errors/error.hpp"
#include "platform/push/endpoint.hpp"
#include "platform/push/keys.hpp"

namespace qt::push {
namespace {

using domain::Error;
using domain::ErrorKind;

constexpr const char* kCols =
    "id, user_id, endpoint, p256dh, auth, label, want_mentions, want_replies, want_urgent, created_at, last_sent_at, "
    "last_error";

struct Row {
  Subscription sub;
  std::int64_t m = 0, r = 0, u = 0, sent = 0;
  soci::indicator sent_ind = soci::i_null;
  void into(soci::details::prepare_temp_type& p) {
    p, soci::into(sub.id), soci::into(sub.user_id), soci::into(sub.endpoint), soci::into(sub.p256dh),
        soci::into(sub.auth), soci::into(sub.label), soci::into(m), soci::into(r), soci::into(u),
        soci::into(sub.created_at), soci::into(sent, sent_ind), soci::into(sub.last_error);
  }
  Subscription finish() const {
    Subscription out = sub;
    out.topics = Topics{m != 0, r != 0, u != 0};
    if (sent_ind == soci::i_ok) out.last_sent_at = sent;
    return out;
  }
};

Error invalid(const std::string& de, const std::string& en) {
  return Error(ErrorKind::invalid, "invalid_subscription", de + " / " + en);
}

std::int64_t others_of(soci::session& s, std::int64_t user_id, const std::string& endpoint) {
  std::int64_t n = 0;
  s << "SELECT COUNT(*) FROM push_subscriptions WHERE user_id = :u AND endpoint <> :e", soci::use(user_id, "u"),
      soci::use(endpoint, "e"), soci::into(n);
  return n;
}

}  // namespace

void Subscriptions::check(const NewSubscription& in) const {
  try {
    check_endpoint(in.endpoint, allow_local_);
  } catch (const PushError& e) {
    throw invalid("Die Push-Adresse des Browsers wird nicht angenommen (" + std::string(e.what()) +
                      "). Bitte Push in einem anderen Browser einschalten.",
                  "The browser's push endpoint is not accepted: " + std::string(e.what()) + ".");
  }
  try {
    public_key_from_point(b64url_decode(in.p256dh, "keys.p256dh"));
    if (b64url_decode(in.auth, "keys.auth").size() != 16) throw PushError("keys.auth must be 16 bytes");
  } catch (const PushError& e) {
    throw invalid("Die Schlüssel des Browsers sind ungültig (" + std::string(e.what()) +
                      "). Bitte Push aus- und wieder einschalten.",
                  "The browser's keys are invalid: " + std::string(e.what()) + "; switch push off and on again.");
  }
  if (!in.topics.mentions && !in.topics.replies && !in.topics.urgent)
    throw invalid("Bitte mindestens eine Art von Benachrichtigung wählen oder Push ausschalten.",
                  "Choose at least one kind of notification, or switch push off.");
}

Subscription Subscriptions::save(soci::session& s, std::int64_t user_id, const NewSubscription& in, bool& created) const {
  check(in);
  if (others_of(s, user_id, in.endpoint) >= kMaxPerPerson)
    throw Error(ErrorKind::conflict, "too_many_subscriptions",
                "Push ist schon auf " + std::to_string(kMaxPerPerson) +
                    " Geräten eingeschaltet; bitte zuerst eines in den Einstellungen entfernen. / Push is on for " +
                    std::to_string(kMaxPerPerson) + " devices already; remove one in the settings first.");
  const std::int64_t m = in.topics.mentions, r = in.topics.replies, u = in.topics.urgent, t = content::now_ms();
  std::int64_t id = 0;
  s << "SELECT id FROM push_subscriptions WHERE endpoint = :e", soci::use(in.endpoint, "e"), soci::into(id);
  created = !s.got_data();
  if (created) {
    s << "INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth, label, want_mentions, want_replies,"
         " want_urgent, created_at) VALUES (:u, :e, :p, :a, :l, :m, :r, :g, :t) RETURNING id",
        soci::use(user_id, "u"), soci::use(in.endpoint, "e"), soci::use(in.p256dh, "p"), soci::use(in.auth, "a"),
        soci::use(in.label, "l"), soci::use(m, "m"), soci::use(r, "r"), soci::use(u, "g"), soci::use(t, "t"),
        soci::into(id);
  } else {
    s << "UPDATE push_subscriptions SET user_id = :u, p256dh = :p, auth = :a, label = :l, want_mentions = :m,"
         " want_replies = :r, want_urgent = :g, last_error = '' WHERE id = :id",
        soci::use(user_id, "u"), soci::use(in.p256dh, "p"), soci::use(in.auth, "a"), soci::use(in.label, "l"),
        soci::use(m, "m"), soci::use(r, "r"), soci::use(u, "g"), soci::use(id, "id");
  }
  return *find(s, id);
}

std::vector<Subscription> Subscriptions::list(soci::session& s, std::int64_t user_id) const {
  std::vector<Subscription> out;
  Row row;
  auto p = (s.prepare << "SELECT " << kCols << " FROM push_subscriptions WHERE user_id = :u ORDER BY id",
            soci::use(user_id, "u"));
  row.into(p);
  soci::statement st(p);
  st.execute();
  while (st.fetch()) out.push_back(row.finish());
  return out;
}

std::optional<Subscription> Subscriptions::find(soci::session& s, std::int64_t id) const {
  Row row;
  auto p = (s.prepare << "SELECT " << kCols << " FROM push_subscriptions WHERE id = :id", soci::use(id, "id"));
  row.into(p);
  soci::statement st(p);
  st.execute();
  if (!st.fetch()) return std::nullopt;
  return row.finish();
}

bool Subscriptions::remove(soci::session& s, std::int64_t user_id, std::int64_t id) const {
  soci::statement st = (s.prepare << "DELETE FROM push_subscriptions WHERE id = :id AND user_id = :u",
                        soci::use(id, "id"), soci::use(user_id, "u"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

Topics Subscriptions::topics_from(const boost::json::array& names) {
  Topics t{false, false, false};
  for (const auto& v : names) {
    const std::string_view n = v.is_string() ? std::string_view(v.as_string()) : std::string_view();
    if (n == "mentions") t.mentions = true;
    else if (n == "replies") t.replies = true;
    else if (n == "urgent") t.urgent = true;
    else
      throw invalid("topics darf nur \"mentions\", \"replies\" und \"urgent\" enthalten.",
                    "topics may only hold \"mentions\", \"replies\" and \"urgent\".");
  }
  return t;
}

boost::json::array Subscriptions::topic_names(const Topics& t) {
  boost::json::array a;
  if (t.mentions) a.emplace_back("mentions");
  if (t.replies) a.emplace_back("replies");
  if (t.urgent) a.emplace_back("urgent");
  return a;
}

boost::json::object Subscriptions::to_json(const Subscription& sub) {
  boost::json::object o{{"id", sub.id},         {"label", sub.label},           {"service", host_of(sub.endpoint)},
                        {"endpoint", sub.endpoint}, {"topics", topic_names(sub.topics)}, {"created_at", sub.created_at}};
  o["last_sent_at"] = sub.last_sent_at ? boost::json::value(*sub.last_sent_at) : boost::json::value(nullptr);
  o["last_error"] = sub.last_error;
  return o;
}

boost::json::value Subscriptions::export_person(soci::session& s, std::int64_t user_id) {
  boost::json::array out;
  for (const auto& sub : Subscriptions(false).list(s, user_id)) out.push_back(to_json(sub));
  return boost::json::object{{"subscriptions", std::move(out)}};
}

void Subscriptions::erase_person(soci::session& s, std::int64_t user_id) {
  s << "DELETE FROM push_subscriptions WHERE user_id = :u", soci::use(user_id, "u");
}

}  // namespace qt::push
