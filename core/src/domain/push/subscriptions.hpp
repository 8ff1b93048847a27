#pragma once
// qt::push::Subscriptions: the browsers a person switched Web Push on in (push_subscriptions),
// with the notifications they chose for each: mentions, replies (to their comments and on their
// posts) and urgent announcements. Checks every subscription before storing it: the endpoint
// (https, a public host: platform/push/endpoint.hpp) and the keys (a P-256 point, a 16-byte
// secret). Throws domain::Error with a message in German and English.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <soci/soci.h>

namespace qt::push {

struct Topics {
  bool mentions = true, replies = true, urgent = true;
};

struct NewSubscription {
  std::string endpoint, p256dh, auth;  // keys base64url, as PushSubscription.toJSON() gives them
  Topics topics;
  std::string label;  // "Firefox on Android"
};

struct Subscription {
  std::int64_t id = 0, user_id = 0;
  std::string endpoint, p256dh, auth, label;
  Topics topics;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> last_sent_at;
  std::string last_error;
};

constexpr int kMaxPerPerson = 20;

class Subscriptions {
 public:
  explicit Subscriptions(bool allow_local_endpoints) : allow_local_(allow_local_endpoints) {}

  // Stores (or, for an endpoint known already, updates and moves to this person) a subscription.
  // created is set to whether a new row was made. Returns the stored row.
  Subscription save(soci::session& s, std::int64_t user_id, const NewSubscription& in, bool& created) const;
  std::vector<Subscription> list(soci::session& s, std::int64_t user_id) const;
  std::optional<Subscription> find(soci::session& s, std::int64_t id) const;
  // Removes one of the person's subscriptions; false if they have none with that id.
  bool remove(soci::session& s, std::int64_t user_id, std::int64_t id) const;

  // Topic names <-> Topics: "mentions", "replies", "urgent". Throws domain::Error for others.
  static Topics topics_from(const boost::json::array& names);
  static boost::json::array topic_names(const Topics& t);
  // The JSON the API shows (the endpoint's host as "service", never the keys).
  static boost::json::object to_json(const Subscription& sub);

  // Privacy: what is kept about the person (export), and removing it (erasure).
  static boost::json::value export_person(soci::session& s, std::int64_t user_id);
  static void erase_person(soci::session& s, std::int64_t user_id);

 private:
  void check(const NewSubscription& in) const;
  bool allow_local_;
};

}  // namespace qt::push
