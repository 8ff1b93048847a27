#pragma once
// The test push service (tests/support/push_service.py): hands out subscriptions with keys of its
// own, receives Quartier's pushes, verifies the VAPID token and decrypts each message
// independently of the server's code (Python's cryptography).
#include <chrono>
#include <string>

#include <boost/json.hpp>

#include "http_client.hpp"
#include "python_service.hpp"

namespace qt::test {

struct PushSubscriptionKeys {
  std::string endpoint, p256dh, auth;
  // The body of POST /api/push/subscriptions, as a browser's PushSubscription.toJSON() gives it.
  boost::json::object body(const boost::json::array& topics = {"mentions", "replies", "urgent"}) const {
    return {{"endpoint", endpoint}, {"expirationTime", nullptr}, {"keys", {{"p256dh", p256dh}, {"auth", auth}}}, {"topics", topics}};
  }
};

class PushService {
 public:
  PushService() : service_("tests/support/push_service.py") {}

  std::uint16_t port() const { return service_.port(); }
  std::string origin() const { return "http://127.0.0.1:" + std::to_string(port()); }

  PushSubscriptionKeys subscribe(const std::string& name) const {
    auto o = HttpClient(port()).get("/new/" + name).json().as_object();
    return {std::string(o.at("endpoint").as_string()), std::string(o.at("p256dh").as_string()),
            std::string(o.at("auth").as_string())};
  }
  // The next answers to pushes for `name`: [{"status": 410}] or [{"delay": 3.0}].
  void script(const std::string& name, const boost::json::array& responses) const {
    HttpClient(port()).request("POST", "/script/" + name, boost::json::serialize(boost::json::object{{"responses", responses}}));
  }
  // {"requests": n, "messages": [...]} as the service recorded them.
  boost::json::object received(const std::string& name) const {
    return HttpClient(port()).get("/messages/" + name).json().as_object();
  }
  // Waits until `name` has at least `count` recorded messages; returns them.
  boost::json::array wait_messages(const std::string& name, std::size_t count,
                                   std::chrono::seconds timeout = std::chrono::seconds(30)) const;
  // Waits until at least `count` requests for `name` arrived (answered or not).
  void wait_requests(const std::string& name, std::int64_t count, std::chrono::seconds timeout = std::chrono::seconds(30)) const;
  std::string log() const { return service_.log(); }

 private:
  PythonService service_;
};

}  // namespace qt::test
